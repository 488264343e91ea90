#!/usr/bin/env node
/**
 * The runtime conformance runner (`npm test` runs it after the build): one suite (suite.mjs), six
 * runtimes, each against its own sandbox served on loopback with `serveSandbox`.
 *
 * The package is installed the way npm installs it: the published files (package.json, dist/, README)
 * copied into a consumer directory's node_modules/anomalyarmor, its dependencies beside it. Node,
 * Deno and Bun run the suite unbundled there, so their own loaders resolve `anomalyarmor` through the
 * exports map; workerd (Miniflare) and Chromium (playwright-core) run an esbuild bundle of it, as
 * wrangler and an app's bundler would make. Chromium loads its page from the runner's own origin,
 * which forwards /api/v1 to the sandbox server — a same-origin app, no CORS in the way.
 *
 * Node 20, Node 22, Deno and Bun also run a few commands of the installed `anomalyarmor` bin (cli.mjs)
 * against a sandbox of their own, served the same way.
 *
 * Prints one pass/fail/skip line per runtime and writes the totals (cases across runtimes) to
 * test-output/runtime.json as { passed, failed, skipped, runtimes }. Outside CI a missing machine
 * runtime (Chromium, Node 20) is skipped with its reason; under CI any missing runtime fails.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runCliCases, CLI_CASES } from "./cli.mjs";
import { FAULTS } from "./fixtures.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const OUT = path.join(ROOT, "test-output");
const CI = Boolean(process.env.CI) && !["0", "false"].includes(String(process.env.CI).toLowerCase());
/** A runtime that has not reported within this is killed and failed. */
const RUNTIME_TIMEOUT_MS = 90_000;
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
/** Workers compatibility date of the bundle; no compatibility flags: the SDK needs no nodejs_compat. */
const COMPATIBILITY_DATE = "2026-01-01";

/** Runtimes named on the command line (`node test/runtime/run.mjs deno chromium`); all when none. */
const ONLY = process.argv.slice(2).map((a) => a.toLowerCase().replace(/\s+/g, ""));

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));

// ---------------------------------------------------------------------------------------------
// The installed package

/**
 * A consumer project: node_modules/anomalyarmor holds a copy of what `npm pack` ships (a rebuild of
 * dist/ by someone else cannot change it mid-run); dependencies and the peers the suite and the
 * sandbox server use are links into the repository's node_modules. The suite's files sit at its root.
 */
function install() {
  if (!existsSync(path.join(ROOT, "dist", "index.js")))
    throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
  const dir = mkdtempSync(path.join(tmpdir(), "anomalyarmor-runtime-"));
  const target = path.join(dir, "node_modules", pkg.name);
  mkdirSync(target, { recursive: true });
  cpSync(path.join(ROOT, "package.json"), path.join(target, "package.json"));
  for (const entry of pkg.files ?? ["dist"]) {
    const from = path.join(ROOT, entry);
    if (existsSync(from)) cpSync(from, path.join(target, entry), { recursive: true });
  }
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  for (const name of deps) {
    const from = path.join(ROOT, "node_modules", name);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(from, path.join(dir, "node_modules", name), "dir");
  }
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      {
        name: "anomalyarmor-runtime-consumer",
        private: true,
        type: "module",
        dependencies: Object.fromEntries([pkg.name, ...deps].map((d) => [d, "*"])),
      },
      null,
      2,
    ),
  );
  for (const file of ["suite.mjs", "fixtures.mjs", "entry.mjs", "worker.mjs", "browser.mjs"]) {
    cpSync(path.join(HERE, file), path.join(dir, file));
  }
  return dir;
}

async function bundle(dir, entry, platform) {
  const { build } = await import("esbuild");
  const neutral = platform === "workerd";
  const result = await build({
    entryPoints: [path.join(dir, entry)],
    absWorkingDir: dir,
    bundle: true,
    write: false,
    format: "esm",
    platform: neutral ? "neutral" : "browser",
    target: "es2022",
    // As wrangler bundles a Worker: its conditions, and process.env.NODE_ENV defined (query-core reads it).
    ...(neutral
      ? {
          conditions: ["workerd", "worker", "browser"],
          mainFields: ["module", "main"],
          define: { "process.env.NODE_ENV": '"production"' },
        }
      : {}),
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

// ---------------------------------------------------------------------------------------------
// Finding runtimes

function version(command, args = ["--version"]) {
  try {
    return execFileSync(command, args, { encoding: "utf8", timeout: 15_000, stdio: ["ignore", "pipe", "ignore"] })
      .trim()
      .split("\n")[0];
  } catch {
    return undefined;
  }
}

/** The machine's Node 20 (the oldest `engines` allows), outside node_modules whose shim puts Node 22 first. */
function findNode20() {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d && !d.includes("node_modules"));
  for (const file of new Set([...dirs.map((d) => path.join(d, "node")), "/usr/local/bin/node", "/usr/bin/node"])) {
    if (existsSync(file) && /^v20\./.test(version(file) ?? "")) return file;
  }
  return undefined;
}

/** A binary from node_modules/.bin, or from the platform package where the install script did not link it. */
function findPackageBinary(name, scope) {
  const candidates = [path.join(ROOT, "node_modules", ".bin", name)];
  const dir = path.join(ROOT, "node_modules", scope);
  if (existsSync(dir)) {
    for (const p of readdirSync(dir)) candidates.push(path.join(dir, p, name), path.join(dir, p, "bin", name));
  }
  return candidates.find((file) => existsSync(file) && version(file) !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Running the suite in each runtime

/** Runs `command` and reads its `RESULT <json>` line; rejects with its output when it has none. */
function runProcess(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("ARMOR_") && !k.startsWith("NODE_OPTIONS")),
    );
    const child = spawn(command, args, {
      cwd,
      env: { ...inherited, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no report within ${RUNTIME_TIMEOUT_MS / 1000} s:\n${output.slice(-2000)}`));
    }, RUNTIME_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      if (line) resolve(JSON.parse(line.slice("RESULT ".length)));
      else reject(new Error(`exited with ${code} without a report:\n${output.slice(-2000)}`));
    });
  });
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what}: no report within ${RUNTIME_TIMEOUT_MS / 1000} s`)),
        RUNTIME_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

async function runWorkerd(dir, env) {
  const { Miniflare } = await import("miniflare");
  const script = await bundle(dir, "worker.mjs", "workerd");
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "worker.js", contents: script }],
    compatibilityDate: COMPATIBILITY_DATE,
  });
  try {
    const response = await withTimeout(
      mf.dispatchFetch("http://runner.test/", { method: "POST", body: JSON.stringify(env) }),
      "workerd",
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 2000)}`);
    return JSON.parse(text);
  } finally {
    await mf.dispose();
  }
}

/** Serves the page and its bundle, and forwards /api/v1 to the sandbox server, on one loopback origin. */
async function servePage(script, sandboxUrl) {
  const { serve } = await import("srvx");
  const upstream = new URL(sandboxUrl);
  const html = `<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/suite.js"></script>`;
  const server = serve({
    port: 0,
    hostname: "127.0.0.1",
    silent: true,
    gracefulShutdown: false,
    fetch: async (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/") return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
      if (url.pathname === "/suite.js")
        return new Response(script, { headers: { "content-type": "text/javascript; charset=utf-8" } });
      if (url.pathname === "/favicon.ico") return new Response(null, { status: 204 });
      if (!url.pathname.startsWith(upstream.pathname)) return new Response("not found", { status: 404 });
      const hasBody = request.method !== "GET" && request.method !== "HEAD";
      try {
        const answer = await fetch(new URL(url.pathname + url.search, upstream.origin), {
          method: request.method,
          headers: request.headers,
          body: hasBody ? await request.arrayBuffer() : undefined,
          signal: request.signal,
          redirect: "manual",
        });
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      } catch {
        // The sandbox dropped the connection (or the page gave up): drop this one too.
        return Response.error();
      }
    },
  });
  await server.ready();
  return { origin: new URL(server.url).origin, close: () => server.close(true) };
}

async function runChromium(dir, env) {
  const { chromium } = await import("playwright-core");
  const script = await bundle(dir, "browser.mjs", "browser");
  const page = await servePage(script, env.url);
  const profile = mkdtempSync(path.join(tmpdir(), "anomalyarmor-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    const tab = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto(`${page.origin}/`);
    await tab
      .waitForFunction(() => document.title === "ready", undefined, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`the page did not load the suite: ${errors.join("; ") || "no error reported"}`);
      });
    const userAgent = await tab.evaluate(() => navigator.userAgent);
    const report = await withTimeout(
      tab.evaluate((e) => globalThis.runArmorSuite(e), {
        url: `${page.origin}${new URL(env.url).pathname}`,
        key: env.key,
      }),
      "chromium",
    );
    // The user agent's version is reduced (156.0.0.0): only a fallback for the binary's own --version.
    return { ...report, version: /Chrome\/(\S+)/.exec(userAgent)?.[1] };
  } finally {
    await context?.close().catch(() => {});
    await page.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The six runtimes. `find` returns how to run (and the version) or why it cannot; `machine`
 * runtimes come with the machine (skipped outside CI when absent), the others are devDependencies.
 */
function runtimes(dir) {
  const bin = path.join(dir, "node_modules", pkg.name, pkg.bin.anomalyarmor);
  const node = (file) => ({
    version: version(file),
    run: (env) => runProcess(file, ["entry.mjs", JSON.stringify(env)], dir),
    cli: (o) => runCliCases(file, [bin], o),
  });
  return [
    {
      name: "Node 20",
      machine: true,
      cli: true,
      find: () => {
        const file = findNode20();
        return file ? node(file) : { missing: "no Node 20 outside node_modules (PATH, /usr/local/bin, /usr/bin)" };
      },
    },
    {
      name: "Node 22",
      cli: true,
      find: () => {
        const file = path.join(ROOT, "node_modules", ".bin", "node");
        const v = version(file);
        return v?.startsWith("v22.")
          ? node(file)
          : { missing: `node_modules/.bin/node is ${v ?? "absent"}, not Node 22 (devDependency "node")` };
      },
    },
    {
      name: "Deno",
      cli: true,
      find: () => {
        const file = findPackageBinary("deno", "@deno");
        if (!file) return { missing: 'no deno binary in node_modules (devDependency "deno")' };
        // Network to loopback only; env access to NODE_ENV only, which @tanstack/query-core reads (the SDK
        // itself reads ARMOR_* only when no key is passed, and treats a denied read as unset).
        return {
          version: version(file)
            ?.replace(/^deno\s+/, "")
            .split(" ")[0],
          run: (env) =>
            runProcess(
              file,
              [
                "run",
                "--no-prompt",
                "--no-lock",
                "--allow-net=127.0.0.1",
                "--allow-env=NODE_ENV",
                "entry.mjs",
                JSON.stringify(env),
              ],
              dir,
            ),
          // The bin reads ARMOR_* and HOME, and its config file: env and read, network to loopback only.
          cli: (o) =>
            runCliCases(
              file,
              ["run", "--no-prompt", "--no-lock", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", bin],
              o,
            ),
        };
      },
    },
    {
      name: "Bun",
      cli: true,
      find: () => {
        const file = findPackageBinary("bun", "@oven");
        if (!file) return { missing: 'no bun binary in node_modules (devDependency "bun")' };
        return {
          version: version(file),
          run: (env) => runProcess(file, ["--no-install", "entry.mjs", JSON.stringify(env)], dir),
          cli: (o) => runCliCases(file, ["--no-install", bin], o),
        };
      },
    },
    {
      name: "workerd",
      find: () => {
        if (!existsSync(path.join(ROOT, "node_modules", "miniflare")))
          return { missing: "miniflare is not installed (devDependency)" };
        const v = version(path.join(ROOT, "node_modules", ".bin", "workerd"));
        return { version: v?.replace(/^workerd\s+/, ""), run: (env) => runWorkerd(dir, env) };
      },
    },
    {
      name: "Chromium",
      machine: true,
      find: () => {
        if (!existsSync(CHROMIUM))
          return { missing: `${CHROMIUM} not found (CI installs it with apt-get; CHROMIUM_PATH overrides)` };
        if (!existsSync(path.join(ROOT, "node_modules", "playwright-core")))
          return { missing: "playwright-core is not installed (devDependency)", always: true };
        return { version: /\d+(\.\d+)+/.exec(version(CHROMIUM) ?? "")?.[0], run: (env) => runChromium(dir, env) };
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------

/**
 * The sandbox's side of the story: the runtime really reached it over loopback, met the 503 once, and
 * hung on both hanging routes. (A hang is logged only once the server sees the connection end, so
 * the count of hung attempts is not exact: a retry's abandoned socket may outlive the run.)
 */
async function crossCheck(sandbox) {
  const hung = (route) => sandbox.requests.filter((r) => r.fault?.kind === "hang" && r.route === route).length;
  const routes = FAULTS.filter((f) => f.kind === "hang").map((f) => f.routes[0]);
  for (let waited = 0; routes.some((r) => hung(r) === 0) && waited < 2_000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  const requests = sandbox.requests;
  const problems = [];
  if (requests.length < 15) problems.push(`only ${requests.length} requests reached the sandbox`);
  const injected = requests.filter((r) => r.fault?.kind === "status").length;
  if (injected !== 1) problems.push(`${injected} injected 503s answered (expected 1)`);
  for (const route of routes) if (hung(route) === 0) problems.push(`no request hung on ${route}`);
  if (process.env.DEBUG_RUNTIME)
    console.log(
      requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.route ?? ""} ${r.fault?.kind ?? ""}`).join("\n"),
    );
  return {
    name: "the sandbox logged the runtime's requests and faults",
    ok: problems.length === 0,
    ms: 0,
    ...(problems.length ? { error: problems.join("; ") } : {}),
  };
}

/** The bin's cases, against a sandbox of their own (no faults) and an empty HOME. */
async function runCli(found, createSandbox, serveSandbox) {
  const sandbox = createSandbox({ clock: "manual" });
  const server = await serveSandbox(sandbox);
  const home = mkdtempSync(path.join(tmpdir(), "anomalyarmor-cli-home-"));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("ARMOR_") && !k.startsWith("NODE_OPTIONS")),
  );
  try {
    return await found.cli({
      url: server.url,
      key: sandbox.keys.readOnly,
      home,
      cwd: home,
      env: { ...env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NODE_NO_WARNINGS: "1" },
    });
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  rmSync(path.join(OUT, "runtime.json"), { force: true });
  mkdirSync(OUT, { recursive: true });
  const dir = install();
  const distUrl = (file) => pathToFileURL(path.join(dir, "node_modules", pkg.name, "dist", file)).href;
  const { createSandbox } = await import(distUrl("testing/index.js"));
  const { serveSandbox } = await import(distUrl("testing/server.js"));
  const { cases } = await import(pathToFileURL(path.join(dir, "suite.mjs")).href);
  // The suite's cases, plus the runner's own check of the sandbox's log.
  const baseCount = Object.keys(cases).length + 1;

  const totals = { passed: 0, failed: 0, skipped: 0 };
  const rows = [];
  console.log(
    `runtime conformance: ${baseCount} cases per runtime (+${CLI_CASES.length} of the bin in Node, Deno and Bun), dist/ of ${pkg.name}@${pkg.version}${CI ? " (CI)" : ""}`,
  );
  try {
    const chosen = runtimes(dir).filter(
      (r) => ONLY.length === 0 || ONLY.includes(r.name.toLowerCase().replace(/\s+/g, "")),
    );
    if (chosen.length === 0) throw new Error(`no runtime named ${ONLY.join(", ")}`);
    for (const runtime of chosen) {
      const caseCount = baseCount + (runtime.cli ? CLI_CASES.length : 0);
      const found = runtime.find();
      if (found.missing) {
        if (runtime.machine && !CI && !found.always) {
          totals.skipped += caseCount;
          rows.push({
            name: runtime.name,
            status: "skipped",
            reason: found.missing,
            passed: 0,
            failed: 0,
            skipped: caseCount,
          });
          console.log(`  - ${runtime.name}: skipped — ${found.missing}`);
        } else {
          totals.failed += caseCount;
          rows.push({
            name: runtime.name,
            status: "failed",
            reason: `missing: ${found.missing}`,
            passed: 0,
            failed: caseCount,
            skipped: 0,
          });
          console.log(`  ✘ ${runtime.name}: FAILED — missing: ${found.missing}`);
        }
        continue;
      }
      const sandbox = createSandbox({ clock: "manual", faults: FAULTS });
      const server = await serveSandbox(sandbox);
      const started = Date.now();
      let report;
      let crash;
      try {
        report = await found.run({ url: server.url, key: sandbox.keys.readOnly });
      } catch (e) {
        crash = e instanceof Error ? e.message : String(e);
      } finally {
        await server.close();
      }
      const took = Date.now() - started;
      if (report) report.results.push(await crossCheck(sandbox));
      if (report && found.cli) report.results.push(...(await runCli(found, createSandbox, serveSandbox)));
      const shown = found.version ?? report?.version;
      const label = `${runtime.name}${shown ? ` (${shown})` : ""}`;
      if (crash) {
        totals.failed += caseCount;
        rows.push({
          name: runtime.name,
          version: found.version,
          status: "failed",
          reason: crash,
          passed: 0,
          failed: caseCount,
          skipped: 0,
        });
        console.log(
          `  ✘ ${label}: FAILED — the suite did not report (${seconds(took)})\n      ${crash.split("\n").join("\n      ")}`,
        );
        continue;
      }
      const failures = report.results.filter((r) => !r.ok);
      const passed = report.results.length - failures.length;
      const missingCases = caseCount - report.results.length;
      const failed = failures.length + Math.max(0, missingCases);
      totals.passed += passed;
      totals.failed += failed;
      rows.push({
        name: runtime.name,
        version: shown,
        status: failed ? "failed" : "passed",
        passed,
        failed,
        skipped: 0,
        took,
        results: report.results,
      });
      if (failed === 0) {
        console.log(`  ✔ ${label}: passed ${passed}/${caseCount} (${seconds(took)})`);
      } else {
        console.log(`  ✘ ${label}: FAILED ${failed}/${caseCount} (${seconds(took)})`);
        for (const f of failures) console.log(`      ✘ ${f.name}: ${f.error}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(path.join(OUT, "runtime.json"), JSON.stringify({ ...totals, runtimes: rows }, null, 2));
  console.log(
    `runtimes: ${rows.filter((r) => r.status === "passed").length} passed, ${rows.filter((r) => r.status === "failed").length} failed, ${rows.filter((r) => r.status === "skipped").length} skipped`,
  );
  return totals.failed === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
