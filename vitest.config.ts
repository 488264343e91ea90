import { defineConfig } from "vitest/config";

/**
 * What `--mode unit` (`npm run test:unit`, `npm run test:watch`) leaves out: the tests that need dist/
 * (built by `npm test`) or a real runtime beside Node (workerd, Deno, Bun, Chromium).
 */
const DIST_AND_RUNTIMES = [
  "test/package/**",
  "test/cli/**",
  "test/examples/cloudflare-worker.test.ts",
  "test/examples/runtime-gates.test.ts",
  "test/examples/vite-app.e2e.test.ts",
  "test/public-api.test.ts",
];

export default defineConfig(({ mode }) => ({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/runtime/**", "**/node_modules/**", ...(mode === "unit" ? DIST_AND_RUNTIMES : [])],
    environment: "node",
    testTimeout: 20_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.test.json" },
  },
}));
