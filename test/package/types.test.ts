/**
 * The shipped declarations, typechecked from a consumer project the way users compile against them:
 * `moduleResolution` node16 (an ESM `.mts` and a CJS `.cts` file, so both the `import` and the
 * `require` conditions' types are read) and bundler. `skipLibCheck` is off, so our .d.ts/.d.cts files
 * themselves must typecheck, and every file holds `@ts-expect-error` lines that only pass when the
 * types really resolved (an `any` from a missing declaration would make them unused, an error).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, requireBuild, ROOT } from "./consumer";

const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** Uses every entry, with types that must resolve precisely. */
const usage = (load: "import" | "require") => `
${load === "import" ? "" : "// Compiled to require(): the types come from the `require` condition (.d.cts).\n"}import { ArmorError, Client, createTransport, FreshnessResource, NotFoundError, StalenessError, VERSION, type FreshnessStatus, type RequestOptions } from "anomalyarmor";
import { armorKeys, armorQueries, pollJob } from "anomalyarmor/query";
import { createFreshnessGate, withFreshnessGate, type FreshnessDecision } from "anomalyarmor/adapters";
import { createSandbox, type Sandbox } from "anomalyarmor/testing";
import { sandboxHandlers } from "anomalyarmor/testing/msw";
import { serveSandbox } from "anomalyarmor/testing/server";
import { QueryClient } from "@tanstack/query-core";

export async function use(): Promise<void> {
  const sandbox: Sandbox = createSandbox({ seed: 1 });
  const client = new Client({ apiKey: sandbox.keys.readOnly, apiUrl: sandbox.url, fetch: sandbox.fetch });
  const options: RequestOptions = { timeout: 1_000, maxRetries: 0 };
  const status: FreshnessStatus = await client.freshness.requireFresh("snowflake.prod.warehouse.orders", { max_age_hours: 24 }, options);
  const hours: number | null | undefined = status.hours_since_update;
  // @ts-expect-error max_age_hours is a number
  await client.freshness.requireFresh("a", { max_age_hours: "24" });
  // @ts-expect-error VERSION is a string
  const v: number = VERSION;
  const lean = new FreshnessResource(createTransport({ apiKey: () => "token" }));
  const names: string[] = (await lean.list({ limit: 5 })).map((s) => s.qualified_name);
  const q = armorQueries(client);
  const fetched: FreshnessStatus = await new QueryClient().fetchQuery(q.freshness.get("a"));
  const key: readonly unknown[] = armorKeys(client).freshness.all;
  await pollJob(client, "job", { intervalMs: 10 });
  const gate = createFreshnessGate({ client, assets: ["a"] });
  const decision: FreshnessDecision = await gate.check(new Request("https://app.test/"));
  // @ts-expect-error onError is "open" or "closed"
  createFreshnessGate({ assets: "a", onError: "sometimes" });
  const handler = withFreshnessGate((_request: Request) => new Response("ok"), { assets: "a" });
  const handlers: unknown[] = sandboxHandlers(sandbox);
  const server = await serveSandbox(sandbox, { port: 0 });
  await server.close();
  try {
    await client.assets.get("missing");
  } catch (error) {
    if (error instanceof NotFoundError) console.log(error.status, error.code);
    if (error instanceof StalenessError) console.log(error.threshold_hours);
    if (ArmorError.is(error)) console.log(error.retryable);
  }
  console.log(hours, v, names, fetched, key, decision.allow, handler, handlers);
}
`;

const COMPILER = {
  strict: true,
  noEmit: true,
  // What \`tsc --init\` gives users; the declarations' own soundness is the lib-check test's business.
  skipLibCheck: true,
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  types: ["node"],
};

const NODE16 = { module: "node16", moduleResolution: "node16" };
const BUNDLER = { module: "esnext", moduleResolution: "bundler", verbatimModuleSyntax: true };

/**
 * Problems inside our shipped declarations that a consumer with \`skipLibCheck: false\` sees today,
 * one line per distinct (file, code, message). The run must report exactly these: a fixed one fails
 * the test until its line is removed here, and so does any new error, in our files or anywhere else.
 */
const KNOWN_DECLARATION_PROBLEMS: string[] = [
  // Kept on purpose: msw 3 is ESM-only, so the CJS build of anomalyarmor/testing/msw require()s an ES
  // module. msw 3 itself needs Node ≥ 22.12, where require(esm) works, so every runtime that can load msw
  // can load this entry from CJS too; only node16-resolution typecheckers object.
  "testing/* TS1479 The current file is a CommonJS module whose imports will produce 'require' calls; however, the referenced file is an ECMAScript module and cannot be imported with 'require'. Consider writing a dynamic 'import(\"msw\")' call instead.",
];

function typecheck(
  dir: string,
  name: string,
  compilerOptions: Record<string, unknown>,
  files: string[],
): { status: number | null; output: string } {
  const project = path.join(dir, `tsconfig.${name}.json`);
  writeFileSync(project, JSON.stringify({ compilerOptions: { ...COMPILER, ...compilerOptions }, files }, null, 2));
  const r = spawnSync(process.execPath, [TSC, "-p", project, "--pretty", "false"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 600_000,
  });
  // A tsc cut short by the timeout prints a partial list: say so instead of comparing it.
  if (r.error) throw new Error(`tsc did not finish: ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

/**
 * Every error of a run, one line per distinct problem: inside the installed package as
 * `<file under dist/> <code> <message>` (files below a folder of dist/ as `<folder>/*`), anywhere else
 * as tsc printed it, so a new problem of any kind, or a known one that went away, changes the list.
 */
function problems(output: string): string[] {
  const found = new Set<string>();
  for (const line of output.split("\n")) {
    if (!/error TS\d+/.test(line)) continue;
    const m = /node_modules\/anomalyarmor\/dist\/(\S+?)\(\d+,\d+\): error (TS\d+): (.*)$/.exec(line);
    if (m) found.add(`${m[1]!.includes("/") ? m[1]!.replace(/\/[^/]*$/, "/*") : m[1]} ${m[2]} ${m[3]}`);
    else found.add(line.trim());
  }
  return [...found].sort();
}

describe("declarations of the built package in a consumer project", () => {
  let consumer: ReturnType<typeof createConsumer>;

  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
    writeFileSync(
      path.join(consumer.dir, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    writeFileSync(path.join(consumer.dir, "esm.mts"), usage("import"));
    writeFileSync(path.join(consumer.dir, "cjs.cts"), usage("require"));
    writeFileSync(path.join(consumer.dir, "bundled.ts"), usage("import"));
  });
  afterAll(() => consumer?.cleanup());

  it("should typecheck ESM and CJS consumers under moduleResolution node16", () => {
    const { status, output } = typecheck(consumer.dir, "node16", NODE16, ["esm.mts", "cjs.cts"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  }, 600_000);

  it("should typecheck a consumer under moduleResolution bundler", () => {
    const { status, output } = typecheck(consumer.dir, "bundler", BUNDLER, ["bundled.ts"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  }, 600_000);

  it("should report an error when a consumer misuses a type (the check can fail)", () => {
    writeFileSync(
      path.join(consumer.dir, "wrong.ts"),
      `import { Client } from "anomalyarmor";\nnew Client({ timeout: "soon" });\n`,
    );
    const { status, output } = typecheck(consumer.dir, "wrong", BUNDLER, ["wrong.ts"]);
    expect(status).not.toBe(0);
    expect(output).toMatch(/wrong\.ts\(2,\d+\): error TS2322/);
  }, 600_000);

  it("should ship declarations that typecheck themselves (skipLibCheck off), known problems aside", () => {
    const { status, output } = typecheck(consumer.dir, "libcheck", { ...NODE16, skipLibCheck: false }, [
      "esm.mts",
      "cjs.cts",
    ]);
    expect(problems(output)).toEqual([...KNOWN_DECLARATION_PROBLEMS].sort());
    expect(status === 0).toBe(KNOWN_DECLARATION_PROBLEMS.length === 0);
  }, 600_000);
});
