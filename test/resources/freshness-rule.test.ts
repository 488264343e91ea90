/**
 * One staleness rule, four readers: `requireFresh`, the freshness gate, `waitForFresh` and the query
 * layer's freshness poll give the same verdict, and the same threshold, for any status the API may send
 * (every generated status passes `FreshnessStatusSchema`, which the gate checks every read against).
 */
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { createFreshnessGate } from "../../src/adapters/freshness-gate";
import { Client } from "../../src/client";
import { AbortError, StalenessError } from "../../src/core/errors";
import { armorQueries, waitForFresh } from "../../src/query";
import { FreshnessStatusSchema, type FreshnessStatus } from "../../src/resources/freshness";

const ASSET = "snowflake.prod.warehouse.orders";
const KEY = "aa_live_abcdefghijklmnopqrstuvwxyz0123456789";

const hours = fc.oneof(
  fc.double({ min: -48, max: 200, noNaN: true }),
  fc.integer({ min: 0, max: 72 }),
  fc.constantFrom(0, 23.999, 24, 24.001),
);
const absent = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null), fc.constant(undefined));
const iso = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

/** A status body as the API may send it: the threshold absent, null or 0, the age absent or null, any `status`. */
const statusBody = fc.record(
  {
    asset_id: fc.uuid(),
    qualified_name: fc.constant(ASSET),
    status: fc.oneof(fc.constantFrom("fresh", "stale", "unknown", "disabled"), fc.string({ maxLength: 8 })),
    last_update_time: absent(iso),
    staleness_threshold_hours: absent(fc.oneof(hours, fc.constant(0))),
    hours_since_update: absent(hours),
    is_stale: fc.boolean(),
    checked_at: iso,
  },
  { requiredKeys: ["asset_id", "qualified_name", "status", "is_stale", "checked_at"] },
);
const maxAge = fc.option(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0, 24)), {
  nil: undefined,
});

/** A client whose stand-in API answers every freshness read with `body`. */
function clientAnswering(body: unknown): Client {
  const fetch = (async () =>
    new Response(JSON.stringify({ data: body }), {
      headers: { "content-type": "application/json" },
    })) as typeof globalThis.fetch;
  return new Client({ apiKey: KEY, fetch, maxRetries: 0 });
}

/** Each reader's verdict: `undefined` for fresh, else the threshold it held the asset to. */
async function verdicts(body: unknown, max_age_hours: number | undefined) {
  const client = clientAnswering(body);

  const required = await client.freshness
    .requireFresh(ASSET, max_age_hours === undefined ? {} : { max_age_hours })
    .then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof StalenessError)) throw error;
        return error.threshold_hours;
      },
    );

  const gate = createFreshnessGate({ assets: ASSET, client, max_age_hours, onError: "closed" });
  const decision = await gate.check(new Request("https://site.example/report"));
  if (decision.state !== "fresh" && decision.state !== "stale") throw new Error(`gate: ${decision.state}`);
  const gated = decision.state === "fresh" ? undefined : decision.assets[0]!.threshold_hours;

  // One read: the poll returns it when fresh; when not, the abort raised on seeing it ends the wait.
  const stop = new AbortController();
  const waited = await waitForFresh(client, ASSET, {
    max_age_hours,
    signal: stop.signal,
    onProgress: () => stop.abort(),
  }).then(
    () => "fresh" as const,
    (error: unknown) => {
      if (!(error instanceof AbortError)) throw error;
      return "stale" as const;
    },
  );

  const polled = armorQueries(client).freshness.get(ASSET, { poll: { max_age_hours } });
  const status = v.parse(FreshnessStatusSchema, body) as FreshnessStatus;
  const refetch = polled.refetchInterval;
  if (refetch === undefined) throw new Error("a polled read sets refetchInterval");
  const next = refetch({ state: { data: status, status: "success", dataUpdateCount: 1 } });

  return { required, gated, waited, polledFresh: next === false };
}

describe("the staleness rule", () => {
  it("should give the same verdict and threshold in requireFresh, the gate, waitForFresh and the query poll", async () => {
    let stale = 0;
    let fresh = 0;
    await fc.assert(
      fc.asyncProperty(statusBody, maxAge, async (raw, max_age_hours) => {
        const body: unknown = JSON.parse(JSON.stringify(raw));
        expect(v.safeParse(FreshnessStatusSchema, body).success).toBe(true);
        const { required, gated, waited, polledFresh } = await verdicts(body, max_age_hours);
        expect(gated).toBe(required);
        expect(waited).toBe(required === undefined ? "fresh" : "stale");
        expect(polledFresh).toBe(required === undefined);
        if (required === undefined) fresh++;
        else stale++;
      }),
      { numRuns: 150 },
    );
    // Both verdicts were exercised, or agreement would prove little.
    expect(stale).toBeGreaterThan(10);
    expect(fresh).toBeGreaterThan(10);
  });

  it("should hold an asset to max_age_hours, else its own threshold when not 0, else 24, strictly", async () => {
    const body = (threshold: number | null, age: number | null) => ({
      asset_id: "a",
      qualified_name: ASSET,
      status: "fresh",
      staleness_threshold_hours: threshold,
      hours_since_update: age,
      is_stale: false,
      checked_at: "2026-01-01T00:00:00Z",
    });
    const cases: [
      threshold: number | null,
      age: number | null,
      max: number | undefined,
      expected: number | undefined,
    ][] = [
      [6, 6, undefined, undefined],
      [6, 6.01, undefined, 6],
      [6, 7, 12, undefined],
      [6, 13, 12, 12],
      [null, 24, undefined, undefined],
      [null, 24.5, undefined, 24],
      [0, 24.5, undefined, 24],
      [0, 1, 0, 0],
      [6, null, 0, undefined],
    ];
    for (const [threshold, age, max, expected] of cases) {
      const { required, gated } = await verdicts(body(threshold, age), max);
      expect([threshold, age, max, required]).toEqual([threshold, age, max, expected]);
      expect(gated).toBe(expected);
    }
    const { required } = await verdicts({ ...body(6, 1), is_stale: true }, undefined);
    expect(required).toBe(6);
  });
});
