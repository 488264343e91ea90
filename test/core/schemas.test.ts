import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { model, normalize, withDefault } from "../../src/core/schemas";
import * as alerts from "../../src/resources/alerts";
import * as apiKeys from "../../src/resources/api-keys";
import * as assets from "../../src/resources/assets";
import * as badges from "../../src/resources/badges";
import * as freshness from "../../src/resources/freshness";
import * as health from "../../src/resources/health";
import * as intelligence from "../../src/resources/intelligence";
import * as investigations from "../../src/resources/investigations";
import * as jobs from "../../src/resources/jobs";
import * as lineage from "../../src/resources/lineage";
import * as metrics from "../../src/resources/metrics";
import * as recommendations from "../../src/resources/recommendations";
import * as referential from "../../src/resources/referential";
import * as schema from "../../src/resources/schema";
import * as tags from "../../src/resources/tags";
import * as validity from "../../src/resources/validity";

/** Every response model the resources export, by name. */
const MODELS = Object.entries({
  ...alerts,
  ...apiKeys,
  ...assets,
  ...badges,
  ...freshness,
  ...health,
  ...intelligence,
  ...investigations,
  ...jobs,
  ...lineage,
  ...metrics,
  ...recommendations,
  ...referential,
  ...schema,
  ...tags,
  ...validity,
}).filter(([name]) => name.endsWith("Schema")) as [string, v.GenericSchema][];

interface Node {
  type: string;
  entries?: Record<string, Node>;
  item?: Node;
  wrapped?: Node;
  options?: unknown[];
  value?: Node;
  pipe?: Node[];
}

const noise = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
);

const OPTIONAL = new Set(["optional", "nullish", "exact_optional"]);

/**
 * Values shaped by the schema (so most are valid), with a little noise anywhere.
 * @param valid - no noise and every required key present: (nearly) only values valibot accepts
 */
function arb(s: Node, depth = 0, valid = false): fc.Arbitrary<unknown> {
  const sub = (n: Node, d = depth) => arb(n, d, valid);
  const shaped = (() => {
    if (s.pipe)
      return s.pipe.some((a) => a.type === "integer") ? fc.integer({ min: 0, max: 1000 }) : sub(s.pipe[0] as Node);
    switch (s.type) {
      case "string":
        return fc.string({ maxLength: 6 });
      case "number":
        return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6 }));
      case "boolean":
        return fc.boolean();
      case "picklist":
        return fc.constantFrom(...(s.options as unknown[]));
      case "nullish":
      case "optional":
      case "nullable":
        return fc.oneof(fc.constant(null), fc.constant(undefined), sub(s.wrapped as Node));
      case "object":
      case "loose_object":
        if (depth > 3) return fc.constant({});
        return fc
          .tuple(
            fc.record(Object.fromEntries(Object.entries(s.entries ?? {}).map(([k, e]) => [k, sub(e, depth + 1)])), {
              requiredKeys: valid
                ? Object.entries(s.entries ?? {})
                    .filter(([, e]) => !OPTIONAL.has(e.type))
                    .map(([k]) => k)
                : [],
            }),
            fc.dictionary(
              fc.constantFrom("extra", "x_new", "constructor", "__proto__"),
              fc.jsonValue({ maxDepth: 1 }),
              { maxKeys: 2 },
            ),
          )
          .map(([known, extra]) => ({ ...extra, ...known }));
      case "array":
        return depth > 3 ? fc.constant([]) : fc.array(sub(s.item as Node, depth + 1), { maxLength: 3 });
      case "record":
        return fc.dictionary(fc.string({ maxLength: 3 }), sub(s.value as Node, depth + 1), { maxKeys: 3 });
      case "union":
        return fc.oneof(...(s.options as Node[]).map((o) => sub(o)));
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return valid ? shaped : fc.oneof({ arbitrary: shaped, weight: 12 }, { arbitrary: noise, weight: 1 });
}

/** Without the keys valibot never copies (`constructor`, `__proto__`, `prototype`); normalize keeps what the server sent. */
function withoutReserved(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutReserved);
  if (x !== null && typeof x === "object" && !(x instanceof Date)) {
    return Object.fromEntries(
      Object.keys(x)
        .filter((k) => k !== "constructor" && k !== "__proto__" && k !== "prototype")
        .map((k) => [k, withoutReserved((x as Record<string, unknown>)[k])]),
    );
  }
  return x;
}

describe("normalize", () => {
  it("should know every response model the resources export", () => {
    expect(MODELS.length).toBeGreaterThan(40);
  });

  it("should give a fresh default to each value", () => {
    const s = v.looseObject({ list: withDefault(v.array(v.string()), []) });
    const a = normalize(s, {}) as { list: string[] };
    const b = normalize(s, {}) as { list: string[] };
    expect(a.list).toEqual([]);
    a.list.push("x");
    expect(b.list).toEqual([]);
  });

  it("should fill a union's value as the option it matches, as valibot judges", () => {
    const item = v.looseObject({ n: withDefault(v.number(), 0) });
    const s = v.looseObject({ sources: withDefault(v.union([v.string(), v.array(item)]), []) });
    expect(normalize(s, { sources: "a, b" })).toEqual({ sources: "a, b" });
    expect(normalize(s, { sources: [{}, { n: 2 }] })).toEqual({ sources: [{ n: 0 }, { n: 2 }] });
    expect(normalize(s, { sources: null })).toEqual({ sources: [] });
    expect(normalize(s, { sources: 7 })).toEqual({ sources: 7 });
  });

  it("should keep null and absent apart where there is no default", () => {
    const inner = v.looseObject({ n: withDefault(v.number(), 0) });
    const s = v.looseObject({ m: v.nullish(inner), list: v.nullish(v.array(inner)) });
    expect(normalize(s, { m: null, list: null })).toEqual({ m: null, list: null });
    expect(Object.keys(normalize(s, {}) as object)).toEqual([]);
    expect(normalize(s, { m: {}, list: [{}] })).toEqual({ m: { n: 0 }, list: [{ n: 0 }] });
  });

  it("should fill an absent field only from its own default, never from an inherited name", () => {
    const s = v.looseObject({ toString: withDefault(v.string(), "d"), constructor: v.nullish(v.string()) });
    const out = normalize(s, {}) as Record<string, unknown>;
    expect(Object.hasOwn(out, "toString") && out.toString).toBe("d");
    expect(Object.hasOwn(out, "constructor")).toBe(false);
  });

  it.each(MODELS)("should fill %s as valibot does for every valid value, without touching the input", (_, model) => {
    fc.assert(
      fc.property(arb(model as unknown as Node, 0, true), (value) => {
        const slow = v.safeParse(model, value);
        fc.pre(slow.success);
        const before = structuredClone(value);
        expect(withoutReserved(normalize(model, value))).toEqual(withoutReserved(slow.output));
        expect(value).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it("should pass values of the wrong shape through untouched", () => {
    const s = v.looseObject({
      n: withDefault(v.number(), 0),
      items: v.array(v.looseObject({ d: withDefault(v.string(), "x") })),
    });
    expect(normalize(s, "text")).toBe("text");
    expect(normalize(s, [1])).toEqual([1]);
    expect(normalize(s, { items: "no" })).toEqual({ n: 0, items: "no" });
    expect(normalize(s, { items: [{}, 3] })).toEqual({ n: 0, items: [{ d: "x" }, 3] });
  });

  it("should copy a filled object's own keys in order, never an own __proto__ as its prototype", () => {
    const s = model({ a: v.string(), d: withDefault(v.number(), 7) }, (x) => ({ alias: x.a }));
    // JSON.parse keeps "__proto__" as an own key; assigning it on a copy would set the prototype.
    const value = JSON.parse('{"a":"x","__proto__":{"polluted":true},"constructor":"c","z":1}') as object;
    const out = normalize(s, value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(["a", "constructor", "z", "d", "alias"]);
    expect(out).toMatchObject({ a: "x", constructor: "c", z: 1, d: 7, alias: "x" });
    expect(Object.keys(value)).toEqual(["a", "__proto__", "constructor", "z"]);
  });

  it("should return an object needing nothing as it is", () => {
    const s = v.looseObject({ a: v.string(), b: v.nullish(v.number()) });
    const value = { a: "x", b: null, extra: 1 };
    expect(normalize(s, value)).toBe(value);
  });
});
