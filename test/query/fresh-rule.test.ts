/**
 * The rule of docs/protocol.md §3.3, pinned: `staleThreshold` (called by `freshness.requireFresh` and the
 * gate) and `isFreshSettled` (polling, `waitForFresh`, the polled query, through `staleThreshold`) judge
 * literal rows for the rule's edges the same, and agree on every status the model lets through.
 * test/resources/freshness-rule.test.ts holds the four public callers to one verdict end to end.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFreshSettled } from "../../src/query/polling";
import { staleThreshold, type FreshnessStatus } from "../../src/resources/freshness";

const RUNS = Number(process.env.FC_RUNS ?? 200);
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 19_019);

function status(hours: number | null, threshold: number | null, is_stale: boolean): FreshnessStatus {
  return {
    asset_id: "id-orders",
    qualified_name: "snowflake.prod.warehouse.orders",
    status: is_stale ? "stale" : "fresh",
    last_update_time: null,
    last_updated: null,
    staleness_threshold_hours: threshold,
    hours_since_update: hours,
    is_stale,
    is_fresh: !is_stale,
    checked_at: "2026-01-01T00:00:00Z",
  };
}

function fresh(s: FreshnessStatus, max?: number): boolean {
  return staleThreshold(s, max) === undefined;
}

describe("the freshness rule", () => {
  it.each<[string, number | null, number | null, boolean, number | undefined, boolean]>([
    ["24 h old, no threshold: the 24 h default", 24, null, false, undefined, true],
    ["24.01 h old, no threshold", 24.01, null, false, undefined, false],
    ["a threshold of 0 counts as none", 23, 0, false, undefined, true],
    ["the asset's own threshold", 7, 6, false, undefined, false],
    ["max_age_hours over the asset's threshold", 7, 6, false, 8, true],
    ["max_age_hours of 0", 0.5, 48, false, 0, false],
    ["exactly max_age_hours", 6, 48, false, 6, true],
    ["the server's is_stale, whatever the age", 1, 24, true, undefined, false],
    ["no age known", null, 24, false, undefined, true],
  ])("should judge %s the same in both places", (_, hours, threshold, isStale, max, expected) => {
    const s = status(hours, threshold, isStale);
    expect(isFreshSettled(s, max)).toBe(expected);
    expect(fresh(s, max)).toBe(expected);
  });

  it("should agree in both places on any status the model admits (property)", () => {
    const hours = fc.oneof(
      fc.constant(null),
      fc.constantFrom(0, 6, 24, 48),
      fc.double({ min: 0, max: 500, noNaN: true }),
    );
    const threshold = fc.oneof(
      fc.constant(null),
      fc.constantFrom(0, 6, 24),
      fc.double({ min: 0, max: 200, noNaN: true }),
    );
    const max = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(0, 6, 24),
      fc.double({ min: 0, max: 200, noNaN: true }),
    );
    let compared = 0;
    fc.assert(
      fc.property(hours, threshold, fc.boolean(), max, (h, t, stale, m) => {
        const s = status(h, t, stale);
        compared++;
        return isFreshSettled(s, m) === fresh(s, m);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    expect(compared).toBeGreaterThanOrEqual(RUNS);
  });
});
