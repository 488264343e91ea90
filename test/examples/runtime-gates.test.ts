/**
 * examples/deno-gate.ts and examples/bun-gate.ts, run by the real runtimes (the `deno` and `bun` npm
 * packages) against a sandbox served on loopback. They import `anomalyarmor/adapters` by name, which
 * resolves to this package's built dist/ (`npm test` builds it first).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../src/testing/index";
import { serveSandbox, type SandboxServer } from "../../src/testing/server";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLES = path.join(ROOT, "examples");
const ORDERS = "snowflake.prod.warehouse.orders";

/**
 * The runtime's binary: node_modules/.bin first; where the package's install script did not run,
 * the binary shipped in its platform package.
 */
function binary(name: "deno" | "bun"): string {
  const candidates = [path.join(ROOT, "node_modules", ".bin", name)];
  const scope = path.join(ROOT, "node_modules", name === "deno" ? "@deno" : "@oven");
  if (existsSync(scope)) {
    for (const pkg of readdirSync(scope)) {
      candidates.push(path.join(scope, pkg, name), path.join(scope, pkg, "bin", name));
    }
  }
  for (const file of candidates) {
    if (existsSync(file) && spawnSync(file, ["--version"], { stdio: "ignore" }).status === 0) return file;
  }
  throw new Error(`No working ${name} binary in node_modules (tried ${candidates.join(", ")})`);
}

const RUNTIMES = {
  deno: (file: string) =>
    [binary("deno"), ["run", "--allow-net", "--allow-env=ARMOR_API_KEY,ARMOR_API_URL,ARMOR_LOG,PORT", file]] as const,
  bun: (file: string) => [binary("bun"), [file]] as const,
};

const children: ChildProcess[] = [];
const servers: SandboxServer[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Starts an example on a free port and resolves its URL once it listens. */
function start(runtime: keyof typeof RUNTIMES, file: string, env: Record<string, string>): Promise<string> {
  if (!existsSync(path.join(ROOT, "dist", "adapters", "index.js"))) {
    throw new Error(
      "dist/ is missing: the examples import the built package (npm run build, or npm test, which builds first)",
    );
  }
  const [command, args] = RUNTIMES[runtime](path.join(EXAMPLES, file));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ARMOR_")));
  const child = spawn(command, args, {
    cwd: EXAMPLES,
    env: { ...inherited, ...env, PORT: "0", NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url.replace(/\/?$/, "/"));
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) =>
      reject(new Error(`${runtime} ${file} exited with ${code} before listening:\n${output}`)),
    );
    child.on("error", reject);
  });
}

async function sandboxServer(hoursLater = 0): Promise<{ url: string; key: string }> {
  const sandbox = createSandbox({ clock: "manual" });
  if (hoursLater) sandbox.clock.advance({ hours: hoursLater });
  const server = await serveSandbox(sandbox);
  servers.push(server);
  return { url: server.url, key: sandbox.keys.readOnly };
}

describe.each([
  ["deno", "deno-gate.ts"],
  ["bun", "bun-gate.ts"],
] as const)("examples/%s", (runtime, file) => {
  it("should serve the report with X-Armor-Freshness while the table is fresh", async () => {
    const api = await sandboxServer();
    const url = await start(runtime, file, { ARMOR_API_URL: api.url, ARMOR_API_KEY: api.key });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-armor-freshness")).toBe(`fresh; asset=${ORDERS}; age_hours=2.5`);
    expect(await response.json()).toMatchObject({ report: "orders" });
  });

  it("should answer 503 problem+json with Retry-After once the table is stale", async () => {
    const api = await sandboxServer(48);
    const url = await start(runtime, file, { ARMOR_API_URL: api.url, ARMOR_API_KEY: api.key });
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("60");
    expect(await response.json()).toMatchObject({
      code: "DATA_STALE",
      asset: ORDERS,
      age_hours: 50.5,
      threshold_hours: 24,
    });
  });
});
