/**
 * `auth login | status | logout` and the config file shared with the Python CLI: login → status →
 * command → logout on a temporary HOME, the file's keys, format and mode, a file written the way the
 * Python CLI writes it, and the environment's precedence.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskKey, readConfig } from "../../src/cli/config";
import { startHarness, tempHome, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** No key or URL from the environment: only the config file. */
const fileOnly = { ARMOR_API_KEY: undefined, ARMOR_API_URL: undefined };

describe("login → status → command → logout", () => {
  it("should store the key, show it masked, use it, and forget it", async () => {
    const home = tempHome();
    const key = h.sandbox.keys.admin;
    const login = await h.cli(["auth", "login", "--api-key", key, "--api-url", h.server.url], { home, env: fileOnly });
    expect(login.code).toBe(0);
    const file = path.join(home, ".armor", "config.yaml");
    expect(login.stdout).toContain(file);
    expect(login.stdout).not.toContain(key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(file, "utf8"))).toEqual({ api_key: key, api_url: h.server.url });

    const status = await h.cli(["auth", "status"], { home, env: fileOnly });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`API key: ${maskKey(key)}`);
    expect(maskKey(key)).toBe(`aa_live_...${key.slice(-4)}`);
    expect(status.stdout).not.toContain(key);
    expect(status.stdout).toContain(`API URL: ${h.server.url}`);
    const statusJson = await h.cli(["auth", "status", "--json"], { home, env: fileOnly });
    expect(statusJson.json()).toEqual({
      authenticated: true,
      api_key: maskKey(key),
      api_url: h.server.url,
      source: "file",
    });

    const command = await h.cli(["freshness", "check", "snowflake.prod.warehouse.orders"], { home, env: fileOnly });
    expect(command.code).toBe(0);

    const logout = await h.cli(["auth", "logout"], { home, env: fileOnly });
    expect(logout.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const after = await h.cli(["auth", "status"], { home, env: fileOnly });
    expect(after.code).toBe(2);
    expect(after.stderr).toContain("Not logged in");
    expect((await h.cli(["assets", "list"], { home, env: fileOnly })).code).toBe(2);
    // Logging out twice is fine.
    expect((await h.cli(["auth", "logout"], { home, env: fileOnly })).code).toBe(0);
  });

  it("should ask for the key when -k is left out, and accept a read-only key", async () => {
    const home = tempHome();
    const key = h.sandbox.keys.readOnly;
    const r = await h.cli(["auth", "login", "--api-url", h.server.url], { home, env: fileOnly, stdin: [key] });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("API key: ");
    expect(r.stderr).not.toContain(key);
    expect(parse(readFileSync(path.join(home, ".armor", "config.yaml"), "utf8")).api_key).toBe(key);
  });

  it("should refuse a malformed key and a key the server does not know, with exit 2 and no file", async () => {
    const home = tempHome();
    const malformed = await h.cli(["auth", "login", "-k", "sk_not_an_armor_key", "--api-url", h.server.url], {
      home,
      env: fileOnly,
    });
    expect(malformed.code).toBe(2);
    const unknown = "aa_live_NobodyIssuedThisKey000000000000000000";
    const refused = await h.cli(["auth", "login", "-k", unknown, "--api-url", h.server.url, "--json"], {
      home,
      env: fileOnly,
    });
    expect(refused.code).toBe(2);
    expect(refused.json()).toMatchObject({ error: { name: "AuthenticationError", status: 401 } });
    expect(refused.stdout + refused.stderr).not.toContain(unknown);
    expect(existsSync(path.join(home, ".armor", "config.yaml"))).toBe(false);
  });

  it("should not store the production URL, as the Python CLI does not", async () => {
    const home = tempHome();
    // Unreachable production is not needed: the login fails to connect and nothing is written.
    const r = await h.cli(["auth", "login", "-k", h.sandbox.keys.admin, "--timeout", "1", "--json"], {
      home,
      env: { ...fileOnly, ARMOR_API_URL: "http://127.0.0.1:9/api/v1" },
    });
    expect(r.code).toBe(5);
    expect(existsSync(path.join(home, ".armor", "config.yaml"))).toBe(false);
  });
});

describe("the config file", () => {
  it("should read a file written by the Python CLI (PyYAML, every key)", async () => {
    const home = tempHome();
    mkdirSync(path.join(home, ".armor"), { recursive: true });
    // What `yaml.dump(data, default_flow_style=False)` writes, plus the two keys users add by hand.
    writeFileSync(
      path.join(home, ".armor", "config.yaml"),
      `api_key: ${h.sandbox.keys.readWrite}\napi_url: ${h.server.url}\nretry_attempts: 3\ntimeout: 30\n`,
      { mode: 0o600 },
    );
    expect(await readConfig(home)).toEqual({
      api_key: h.sandbox.keys.readWrite,
      api_url: h.server.url,
      retry_attempts: 3,
      timeout: 30,
    });
    const r = await h.cli(["freshness", "refresh", "snowflake.prod.warehouse.orders"], { home, env: fileOnly });
    expect(r.code).toBe(0);
  });

  it("should let ARMOR_API_KEY and ARMOR_API_URL override the file", async () => {
    const home = tempHome();
    mkdirSync(path.join(home, ".armor"), { recursive: true });
    writeFileSync(
      path.join(home, ".armor", "config.yaml"),
      "api_key: aa_live_StaleKeyFromAnOldLogin0000000000000000\napi_url: http://127.0.0.1:9/api/v1\n",
    );
    const fromFile = await h.cli(["assets", "list"], { home, env: fileOnly });
    expect(fromFile.code).toBe(5);
    const r = await h.cli(["auth", "status", "--json"], {
      home,
      env: { ARMOR_API_KEY: h.sandbox.keys.admin, ARMOR_API_URL: h.server.url },
    });
    expect(r.json()).toMatchObject({ source: "env", api_url: h.server.url });
    const command = await h.cli(["assets", "list"], {
      home,
      env: { ARMOR_API_KEY: h.sandbox.keys.admin, ARMOR_API_URL: h.server.url },
    });
    expect(command.code).toBe(0);
  });

  it("should exit 5 on a config file that is not YAML, without quoting it", async () => {
    const home = tempHome();
    mkdirSync(path.join(home, ".armor"), { recursive: true });
    writeFileSync(path.join(home, ".armor", "config.yaml"), "api_key: [aa_live_SecretInBrokenYaml\n");
    const r = await h.cli(["assets", "list"], { home, env: fileOnly });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("not valid YAML");
    expect(r.stderr).not.toContain("SecretInBrokenYaml");
  });
});
