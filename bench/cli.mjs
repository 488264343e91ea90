/**
 * The `anomalyarmor` command's start-up: wall time of `--version`, `--help` and one command against a
 * loopback sandbox (served by a separate `anomalyarmor sandbox` process, so that this one only
 * measures), each a fresh node process: wall time, and the process's CPU time (user + system, start-up
 * included), which load on the machine inflates less; ratio = wall time ÷ a bare `node -e 0` sampled
 * in the same rounds.
 * Samples run round-robin so load on the machine spreads over all of them.
 * Run alone: `node bench/cli.mjs [--quick]` (prints JSON). Target: a command under 300 ms in Node 22.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./lib/pkg.mjs";
import { summary } from "./lib/stats.mjs";

const BIN = path.join(ROOT, "dist", "cli", "index.js");
export const CLI_TARGET_MS = 300;

/** Starts `anomalyarmor sandbox --port 0` and resolves with its URL, its read-only key and a stop(). */
function startSandbox() {
  const child = spawn(process.execPath, [BIN, "sandbox", "--port", "0"], { env: { ...process.env, NO_COLOR: "1" } });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      const url = /^url (\S+)$/m.exec(out)?.[1];
      const key = /^read-only (\S+)$/m.exec(out)?.[1];
      if (url && key) resolve({ url, key, stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
  });
}

// Preloaded into every sample: reports the process's own CPU time on stderr as it exits.
const CPU_PROBE =
  "data:text/javascript," +
  encodeURIComponent(
    'process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-ms "+(u.user+u.system)/1000+"\\n")})',
  );

function sample(args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", CPU_PROBE, ...args], { cwd: ROOT, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(/cpu-ms (\S+)/.exec(r.stderr)?.[1]);
  return { ms, cpu };
}

export async function measureCli({ runs = 15, log = () => {} } = {}) {
  const sandbox = await startSandbox();
  const home = mkdtempSync(path.join(tmpdir(), "anomalyarmor-bench-home-"));
  const env = { ...process.env, HOME: home, NO_COLOR: "1", ARMOR_API_URL: sandbox.url, ARMOR_API_KEY: sandbox.key };
  const cases = {
    "node -e 0 (baseline)": ["-e", "0"],
    "anomalyarmor --version": [BIN, "--version"],
    "anomalyarmor --help": [BIN, "--help"],
    "anomalyarmor freshness summary (loopback)": [BIN, "freshness", "summary"],
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  try {
    for (const args of Object.values(cases)) sample(args, env); // fill the OS file cache
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(cases)) samples[name].push(sample(args, env));
      log(`cli: run ${i + 1}/${runs}`);
    }
  } finally {
    sandbox.stop();
    rmSync(home, { recursive: true, force: true });
  }
  const base = samples["node -e 0 (baseline)"];
  return {
    runs,
    node: process.version,
    target: CLI_TARGET_MS,
    rows: Object.entries(samples).map(([name, s]) => ({
      name,
      ms: summary(s.map((x) => x.ms)),
      cpu: summary(s.map((x) => x.cpu)),
      ratio: summary(s.map((x, i) => x.ms / base[i].ms)),
    })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureCli({ runs: process.argv.includes("--quick") ? 5 : 15 }), null, 2));
}
