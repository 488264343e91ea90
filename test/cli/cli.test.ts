/**
 * The `anomalyarmor` bin as a user runs it, from dist/: the demo tours the SDK and exits 0; `sandbox`
 * serves a working API on loopback under Node, Deno and Bun and prints its URL and keys.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { requireBuild, ROOT } from "../package/consumer";

const BIN = path.join(ROOT, "dist", "cli", "index.js");

function runtimeBinary(name: "deno" | "bun"): string {
  const candidates = [path.join(ROOT, "node_modules", ".bin", name)];
  const scope = path.join(ROOT, "node_modules", name === "deno" ? "@deno" : "@oven");
  if (existsSync(scope)) {
    for (const pkg of readdirSync(scope))
      candidates.push(path.join(scope, pkg, name), path.join(scope, pkg, "bin", name));
  }
  const found = candidates.find((f) => existsSync(f) && spawnSync(f, ["--version"], { stdio: "ignore" }).status === 0);
  if (!found) throw new Error(`no working ${name} binary in node_modules`);
  return found;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** Starts `anomalyarmor sandbox` and resolves with what it printed once the read-only key line is out. */
function startSandbox(command: string, args: string[]): Promise<Record<string, string>> {
  const child = spawn(command, [...args, BIN, "sandbox", "--port", "0", "--seed", "7"], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no sandbox output from ${command}: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/^read-only \S+$/m.test(out)) {
        clearTimeout(timer);
        resolve(
          Object.fromEntries(
            out
              .split("\n")
              .filter((l) => /^\S+ \S+$/.test(l))
              .map((l) => l.split(" ") as [string, string]),
          ),
        );
      }
    });
    child.on("exit", (code) => reject(new Error(`${command} exited ${code}: ${out}`)));
  });
}

describe("anomalyarmor demo", () => {
  it("should print the tour and exit 0", () => {
    requireBuild();
    const r = spawnSync(process.execPath, [BIN, "demo", "--seed", "42"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 90_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const step of [
      "1. Assets",
      "2. Freshness summary",
      "3. Gate on freshness",
      "4. Refresh a stale table",
      "5. Lineage",
      "6. Validity",
      "7. Metrics",
      "8. Explain the stale table",
      "Tour complete.",
    ]) {
      expect(r.stdout).toContain(step);
    }
    expect(r.stdout).toMatch(/StalenessError: Asset 'snowflake\.prod\.marts\.revenue_daily' is stale/);
    expect(r.stdout).toMatch(/100% completed/);
    expect(r.stdout).toMatch(/ANOMALY/);
    // Invalid samples, one row per line, the rule's column first.
    expect(r.stdout).toMatch(/rows invalid \([\d.]+%\); samples:\n( {3}email=null id=\d+ .*\n){1,3}/);
    expect(r.stdout).toMatch(/\[(alert|lineage|schema_change|metric|validity|referential):[0-9a-f]{8}\]/);
  }, 120_000);

  it("should print what the tour read as one JSON document with --json, and nothing else", () => {
    requireBuild();
    const r = spawnSync(process.execPath, [BIN, "demo", "--seed", "42", "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 90_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(Object.keys(doc)).toEqual([
      "sandbox",
      "assets",
      "freshness",
      "gate",
      "refresh",
      "lineage",
      "validity",
      "metrics",
      "investigation",
    ]);
    expect(doc.sandbox).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/), seed: 42 });
    expect(doc.assets.map((a: { qualified_name: string }) => a.qualified_name)).toContain(
      "snowflake.prod.warehouse.orders",
    );
    expect(doc.freshness.stale.map((s: { qualified_name: string }) => s.qualified_name)).toContain(
      "snowflake.prod.marts.revenue_daily",
    );
    expect(doc.gate.fresh).toMatchObject({ qualified_name: "snowflake.prod.warehouse.orders", is_stale: false });
    expect(doc.gate.stale).toMatchObject({
      name: "StalenessError",
      code: "DATA_STALE",
      asset: "snowflake.prod.marts.revenue_daily",
    });
    expect(doc.refresh.final).toMatchObject({ job_id: doc.refresh.job.job_id, status: "completed", progress: 100 });
    expect(doc.validity.result.status.toLowerCase()).toBe("fail");
    expect(doc.metrics.snapshots.some((s: { is_anomaly: boolean }) => s.is_anomaly)).toBe(true);
    expect(doc.investigation.triggers).toHaveLength(6);
  }, 120_000);

  it("should answer --live --json without a key with the JSON error object and exit 2", () => {
    requireBuild();
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
    delete env.ARMOR_API_KEY;
    const r = spawnSync(process.execPath, [BIN, "demo", "--live", "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 30_000,
      env,
    });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "NO_API_KEY" } });
  });

  it("should refuse --live without a key", () => {
    requireBuild();
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
    delete env.ARMOR_API_KEY;
    const r = spawnSync(process.execPath, [BIN, "demo", "--live"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 30_000,
      env,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("--live needs ARMOR_API_KEY");
  });
});

describe("anomalyarmor sandbox", () => {
  it("should print its help and exit without serving anything", () => {
    requireBuild();
    const r = spawnSync(process.execPath, [BIN, "sandbox", "--help"], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: anomalyarmor sandbox /);
    expect(r.stdout).not.toMatch(/^url /m);
  });

  const runtimes: [string, () => [string, string[]]][] = [
    ["node", () => [process.execPath, []]],
    ["deno", () => [runtimeBinary("deno"), ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read"]]],
    ["bun", () => [runtimeBinary("bun"), []]],
  ];
  it.each(runtimes)(
    "should serve the API on loopback under %s and print its URL and keys",
    async (_name, which) => {
      requireBuild();
      const [command, args] = which();
      const printed = await startSandbox(command, args);
      expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      expect(printed.admin).toMatch(/^aa_(live|test)_[A-Za-z0-9]{32,}$/);
      const summary = await fetch(`${printed.url}/sdk/freshness/summary`, {
        headers: { authorization: `Bearer ${printed["read-only"]}` },
      });
      expect(summary.status).toBe(200);
      expect(((await summary.json()) as { data: { total_assets: number } }).data.total_assets).toBeGreaterThan(10);
      const write = await fetch(`${printed.url}/sdk/freshness/snowflake.prod.warehouse.orders/refresh`, {
        method: "POST",
        headers: { authorization: `Bearer ${printed["read-only"]}` },
      });
      expect(write.status).toBe(403);
    },
    60_000,
  );
});
