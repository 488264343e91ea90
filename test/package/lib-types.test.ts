/**
 * The shipped declarations as a browser or Workers project compiles them: the packed tarball installed
 * by npm in a folder under the system's temporary directory (outside this repository, so no hoisted
 * package such as undici or @types/node can stand in for something the user lacks), `skipLibCheck`
 * off, and no Node types — `lib: ["ES2022", "DOM"]` for a page, `lib: ["ES2022"]` with
 * `@cloudflare/workers-types` for a Worker. Each consumer file holds `@ts-expect-error` lines, which
 * only pass when our types really resolved (an `any` would leave them unused, an error).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installTarball, requireBuild, ROOT } from "./consumer";

const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const devDependencies = (
  JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  }
).devDependencies;
/** Installed beside the tarball at the versions this repository tests with: the optional peers and the Workers types. */
const EXTRAS = ["@tanstack/query-core", "msw", "@cloudflare/workers-types"].map((name) => {
  const range = devDependencies[name];
  if (range === undefined) throw new Error(`${name} is not a devDependency`);
  return `${name}@${range}`;
});

const BROWSER = `
import { ArmorError, Client, type FreshnessStatus, type JobStatus } from "anomalyarmor";
import { armorQueries, pollJob } from "anomalyarmor/query";
import { createFreshnessGate } from "anomalyarmor/adapters";
import { createSandbox } from "anomalyarmor/testing";
import { sandboxHandlers } from "anomalyarmor/testing/msw";
import { QueryClient } from "@tanstack/query-core";

export async function page(): Promise<void> {
  const sandbox = createSandbox({ clock: "realtime" });
  const handlers: unknown[] = sandboxHandlers(sandbox);
  const client = new Client({ apiUrl: sandbox.url, apiKey: () => sandbox.keys.readWrite });
  const status: FreshnessStatus = await new QueryClient().fetchQuery(armorQueries(client).freshness.get("a"));
  // @ts-expect-error qualified_name is a string
  const wrong: number = status.qualified_name;
  const job: JobStatus = await pollJob(client, "job");
  const gate = createFreshnessGate({ client, assets: ["a"] });
  try {
    await client.assets.get("missing");
  } catch (error) {
    if (ArmorError.is(error)) console.log(error.code);
  }
  console.log(handlers, wrong, job, gate, document.title);
}
`;

const WORKER = `
import { Client, type FreshnessStatus } from "anomalyarmor";
import { armorKeys } from "anomalyarmor/query";
import { clientFromEnv, withFreshnessGate } from "anomalyarmor/adapters";
import { createSandbox } from "anomalyarmor/testing";

interface Env {
  ARMOR_API_KEY: string;
}

async function handler(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const client = new Client({ apiKey: env.ARMOR_API_KEY });
  const status: FreshnessStatus = await client.freshness.get("snowflake.prod.warehouse.orders");
  // @ts-expect-error hours_since_update is a number
  const wrong: string = status.hours_since_update;
  ctx.waitUntil(Promise.resolve(createSandbox().url));
  return Response.json({ status, wrong, key: armorKeys(client).freshness.all, url: request.url });
}

export default {
  fetch: withFreshnessGate(handler, { client: (env: Env) => clientFromEnv(env), assets: ["a"], onError: "closed" }),
} satisfies ExportedHandler<Env>;
`;

/** The first ts block of a README section, as a newcomer pastes it. */
function readmeSnippet(heading: string): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split(`\n${heading}\n`)[1];
  const block = section && /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`README has no ts block under "${heading}"`);
  return block[1]!;
}

/** Where the disposable lib is there, \`using\` closes a client. */
const USING = `
import { Client } from "anomalyarmor";

export function scoped(): void {
  using client = new Client({ apiKey: "aa_live_example" });
  console.log(client.toJSON());
}
`;

const BASE = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  target: "ES2022",
  module: "esnext",
  moduleResolution: "bundler",
  verbatimModuleSyntax: true,
};

/** Typechecks `files` under `compilerOptions`; `files` lists every file the program read, to see what came in. */
function typecheck(dir: string, name: string, compilerOptions: Record<string, unknown>, files: string[]) {
  const project = path.join(dir, `tsconfig.${name}.json`);
  writeFileSync(project, JSON.stringify({ compilerOptions: { ...BASE, ...compilerOptions }, files }, null, 2));
  const r = spawnSync(process.execPath, [TSC, "-p", project, "--pretty", "false", "--listFiles"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 600_000,
  });
  // A tsc cut short by the timeout prints a partial list: say so instead of comparing it.
  if (r.error) throw new Error(`tsc did not finish: ${r.error.message}`);
  const lines = `${r.stdout}${r.stderr}`.trim().split("\n");
  return {
    status: r.status,
    errors: lines.filter((l) => / error TS\d+/.test(l)),
    files: lines.filter((l) => !/ error TS\d+/.test(l)),
  };
}

/** Files of the program that come from Node's types (directly or through undici's). */
const nodeTypes = (files: string[]) => files.filter((f) => /node_modules\/(@types\/node|undici-types)\//.test(f));

describe("declarations of the packed tarball, compiled without Node types", () => {
  let consumer: { dir: string; cleanup: () => void };

  beforeAll(() => {
    requireBuild();
    consumer = installTarball(EXTRAS);
    writeFileSync(path.join(consumer.dir, "browser.ts"), BROWSER);
    writeFileSync(path.join(consumer.dir, "worker.ts"), WORKER);
    writeFileSync(path.join(consumer.dir, "using.ts"), USING);
    writeFileSync(path.join(consumer.dir, "readme-browser.ts"), readmeSnippet("### In a browser, through msw"));
    writeFileSync(path.join(consumer.dir, "readme-gate.ts"), readmeSnippet("## Gating edge functions on freshness"));
  }, 300_000);
  // Removing an installed project takes seconds on a loaded machine: past the default 10 s hook timeout.
  afterAll(() => consumer?.cleanup(), 120_000);

  it("should typecheck a browser project and README's msw snippet: lib ES2022 + DOM, no @types/node, skipLibCheck off", () => {
    const r = typecheck(consumer.dir, "browser", { lib: ["ES2022", "DOM"], types: [] }, [
      "browser.ts",
      "readme-browser.ts",
    ]);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.files.some((f) => f.includes("node_modules/anomalyarmor/dist/testing/msw.d.ts"))).toBe(true);
    expect(nodeTypes(r.files)).toEqual([]);
  }, 600_000);

  it("should typecheck a Worker project and README's gate snippet: lib ES2022 + @cloudflare/workers-types, skipLibCheck off", () => {
    const r = typecheck(consumer.dir, "worker", { lib: ["ES2022"], types: ["@cloudflare/workers-types"] }, [
      "worker.ts",
      "readme-gate.ts",
    ]);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.files.some((f) => f.includes("node_modules/@cloudflare/workers-types/"))).toBe(true);
    expect(nodeTypes(r.files)).toEqual([]);
  }, 600_000);

  it("should let `using` close a client where the project has the disposable lib", () => {
    const r = typecheck(consumer.dir, "using", { lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [] }, [
      "using.ts",
    ]);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe(0);
  }, 600_000);

  it("should fail where the consumer misuses a type (the check can fail)", () => {
    writeFileSync(
      path.join(consumer.dir, "wrong.ts"),
      `import { Client } from "anomalyarmor";\nnew Client({ maxRetries: "two" });\n`,
    );
    const r = typecheck(consumer.dir, "wrong", { lib: ["ES2022", "DOM"], types: [] }, ["wrong.ts"]);
    expect(r.status).not.toBe(0);
    expect(r.errors.join("\n")).toMatch(/wrong\.ts\(2,\d+\): error TS2322/);
  }, 600_000);
});
