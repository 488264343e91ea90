/**
 * The `anomalyarmor` bin in each server runtime (Node 20, Node 22, Deno, Bun): a few commands run from
 * the installed package against a loopback sandbox of the demo catalogue, checked by exit code and
 * output. The runner (run.mjs) spawns them; this file only says what to run and what to expect.
 */
import { spawn } from "node:child_process";
import { DEMO_ASSETS, ORDERS, REVENUE } from "./fixtures.mjs";

/** One command and what it must do. */
export const CLI_CASES = [
  {
    name: "cli: freshness check of a fresh asset exits 0",
    args: ["freshness", "check", ORDERS, "--max-age", "24"],
    code: 0,
    check: (r) => /^FRESH snowflake\.prod\.warehouse\.orders /m.test(r.stdout) || "no FRESH line on stdout",
  },
  {
    name: "cli: freshness check of a stale asset exits 1",
    args: ["freshness", "check", REVENUE],
    code: 1,
    check: (r) => /^STALE snowflake\.prod\.marts\.revenue_daily /m.test(r.stdout) || "no STALE line on stdout",
  },
  {
    name: "cli: a missing asset exits 3",
    args: ["assets", "get", "no.such.table"],
    code: 3,
    check: (r) => /not found/i.test(r.stderr) || "no 'not found' on stderr",
  },
  {
    name: "cli: --json prints the models as one array",
    args: ["assets", "list", "--limit", "100", "--json"],
    code: 0,
    check: (r) => {
      const list = JSON.parse(r.stdout);
      return (Array.isArray(list) && list.length === DEMO_ASSETS) || `expected ${DEMO_ASSETS} assets`;
    },
  },
];

function spawnCli(command, args, env, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(e) });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs every case with `[...prefix, ...case.args]` through `command`, the sandbox's URL and key in the
 * environment (and an empty HOME, so no config file of the machine interferes).
 * @returns results in the suite's shape: `{ name, ok, ms, error? }`
 */
export async function runCliCases(command, prefix, { url, key, home, cwd, env }) {
  const results = [];
  for (const c of CLI_CASES) {
    const started = Date.now();
    const r = await spawnCli(
      command,
      [...prefix, ...c.args],
      { ...env, HOME: home, ARMOR_API_URL: url, ARMOR_API_KEY: key, NO_COLOR: "1" },
      cwd,
    );
    let problem;
    if (r.code !== c.code) problem = `exit ${r.code}, expected ${c.code}; stderr: ${r.stderr.slice(-500)}`;
    else {
      try {
        const verdict = c.check(r);
        if (verdict !== true) problem = verdict;
      } catch (e) {
        problem = String(e);
      }
    }
    results.push({ name: c.name, ok: !problem, ms: Date.now() - started, ...(problem ? { error: problem } : {}) });
  }
  return results;
}
