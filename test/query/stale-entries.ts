/**
 * Names of cached entries a write makes stale, by the names `everyKey` gives them (fixtures.ts), shared
 * by the invalidation table's rows and the mutation tests. Written out by hand: an oracle, never
 * computed from the table under test.
 */

/** Every metrics read of asset `a`. */
export const metricsOf = (a: string) => [
  `metrics.get(${a})`,
  `metrics.infinite(${a})`,
  `metrics.infiniteSnapshots(${a})`,
  `metrics.list(${a})`,
  `metrics.snapshots(${a})`,
  `metrics.summary(${a})`,
];

/** The freshness reads about asset `a`, the freshness lists and summary, and the health summary. */
export const freshnessOf = (a: string) => [
  `freshness.get(${a})`,
  `freshness.requireFresh(${a})`,
  "freshness.infinite",
  "freshness.list",
  "freshness.summary",
  "health.summary",
];
