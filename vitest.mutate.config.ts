import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * The suite `npm run mutate` runs against each mutant: the `unit` mode of vitest.config.ts (no dist/, no
 * runtime matrix) less the public-API snapshot (it reads dist/), without the type tests (a mutant
 * changes values, not types), and narrowed to the module's own test files when scripts/mutate.mjs
 * names them in MUTATE_TESTS (comma-separated): a core module is imported by nearly every test file,
 * and running them all per mutant takes hours on two shared cores.
 */
export default defineConfig((env) => {
  const unit = base({ ...env, mode: "unit" });
  const own = process.env.MUTATE_TESTS?.split(",").filter(Boolean);
  return {
    test: {
      ...unit.test,
      ...(own && own.length > 0 ? { include: own } : {}),
      exclude: [...(unit.test?.exclude ?? []), "test/public-api.test.ts"],
      typecheck: { enabled: false },
    },
  };
});
