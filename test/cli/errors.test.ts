/**
 * Exit codes and error output of the command line: every code (2 auth and usage, 3 not found, 4 rate
 * limited, 5 other), the `--json` error object, the insecure-http rule, `--help` without side effects,
 * and no key in anything printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodeOf, worstExit } from "../../src/cli/program";
import { AuthorizationError, NotFoundError, ValidationError } from "../../src/core/errors";
import { startHarness, type CliResult, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    faults: [
      { kind: "rate-limit", retryAfter: 7, format: "seconds", routes: ["/sdk/alerts/summary"] },
      { kind: "status", status: 500, routes: ["/sdk/schema/summary"] },
    ],
  });
});
afterAll(async () => {
  await h?.close();
});

const printed = (r: CliResult) => r.stdout + r.stderr;

/** The command names a help text lists under "Commands:". */
const commandsOf = (help: string) =>
  [...(help.split("\nCommands:\n")[1] ?? "").matchAll(/^ {2}([a-z-]+)(?= |$)/gm)]
    .map((m) => m[1]!)
    .filter((name) => name !== "help");

describe("exit codes", () => {
  it("should exit 2 without a key, and say how to log in", async () => {
    const r = await h.cli(["freshness", "summary"], { env: { ARMOR_API_KEY: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("anomalyarmor auth login");
    const json = await h.cli(["freshness", "summary", "--json"], { env: { ARMOR_API_KEY: undefined } });
    expect(json.code).toBe(2);
    expect(json.json()).toEqual({
      error: { name: "CliError", code: "NO_API_KEY", message: expect.any(String), status: null },
    });
  });

  it("should exit 2 on a key the server refuses, without printing it", async () => {
    const bad = "aa_live_ThisKeyDoesNotExistAnywhere0000000000";
    const r = await h.cli(["assets", "list"], { env: { ARMOR_API_KEY: bad } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: /);
    expect(printed(r)).not.toContain(bad);
    const json = await h.cli(["assets", "list", "--json"], { env: { ARMOR_API_KEY: bad } });
    expect(json.code).toBe(2);
    expect(json.json()).toMatchObject({ error: { name: "AuthenticationError", status: 401 } });
    expect(printed(json)).not.toContain(bad);
  });

  it("should exit 3 on a missing resource, with the server's message", async () => {
    const r = await h.cli(["badges", "get", "00000000-0000-4000-8000-000000000000", "--json"]);
    expect(r.code).toBe(3);
    expect(r.json()).toMatchObject({ error: { name: "NotFoundError", status: 404 } });
  });

  it("should exit 4 when rate limited, printing the wait", async () => {
    const r = await h.cli(["alerts", "summary"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("Retry after 7 seconds");
    const json = await h.cli(["alerts", "summary", "--json"]);
    expect(json.code).toBe(4);
    expect(json.json()).toMatchObject({ error: { name: "RateLimitError", code: "RATE_LIMIT_EXCEEDED", status: 429 } });
    expect(json.stderr).toBe("");
  });

  it("should exit 5 on a server error", async () => {
    const r = await h.cli(["schema", "summary"]);
    expect(r.code).toBe(5);
    const json = await h.cli(["schema", "summary", "--json"]);
    expect(json.code).toBe(5);
    expect(json.json()).toMatchObject({ error: { name: "ServerError", status: 500 } });
  });

  it("should exit 5 when nothing answers, and honour --timeout in seconds", async () => {
    const r = await h.cli(["freshness", "summary", "--timeout", "0.5", "--json"], {
      env: { ARMOR_API_URL: "http://127.0.0.1:9/api/v1" },
    });
    expect(r.code).toBe(5);
    expect(r.json()).toMatchObject({ error: { name: "ConnectionError", status: null } });
  });

  it("should take --api-url over ARMOR_API_URL", async () => {
    const r = await h.cli(["freshness", "summary", "--api-url", h.server.url], {
      env: { ARMOR_API_URL: "http://127.0.0.1:9/api/v1" },
    });
    expect(r.code).toBe(0);
  });

  it("should refuse plain http to a host that is not loopback unless --allow-insecure-http", async () => {
    const before = h.sandbox.requests.length;
    const r = await h.cli(["assets", "list", "--api-url", "http://armor.example.com/api/v1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--allow-insecure-http");
    expect(h.sandbox.requests.length).toBe(before);
    const allowed = await h.cli(
      [
        "assets",
        "list",
        "--api-url",
        "http://armor.invalid/api/v1",
        "--allow-insecure-http",
        "--timeout",
        "2",
        "--json",
      ],
      {},
    );
    // Allowed, so it tries: the host does not resolve, a connection error (5), not a usage error.
    expect(allowed.code).toBe(5);
  });

  it("should exit 2 on usage errors, as click does", async () => {
    for (const args of [
      ["nope"],
      ["assets"],
      ["assets", "lst"],
      ["assets", "get"],
      ["assets", "get", "a", "b"],
      ["assets", "list", "--bogus"],
      ["assets", "list", "--limit", "many"],
      ["freshness", "check"],
      ["freshness", "check", "x", "--max-age", "old"],
      ["assets", "list", "--timeout", "0"],
    ]) {
      const r = await h.cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).not.toBe("");
    }
  });

  it("should exit 2 on a value the SDK rejects before sending", async () => {
    const before = h.sandbox.requests.length;
    const r = await h.cli(["assets", "list", "--limit", "1000", "--json"]);
    expect(r.code).toBe(2);
    expect(r.json()).toMatchObject({ error: { name: "ValidationError", status: null } });
    expect(h.sandbox.requests.length).toBe(before);
  });

  it("should exit 2 on a bad ARMOR_TIMEOUT", async () => {
    expect((await h.cli(["assets", "list"], { env: { ARMOR_TIMEOUT: "soon" } })).code).toBe(2);
  });
});

describe("help and version", () => {
  it("should print help for the program, every group and every command, exit 0, with no request", async () => {
    const before = h.sandbox.requests.length;
    const root = await h.cli(["--help"]);
    expect(root.code).toBe(0);
    const groups = commandsOf(root.stdout);
    expect(groups).toEqual(
      expect.arrayContaining([
        "auth",
        "assets",
        "freshness",
        "schema",
        "alerts",
        "api-keys",
        "lineage",
        "intelligence",
        "jobs",
        "tags",
        "badges",
        "metrics",
        "validity",
        "referential",
        "demo",
        "sandbox",
      ]),
    );
    let commands = 0;
    for (const group of groups) {
      const g = await h.cli([group, "--help"]);
      expect(g.code, group).toBe(0);
      expect(g.stdout, group).toMatch(/^Usage: anomalyarmor /);
      const subs = commandsOf(g.stdout);
      for (const sub of subs) {
        const c = await h.cli([group, sub, "--help"]);
        expect(c.code, `${group} ${sub}`).toBe(0);
        if (!["rules", "destinations"].includes(sub) && group !== "demo") {
          expect(c.stdout, `${group} ${sub}`).toContain("--json");
          if (!["demo", "sandbox"].includes(group)) {
            expect(c.stdout, `${group} ${sub}`).toContain("--api-url");
            expect(c.stdout, `${group} ${sub}`).toContain("--timeout");
          }
          commands++;
        }
      }
    }
    // The Python CLI's 48 commands but the six of alerts rules/destinations (checked below).
    expect(commands).toBe(42);
    for (const sub of ["rules", "destinations"]) {
      for (const verb of ["list", "get", "delete"]) {
        const c = await h.cli(["alerts", sub, verb, "--help"]);
        expect(c.code).toBe(0);
        expect(c.stdout).toContain("--json");
      }
    }
    expect((await h.cli(["sandbox", "--help"])).stdout).toContain("--port");
    expect(h.sandbox.requests.length).toBe(before);
  });

  it("should print the version", async () => {
    const r = await h.cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("exit code rules", () => {
  it("should map errors to codes and rank outcomes 2, 4, 5, 3, 1, 0", () => {
    expect(exitCodeOf(new AuthorizationError("scope"))).toBe(2);
    expect(exitCodeOf(new NotFoundError("gone"))).toBe(3);
    expect(exitCodeOf(new ValidationError("bad", { status: 422 }))).toBe(5);
    expect(exitCodeOf(new Error("bug"))).toBe(5);
    const order = [2, 4, 5, 3, 1, 0];
    for (let i = 0; i < order.length; i++)
      for (let j = 0; j < order.length; j++) expect(worstExit(order[i]!, order[j]!)).toBe(order[Math.min(i, j)]);
  });
});
