import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** The source files that contribute code to an edge bundle importing `names` from `entry`. */
async function shippedFrom(entry: string, names: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: `export { ${names} } from "./${entry}";`, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([file, info]) => file.startsWith("src/") && info.bytesInOutput > 0)
    .map(([file]) => file);
}

function foreign(files: string[]): string[] {
  return files.filter((f) => !/^src\/(core|adapters)\//.test(f) && f !== "src/resources/freshness.ts");
}

describe("createFreshnessGate", () => {
  it("should ship only the core and the freshness resource, never the Client or the query layer", async () => {
    const files = await shippedFrom("src/adapters/freshness-gate.ts", "createFreshnessGate, withFreshnessGate");
    expect(files).toContain("src/resources/freshness.ts");
    expect(files).toContain("src/adapters/freshness-gate.ts");
    expect(foreign(files)).toEqual([]);
  });

  it("should stay lean when imported through the adapters entry", async () => {
    const files = await shippedFrom("src/adapters/index.ts", "withFreshnessGate");
    expect(foreign(files)).toEqual([]);
    expect(files).not.toContain("src/adapters/env.ts");
  });
});
