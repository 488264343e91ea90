/**
 * `anomalyarmor/adapters`: edge and runtime helpers. A freshness gate for fetch-style handlers
 * (Workers, Deno, Bun) and client construction from whatever environment the runtime offers.
 *
 * @module anomalyarmor/adapters
 */
export {
  createFreshnessGate,
  withFreshnessGate,
  type AssetFreshness,
  type FetchHandler,
  type FreshnessDecision,
  type FreshnessGate,
  type FreshnessGateOptions,
  type FreshnessReader,
  type FreshnessSource,
  type FreshnessState,
  type GateMatcher,
  type WaitUntilContext,
} from "./freshness-gate";
export { type CacheApiLike, type CachedFreshness, type FreshnessCache } from "./cache";
export { clientFromEnv, freshnessFromEnv } from "./env";
