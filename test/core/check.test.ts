/**
 * One rule per kind of input (src/core/check.ts): every layer that takes a duration refuses the same
 * values with the same words, before any request; the transport's header check is what `Headers` itself
 * accepts, and the header the freshness gate builds always passes it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFreshnessGate } from "../../src/adapters/freshness-gate";
import { Client } from "../../src/client";
import { checkDuration, isHeaderValue } from "../../src/core/check";
import { ValidationError } from "../../src/core/errors";
import { armorQueries, pollJob, waitForFresh } from "../../src/query";

const KEY = "aa_live_abcdefghijklmnopqrstuvwxyz0123456789";

/** A fetch that counts calls and answers nothing useful: no test here may reach it. */
function countingFetch() {
  const seen = { calls: 0 };
  const fetch = (async () => {
    seen.calls++;
    return new Response("{}", { status: 500 });
  }) as typeof globalThis.fetch;
  return { seen, fetch };
}

/** Every place that takes a duration, as `set(value)` returning what it threw (or undefined). */
function durationSites(fetch: typeof globalThis.fetch) {
  const client = new Client({ apiKey: KEY, fetch, maxRetries: 0 });
  const reader = { get: () => Promise.reject(new Error("not called")) };
  const caught = async (run: () => unknown) => {
    try {
      await run();
      return undefined;
    } catch (error) {
      return error;
    }
  };
  return {
    "client timeout": {
      positive: true,
      set: (x: unknown) => caught(() => new Client({ apiKey: KEY, timeout: x as number })),
    },
    "client deadline": {
      positive: true,
      set: (x: unknown) => caught(() => new Client({ apiKey: KEY, deadline: x as number })),
    },
    "call timeout": {
      positive: true,
      set: (x: unknown) => caught(() => client.health.summary({ timeout: x as number })),
    },
    "call deadline": {
      positive: true,
      set: (x: unknown) => caught(() => client.health.summary({ deadline: x as number })),
    },
    "pollJob timeoutMs": {
      positive: true,
      set: (x: unknown) => caught(() => pollJob(client, "j", { timeoutMs: x as number })),
    },
    "pollJob intervalMs": {
      positive: false,
      set: (x: unknown) => caught(() => pollJob(client, "j", { intervalMs: x as number, timeoutMs: 1 })),
    },
    "waitForFresh max_age_hours": {
      positive: false,
      set: (x: unknown) => caught(() => waitForFresh(client, "a", { max_age_hours: x as number, timeoutMs: 1 })),
    },
    "query poll intervalMs": {
      positive: false,
      set: (x: unknown) => caught(() => armorQueries(client).jobs.status("j", { intervalMs: x as number })),
    },
    "gate ttlMs": {
      positive: false,
      set: (x: unknown) => caught(() => createFreshnessGate({ assets: "a", client: reader, ttlMs: x as number })),
    },
    "gate timeoutMs": {
      positive: true,
      set: (x: unknown) => caught(() => createFreshnessGate({ assets: "a", client: reader, timeoutMs: x as number })),
    },
    "gate max_age_hours": {
      positive: false,
      set: (x: unknown) =>
        caught(() => createFreshnessGate({ assets: "a", client: reader, max_age_hours: x as number })),
    },
  };
}

describe("one duration rule", () => {
  it("should refuse a negative, non-finite or non-number duration everywhere, naming it, before any request", async () => {
    const { seen, fetch } = countingFetch();
    const sites = Object.entries(durationSites(fetch));
    expect(sites).toHaveLength(11);
    for (const [site, { set }] of sites) {
      for (const bad of [-1, -0.5, Number.NaN, Infinity, -Infinity, "5", null, 10n]) {
        const error = await set(bad);
        expect(error, `${site} = ${String(bad)}`).toBeInstanceOf(ValidationError);
        const name = site.split(" ").pop()!;
        expect((error as ValidationError).message, site).toMatch(
          new RegExp(`^${name} must be a (positive|non-negative) number of (milliseconds|hours)$`),
        );
        expect((error as ValidationError).issues, site).toEqual([{ path: name, message: (error as Error).message }]);
      }
    }
    expect(seen.calls).toBe(0);
  });

  it("should refuse zero exactly where the duration must be positive", async () => {
    const { fetch } = countingFetch();
    const sites = Object.entries(durationSites(fetch));
    expect(sites).toHaveLength(11);
    for (const [site, { positive, set }] of sites) {
      const error = await set(0);
      if (positive) expect(error, site).toBeInstanceOf(ValidationError);
      // A site that accepts 0 may still fail later (the stand-in answers 500): never with a ValidationError.
      else expect(error, site).not.toBeInstanceOf(ValidationError);
    }
  });

  it("should pass every non-negative number (zero only when not positive) through unchanged, and refuse the rest", () => {
    fc.assert(
      fc.property(fc.double(), fc.boolean(), (x, positive) => {
        if (Number.isFinite(x) && (x > 0 || (!positive && x === 0))) expect(checkDuration(x, "d", positive)).toBe(x);
        else expect(() => checkDuration(x, "d", positive)).toThrow(ValidationError);
      }),
    );
  });
});

describe("one header-value rule", () => {
  const char = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xff }),
    fc.integer({ min: 0x100, max: 0xffff }),
  );
  const edge = fc.constantFrom(0x0a, 0x0d, 0x09, 0x20);
  const text = fc
    .tuple(fc.array(edge, { maxLength: 2 }), fc.array(char, { maxLength: 12 }), fc.array(edge, { maxLength: 2 }))
    .map(([a, b, c]) => String.fromCharCode(...a, ...b, ...c));

  it("should accept what Headers accepts, less CR and LF (which Headers strips at either end)", () => {
    fc.assert(
      fc.property(text, (value) => {
        let accepted = true;
        try {
          new Headers().set("x-test", value);
        } catch {
          accepted = false;
        }
        expect(isHeaderValue(value)).toBe(accepted && !/[\r\n]/.test(value));
      }),
    );
  });

  it("should refuse an extra header the transport would have to send broken, before any request", async () => {
    const { seen, fetch } = countingFetch();
    const client = new Client({ apiKey: KEY, fetch, maxRetries: 0 });
    for (const value of ["a\r\nx-injected: 1", "a\0", "€"]) {
      expect(() => new Client({ apiKey: KEY, headers: { "x-a": value } })).toThrow(ValidationError);
      await expect(client.health.summary({ headers: { "x-a": value } })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(seen.calls).toBe(0);
  });

  it("should build a valid X-Armor-Freshness value for any asset name", async () => {
    await fc.assert(
      fc.asyncProperty(
        text.filter((a) => a !== ""),
        async (asset) => {
          const gate = createFreshnessGate({ assets: asset, client: { get: () => Promise.reject(new Error("down")) } });
          const decision = await gate.check(new Request("https://site.example/"));
          expect(isHeaderValue(decision.header)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
