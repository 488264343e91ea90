/**
 * Issue 19's assertion audit kept true: test/meta/audit.ts finds no weak matcher and no loop over a
 * possibly empty list in any file under test/ (each accepted case carries its `// audit:` reason), and
 * it does find each pattern it claims to, in small planted files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { auditSource } from "./audit";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== "node_modules" && name !== "__snapshots__") walk(file, out);
    } else if (/\.(ts|tsx|mts|mjs)$/.test(name)) out.push(file);
  }
  return out;
}

describe("assertion audit", () => {
  const files = walk(path.join(ROOT, "test"));

  it("should read every test file", () => {
    expect(files.map((f) => path.relative(ROOT, f))).toContain(path.join("test", "core", "retry.test.ts"));
    expect(files.length).toBeGreaterThan(100); // audit: a floor, so that a broken walk fails; the count grows
  });

  it("should find no weak matcher and no loop over a possibly empty list under test/", () => {
    const findings = files.flatMap((file) => auditSource(path.relative(ROOT, file), readFileSync(file, "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.text}`)).toEqual([]);
  });
});

describe("auditSource", () => {
  const lines = (text: string) => auditSource("planted.test.ts", text).map((f) => `${f.line} ${f.rule}`);

  it.each([
    ["expect(a).toBeTruthy();", "1 weak"],
    ["expect(a).toBeFalsy();", "1 weak"],
    ["expect(a).toBeDefined();", "1 weak"],
    ["expect(a).not.toBeUndefined();", "1 weak"],
    ["expect(a).not.toBeNull();", "1 weak"],
    ["expect(a.length).toBeGreaterThan(0);", "1 weak"],
    ["for (const x of list) expect(x).toBe(1);", "1 loop"],
    ["for (const k in record) expect(k).toBe('a');", "1 loop"],
    ["list.forEach((x) => expect(x).toBe(1));", "1 loop"],
    ["for (const x of await read()) expect(x).toBe(1);", "1 loop"],
    ["for (const row of rows.filter(Boolean)) it('row', () => expect(row).toBe(1));", "1 loop"],
    [
      "expect(list.map((x) => x.a)).toEqual(expect.arrayContaining([]));\nfor (const x of list) expect(x).toBe(1);",
      "2 loop",
    ],
    ["for (const x of [...rest]) expect(x).toBe(1);", "1 loop"],
    ["const A = [1];\nit('t', () => {\n  const A = [];\n  for (const x of A) expect(x).toBe(1);\n});", "4 loop"],
    ["let A = [1];\nfor (const x of A) expect(x).toBe(1);", "2 loop"],
    ["let n = 0;\nexpect(n).toBe(0);\nfor (const x of list) {\n  expect(x).toBe(1);\n  n++;\n}", "3 loop"],
    ["const A = [1];\nfor (const x of A.slice(1)) expect(x).toBe(1);", "2 loop"],
    ["const empty = [];\nfor (const x of empty) expect(x).toBe(1);", "2 loop"],
  ])("should flag %s", (text, finding) => {
    expect(lines(text)).toEqual([finding]);
  });

  it.each([
    [
      "an exact matcher",
      "expect(a).toBe(1); expect(a).toBeNull(); expect(a).toBeUndefined(); expect(a).toBeGreaterThan(2);",
    ],
    ["a weak matcher with its reason", "// audit: a measured time\nexpect(ms).toBeGreaterThan(0);"],
    ["a weak matcher with its reason on the line", "expect(ms).toBeGreaterThan(0); // audit: a measured time"],
    ["a loop over an array literal", "for (const x of [1, 2]) expect(x).toBeLessThan(3);"],
    [
      "a loop over a constant table",
      "const ROWS = [[1, 2]] as const;\nfor (const [a, b] of ROWS) expect(a).toBe(b - 1);",
    ],
    [
      "a loop over a table's entries",
      "const T = { a: 1 };\nfor (const [k, v] of Object.entries(T)) expect(k).toBe(String(v));",
    ],
    ["a loop after a length check", "expect(list).toHaveLength(2);\nfor (const x of list) expect(x).toBe(1);"],
    ["a loop before a length check", "list.forEach((x) => expect(x).toBe(1));\nexpect(list.length).toBe(2);"],
    ["a loop over exactly known contents", "expect(list).toEqual([1]);\nfor (const x of list) expect(x).toBe(1);"],
    [
      "a loop over a list whose map is known",
      "expect(list.map((x) => x.a)).toEqual([1]);\nfor (const x of list) expect(x.b).toBe(1);",
    ],
    [
      "a loop over a list that contains something",
      "expect(list).toContain(1);\nfor (const x of list) expect(x).toBe(1);",
    ],
    [
      "a loop over a list known to include something",
      "expect(list.map((x) => x.a)).toEqual(expect.arrayContaining([1]));\nfor (const x of list) expect(x.b).toBe(1);",
    ],
    [
      "a loop over a spread of a non-empty table",
      "const A = [1];\nfor (const x of [...A, ...more]) expect(x).toBe(1);",
    ],
    ["the first rows of a table", "const A = [1, 2];\nfor (const x of A.slice(0, 1)) expect(x).toBe(1);"],
    [
      "the table in scope, not another of the same name",
      "let A = 0;\nit('t', () => {\n  const A = [1];\n  for (const x of A) expect(x).toBe(1);\n});",
    ],
    [
      "a loop whose count is asserted after it",
      "let n = 0;\nfor (const x of list) {\n  expect(x).toBe(1);\n  n++;\n}\nexpect(n).toBe(2);",
    ],
    ["a loop that asserts nothing", "for (const x of list) total += x;"],
    ["a loop with its reason", "// audit: rows come from a fixed seed\nfor (const x of list) expect(x).toBe(1);"],
  ])("should accept %s", (_, text) => {
    expect(lines(text)).toEqual([]);
  });

  it("should not take a length check in another test for this one's", () => {
    const text = [
      "it('a', () => { expect(list).toHaveLength(2); });",
      "it('b', () => { for (const x of list) expect(x).toBe(1); });",
    ].join("\n");
    expect(lines(text)).toEqual(["2 loop"]);
  });

  it("should require a reason after `audit:`", () => {
    expect(lines("expect(a).toBeTruthy(); // audit:")).toEqual(["1 weak"]);
  });
});
