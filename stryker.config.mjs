// StrykerJS settings for `npm run mutate`: scripts/mutate.mjs names the module in MUTATE_MODULE
// (`core/retry`), and each module gets its own report and incremental file. Two cores are shared, so
// two test workers at most.
const module = process.env.MUTATE_MODULE ?? "core/retry";
const slug = module.replace("/", "-");

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: [`src/${module}.ts`],
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutate.config.ts", related: true },
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: `mutation/${slug}.json`,
  thresholds: { high: 85, low: 85, break: null },
  reporters: ["html", "json", "clear-text", "progress-append-only"],
  htmlReporter: { fileName: `reports/mutation/${slug}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${slug}/mutation.json` },
  clearTextReporter: {
    allowColor: false,
    logTests: false,
    reportScoreTable: true,
    reportMutants: false,
    reportTests: false,
  },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // The sandbox needs src/, test/ and the configs; the rest is slow to copy and never imported by a test.
  ignorePatterns: [
    "dist",
    "bench",
    "api-docs",
    "coverage",
    "test-output",
    "reports",
    "mutation",
    "examples/*/node_modules",
    "examples/*/dist",
  ],
};
