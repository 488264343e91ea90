/**
 * The bin as users get it: the packed tarball installed by npm in a temporary project (so only the
 * package's declared dependencies are there), then run as `npx anomalyarmor`, `bunx anomalyarmor` and
 * `deno run -A npm:anomalyarmor` against a sandbox served on loopback.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../src/testing/sandbox";
import { serveSandbox, type SandboxServer } from "../../src/testing/server";
import { requireBuild, ROOT } from "../package/consumer";

const BIN = path.join(ROOT, "node_modules", ".bin");
const ORDERS = "snowflake.prod.warehouse.orders";
const REVENUE = "snowflake.prod.marts.revenue_daily";

let dir: string;
let server: SandboxServer;
let key: string;

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(path.join(tmpdir(), "anomalyarmor-tarball-"));
  // dist/ is already built (npm test builds first): skip prepack's rebuild.
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack wrote no tarball");
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tarball-consumer", private: true }));
  const install = spawnSync(
    "npm",
    ["install", `./${tarball}`, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
    { cwd: dir, encoding: "utf8", timeout: 240_000 },
  );
  if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  const sandbox = createSandbox({ clock: "manual" });
  server = await serveSandbox(sandbox);
  key = sandbox.keys.readOnly;
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function env(): Record<string, string | undefined> {
  const e: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };
  for (const k of Object.keys(e)) if (k.startsWith("ARMOR_")) delete e[k];
  return { ...e, HOME: dir, ARMOR_API_URL: server.url, ARMOR_API_KEY: key };
}

/** Runs a command without blocking this process, which serves the sandbox the command talks to. */
function exec(command: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, env: env() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function binary(name: string): string {
  const file = path.join(BIN, name);
  if (!existsSync(file)) throw new Error(`${file} is missing (devDependency "${name}")`);
  return file;
}

const launchers: [string, () => [string, string[]]][] = [
  ["npx anomalyarmor", () => ["npx", ["--no", "anomalyarmor"]]],
  ["bunx anomalyarmor", () => [binary("bun"), ["x", "anomalyarmor"]]],
  ["bunx --bun anomalyarmor (the Bun runtime)", () => [binary("bun"), ["x", "--bun", "anomalyarmor"]]],
  ["deno run -A npm:anomalyarmor", () => [binary("deno"), ["run", "-A", "npm:anomalyarmor"]]],
];

describe("the packed tarball", () => {
  it("should declare everything the bin needs as a dependency", () => {
    const installed = readdirSync(path.join(dir, "node_modules")).sort();
    expect(installed).toEqual(expect.arrayContaining(["anomalyarmor", "commander", "srvx", "yaml"]));
  });

  it.each(launchers)(
    "should run as %s",
    async (_name, launcher) => {
      const [command, prefix] = launcher();
      const version = await exec(command, [...prefix, "--version"]);
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const r = await exec(command, [...prefix, "freshness", "check", ORDERS, REVENUE, "--json"]);
      expect(r.status, r.stderr).toBe(1);
      const out = JSON.parse(r.stdout) as { asset: string; exit_code: number }[];
      expect(out.map((o) => [o.asset, o.exit_code])).toEqual([
        [ORDERS, 0],
        [REVENUE, 1],
      ]);
    },
    90_000,
  );

  it("should serve the sandbox from a plain install (srvx comes with it)", async () => {
    const child = spawn("npx", ["--no", "anomalyarmor", "sandbox", "--port", "0"], { cwd: dir, env: env() });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /^url (\S+)$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    } finally {
      child.kill("SIGTERM");
    }
  }, 60_000);
});
