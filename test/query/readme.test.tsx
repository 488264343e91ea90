// @vitest-environment happy-dom
/**
 * README's section "Using with TanStack Query", run as written: each fenced block of the section is
 * bundled with esbuild (`anomalyarmor` resolved to this repository's src/, `./armor` to a Client with a
 * key function on the sandbox), the React one rendered in happy-dom and the query-core one executed,
 * both against the sandbox through msw.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { setupServer } from "msw/node";
import { createElement, type ComponentType } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../../src/testing/index";
import { sandboxHandlers } from "../../src/testing/msw";

// A path string, not new URL(): under happy-dom, URL is the DOM's, which Node's fileURLToPath refuses.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SECTION = "## Using with TanStack Query";
const API = "https://armor.example.test/api/v1";
const ORDERS = "snowflake.prod.warehouse.orders";

/** The fenced blocks of README's section, in order. */
function sectionBlocks(): { lang: string; code: string }[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README has no section "${SECTION}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

const sandbox = createSandbox({ seed: 20, clock: "manual" });
const server = setupServer(...sandboxHandlers(sandbox, API));
mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
const outDir = mkdtempSync(path.join(ROOT, "test-output", "readme-query-"));
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => {
  server.close();
  rmSync(outDir, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

/** Bundles one README block as `name` and imports it; what the block imports from npm stays external. */
async function load(name: string, code: string): Promise<Record<string, unknown>> {
  writeFileSync(path.join(outDir, name), code);
  // `./armor` in the README is "your Client": here a key function, as the README advises for browsers.
  writeFileSync(
    path.join(outDir, "armor.ts"),
    `import { Client } from "anomalyarmor";\n` +
      `export const client = new Client({ apiKey: async () => ${JSON.stringify(sandbox.keys.readWrite)}, apiUrl: ${JSON.stringify(API)} });\n`,
  );
  const result = await build({
    entryPoints: [path.join(outDir, name)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    alias: { anomalyarmor: path.join(ROOT, "src") },
    external: ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query", "@tanstack/query-core"],
    logLevel: "silent",
  });
  const file = path.join(outDir, `${name}.${Date.now()}.mjs`);
  writeFileSync(file, result.outputFiles[0]!.text);
  return (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
}

const gets = (pattern: RegExp) =>
  sandbox.requests.filter((r) => r.method === "GET" && pattern.test(r.path.replace(/^\/api\/v1/, ""))).length;

describe(`README "${SECTION.slice(3)}"`, () => {
  it("should show the React hooks form first, then plain query-core, and nothing this file does not run", () => {
    const blocks = sectionBlocks();
    expect(blocks.map((b) => b.lang)).toEqual(["tsx", "ts"]);
    expect(blocks[0]!.code).toMatch(/from "@tanstack\/react-query"/);
    expect(blocks[0]!.code).toMatch(/useQuery\(q\./);
    expect(blocks[0]!.code).toMatch(/useMutation\(m\./);
  });

  describe("the React block", () => {
    let root: Root | undefined;
    afterEach(() => {
      root?.unmount();
      document.body.innerHTML = "";
    });

    it("should render freshness, then re-check with progress and show the re-read", async () => {
      const { App } = (await load("app.tsx", sectionBlocks()[0]!.code)) as { App: ComponentType };
      const container = document.createElement("div");
      document.body.append(container);
      root = createRoot(container);
      root.render(createElement(App));
      const text = (selector: string) => container.querySelector(selector)?.textContent ?? "";
      const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 5 });

      await until(() => expect(text("[data-part=status]")).toBe("fresh, 2.5 h old"));
      expect(text("button")).toBe("Re-check");
      const reads = gets(new RegExp(`^/sdk/freshness/${ORDERS}$`));

      container.querySelector("button")!.click();
      await until(() => expect(text("button")).toMatch(/^Re-checking… 0%$/));
      sandbox.clock.advance({ seconds: 2 });
      await until(() => expect(text("button")).toMatch(/^Re-checking… ([1-9]\d?)%$/));
      sandbox.clock.advance({ seconds: 4 });
      await until(() => expect(text("button")).toBe("Re-check"));
      // the mutation invalidated the asset's freshness: the mounted query read it again
      await until(() => expect(gets(new RegExp(`^/sdk/freshness/${ORDERS}$`))).toBe(reads + 1));
      expect(text("[data-part=status]")).toMatch(/^fresh, [\d.]+ h old$/);
    });
  });

  describe("the query-core block", () => {
    it("should run to the end: a cached read, a metric created, a job polled to completion", async () => {
      const logs: unknown[][] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args));
      // The job moves with the sandbox clock: let it run a second every few milliseconds meanwhile.
      const ticking = setInterval(() => sandbox.clock.advance({ seconds: 1 }), 20);
      try {
        await load("script.ts", sectionBlocks()[1]!.code);
      } finally {
        clearInterval(ticking);
        log.mockRestore();
      }
      expect(logs[0]).toEqual(["fresh"]);
      expect(logs.at(-1)).toEqual(["completed"]);
      expect(logs.slice(1, -1).every(([status]) => typeof status === "string")).toBe(true);
      expect(
        sandbox.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/sdk/metrics/${ORDERS}`)),
      ).toHaveLength(1);
    });
  });
});
