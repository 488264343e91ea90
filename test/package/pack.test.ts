import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entries, pkg, requireBuild, ROOT } from "./consumer";

/** The tarball `npm publish` would upload (scripts skipped: dist/ is already built by `npm test`). */
interface Packed {
  file: string;
  files: string[];
}

describe("packed tarball", () => {
  let dir: string;
  let packed: Packed;

  beforeAll(() => {
    requireBuild();
    dir = mkdtempSync(path.join(tmpdir(), "anomalyarmor-pack-"));
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    packed = { file: path.join(dir, info!.filename), files: info!.files.map((f) => f.path).sort() };
  }, 90_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("should contain only dist/, the docs, the sandbox catalogue, the README, the licence and the manifest", () => {
    const outside = packed.files.filter(
      (f) =>
        !f.startsWith("dist/") &&
        !/^docs\/[^/]+\.md$/.test(f) &&
        !["src/testing/README.md", "README.md", "LICENSE", "package.json"].includes(f),
    );
    expect(outside).toEqual([]);
  });

  it("should ship every file a shipped Markdown file links to, so README's links work from node_modules", () => {
    const markdown = packed.files.filter((f) => f.endsWith(".md"));
    expect(markdown).toEqual(expect.arrayContaining(["README.md", "src/testing/README.md", "docs/query.md"]));
    const broken: string[] = [];
    for (const file of markdown) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      // Inline links and images, outside code spans: [text](target) with a relative target.
      for (const [, target] of text.replace(/`[^`\n]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target!) || target!.startsWith("#")) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target!.replace(/#.*$/, "")));
        if (!packed.files.some((f) => f === resolved || f.startsWith(`${resolved}/`)))
          broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("should name no repository or homepage it does not own", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.repository).toBeUndefined();
    expect(manifest.homepage).toBeUndefined();
    expect(manifest.bugs).toBeUndefined();
  });

  it("should contain every file the exports map and bin point at", () => {
    const targets = entries.flatMap((e) => [
      e.target.import.types,
      e.target.import.default,
      e.target.require.types,
      e.target.require.default,
    ]);
    const wanted = [...targets, ...Object.values(pkg.bin)].map((f) => f.replace(/^\.\//, ""));
    expect(wanted.filter((f) => !packed.files.includes(f))).toEqual([]);
  });

  it("should pass publint in strict mode", async () => {
    const tarball = readFileSync(packed.file);
    const { messages, pkg: manifest } = await publint({
      strict: true,
      pack: {
        tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer,
      },
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, manifest) ?? m.code}`)).toEqual([]);
  });

  it("should have types that resolve for every entry under node10, node16 (ESM and CJS) and bundler resolution", () => {
    const attw = path.join(ROOT, "node_modules", ".bin", "attw");
    let report: string;
    try {
      report = execFileSync(attw, [packed.file, "--format", "json"], { encoding: "utf8", timeout: 120_000 });
    } catch (e) {
      // attw exits 1 when it finds problems; its JSON report is still on stdout.
      report = String((e as { stdout?: string }).stdout ?? e);
    }
    const { analysis, problems } = JSON.parse(report) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems?: Record<string, { kind: string; entrypoint?: string; resolutionKind?: string }[]>;
    };
    expect(Object.keys(analysis.entrypoints).sort()).toEqual(Object.keys(pkg.exports).sort());
    const found = Object.values(problems ?? {}).flat();
    expect(found.map((p) => `${p.entrypoint ?? ""} [${p.resolutionKind ?? "-"}] ${p.kind}`)).toEqual([]);
  }, 120_000);
});
