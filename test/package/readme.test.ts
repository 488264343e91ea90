/**
 * README's Node script for the sandbox (refresh a table, `pollJob` to the end, over HTTP), run as
 * written against the built package installed in a consumer folder: the first thing a newcomer tries
 * must finish by itself, in seconds, not wait on a clock nobody moves.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, requireBuild, ROOT, runtimeBinary } from "./consumer";

/** The first fenced block of `lang` after the heading `heading` in README.md. */
export function readmeBlock(heading: string, lang: string): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README has no heading "${heading}"`);
  const block = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(readme.slice(at));
  if (!block) throw new Error(`README has no \`\`\`${lang} block after "${heading}"`);
  return block[1]!;
}

describe("README's Node script on a served sandbox", () => {
  let consumer: ReturnType<typeof createConsumer>;
  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
    writeFileSync(path.join(consumer.dir, "package.json"), JSON.stringify({ name: "newcomer", private: true }));
  });
  afterAll(() => consumer?.cleanup());

  // Node as the README says; Deno with --allow-net alone (no prompt: a permission it asked for would fail
  // the run) and no warning on stderr; Bun as is.
  const RUNS: Record<string, () => [file: string, args: string[]]> = {
    node: () => [process.execPath, ["refresh.mjs"]],
    deno: () => [runtimeBinary("deno"), ["run", "--no-prompt", "--allow-net", "refresh.mjs"]],
    bun: () => [runtimeBinary("bun"), ["refresh.mjs"]],
  };

  for (const [runtime, command] of Object.entries(RUNS)) {
    it(`should refresh a table and see its job completed, by itself, as written (${runtime})`, () => {
      const script = readmeBlock("### In a Node script, over HTTP", "js");
      expect(script).toMatch(/serveSandbox\(/);
      expect(script).toMatch(/pollJob\(/);
      writeFileSync(path.join(consumer.dir, "refresh.mjs"), script);
      const [file, args] = command();
      const started = Date.now();
      // The sandbox's jobs take 5 s; a script that hangs is cut at 30 s and fails here.
      const run = spawnSync(file, args, {
        cwd: consumer.dir,
        encoding: "utf8",
        timeout: 30_000,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" },
      });
      const seconds = (Date.now() - started) / 1000;
      expect(run.error, `the script did not end by itself within 30 s:\n${run.stdout}`).toBeUndefined();
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const lines = run.stdout.trim().split("\n");
      expect(lines.at(-1)).toBe("job completed");
      expect(lines).toContain("completed 100");
      expect(lines.some((l) => /^running \d+$/.test(l))).toBe(true);
      console.log(`README's refresh script in ${runtime}: ${seconds.toFixed(1)} s`);
    }, 40_000);
  }
});
