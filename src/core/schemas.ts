/**
 * Tolerant reader: building blocks for response models. Unknown keys are kept, open enums are strings,
 * `D=` defaults are filled (a `null` there becomes the default too), integral floats are integers and
 * nothing else is coerced. Models are plain JSON objects.
 */
import * as v from "valibot";
import { isRecord } from "./check";

/** A string field. */
export const str = /* @__PURE__ */ v.string();
/** An integer field (JSON `3.0` is the number 3, so integral floats pass). */
export const int = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number(), /* @__PURE__ */ v.integer());
/** A number field. */
export const num = /* @__PURE__ */ v.number();
/** A boolean field. */
export const bool = /* @__PURE__ */ v.boolean();
/** An ISO-8601 timestamp, kept as the string the server sent. */
export const timestamp = /* @__PURE__ */ v.string();
/** A JSON object of anything (arrays refused). */
export const dict = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.custom<Record<string, unknown>>(isRecord, "expected an object"),
  /* @__PURE__ */ v.record(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.unknown()),
);
/** A JSON array of anything. */
export const anyList = /* @__PURE__ */ v.array(/* @__PURE__ */ v.unknown());

/**
 * An open enumeration: validated as a string, typed as the known values plus any string, so a new server
 * value never breaks a deployed client.
 */
/* @__NO_SIDE_EFFECTS__ */
export function openEnum<const T extends string>(_values: readonly T[]): v.GenericSchema<string, T | (string & {})> {
  return v.string();
}

/** Presence `O`: may be absent or `null`. */
/* @__NO_SIDE_EFFECTS__ */
export function maybe<S extends v.GenericSchema>(schema: S) {
  return v.nullish(schema);
}

/** Presence `D=x`: absent or `null` becomes `fallback`. */
/* @__NO_SIDE_EFFECTS__ */
export function withDefault<S extends v.GenericSchema>(
  schema: S,
  fallback: v.InferOutput<S>,
): v.NullishSchema<S, v.InferOutput<S>> {
  // An object default is copied for each value, so no two models share one (mutable) array; by a JSON
  // round trip, twice as fast as structuredClone on these small values.
  const value =
    typeof fallback === "object" && fallback !== null
      ? () => JSON.parse(JSON.stringify(fallback)) as unknown
      : fallback;
  return v.nullish(schema, value as never);
}

/**
 * A model: a loose object (unknown keys kept), optionally followed by a step that fills aliases (seed and
 * 0.2.x names for one fact). `fill` returns only the fields it fills, and they are written onto the object
 * the parser has just built: no copy of the whole object per item. Spreading the object into a literal
 * that overrides some of its keys (`{ ...s, k: … }`) cost a third of a 100-item list call on Node 20.
 */
export function model<E extends v.ObjectEntries>(entries: E): v.LooseObjectSchema<E, undefined>;
export function model<E extends v.ObjectEntries, P extends object>(
  entries: E,
  fill: (value: v.InferOutput<v.LooseObjectSchema<E, undefined>>) => P,
): v.SchemaWithPipe<
  readonly [
    v.LooseObjectSchema<E, undefined>,
    v.TransformAction<
      v.InferOutput<v.LooseObjectSchema<E, undefined>>,
      Filled<v.InferOutput<v.LooseObjectSchema<E, undefined>>, P>
    >,
  ]
>;
/* @__NO_SIDE_EFFECTS__ */
export function model(entries: v.ObjectEntries, fill?: (value: never) => object): v.GenericSchema {
  const object = v.looseObject(entries);
  if (!fill) return object;
  // The value is always an object the parser built for this call (valibot's output, the compiled fast
  // path's, or the lax path's copy), never the caller's: writing onto it is safe.
  const alias = fill as (value: Record<string, unknown>) => object;
  return v.pipe(
    object,
    v.transform((value: Record<string, unknown>) => Object.assign(value, alias(value))),
  );
}

/** An object's type once `P`'s fields are written onto it. */
type Filled<T, P> = Flat<{ [K in keyof T as K extends keyof P ? never : K]: T[K] } & P>;
type Flat<T> = { [K in keyof T]: T[K] };

/** Internal shape of the valibot schemas compiled by {@link normalize} and {@link parseFast}. */
interface Walkable {
  type: string;
  kind?: string;
  async?: boolean;
  entries?: Record<string, Walkable>;
  item?: Walkable;
  wrapped?: Walkable;
  options?: readonly unknown[];
  key?: Walkable;
  value?: Walkable;
  default?: unknown;
  fallback?: unknown;
  pipe?: readonly Walkable[];
  operation?: (value: unknown) => unknown;
  check?: (value: unknown) => boolean;
  "~run"?: (
    dataset: { typed?: boolean; value: unknown; issues?: unknown },
    config: object,
  ) => { value: unknown; issues?: unknown };
}

/** A compiled step: the output for `value`, or {@link NO_MATCH}. */
type Step = (value: unknown) => unknown;

/** What {@link parseFast} answers when it cannot vouch for a value: valibot then decides, and explains. */
export const NO_MATCH: unique symbol = /* @__PURE__ */ Symbol("no match");

const defaultOf = (s: Walkable): unknown =>
  typeof s.default === "function" ? (s.default as () => unknown)() : s.default;
const plainKey = (o: object, key: string) =>
  Object.hasOwn(o, key) && key !== "__proto__" && key !== "prototype" && key !== "constructor";

// Response validation runs on every item of every list: valibot's generic run allocates a dataset per
// value and per field. One compiler turns a schema, once, into plain closures, in one of two modes:
// - strict ({@link parseFast}): accept exactly what valibot accepts and build the same output; anything
//   it does not know (`null`), or any value it would reject (NO_MATCH), goes back to valibot, which
//   stays the judge and the author of every issue;
// - lax ({@link normalize}, `validate: "off"`): check nothing, fill defaults and aliases, pass values of
//   another shape through; `null` marks a step that changes nothing, so objects whose fields need no
//   default are passed through without a copy.
const strict = new WeakMap<object, Step | null>();
const lenient = new WeakMap<object, Step | null>();

function run(schema: v.GenericSchema, lax: boolean): Step | null {
  const cache = lax ? lenient : strict;
  let step = cache.get(schema);
  if (step === undefined) cache.set(schema, (step = compile(schema as unknown as Walkable, lax)));
  return step;
}

/**
 * Validates `value` against `schema` the way `v.safeParse` does, faster, for the schema kinds responses use.
 * @returns valibot's output on success; {@link NO_MATCH} when the value fails or the schema has parts
 *   this compiler does not know (call `v.safeParse` then)
 */
export function parseFast(schema: v.GenericSchema, value: unknown): unknown {
  const step = run(schema, false);
  return step === null ? NO_MATCH : step(value);
}

/**
 * Fills defaults and aliases without checking anything: the `validate: "off"` path.
 * Values that do not have the expected shape pass through untouched; the input is never mutated.
 */
export function normalize(schema: v.GenericSchema, value: unknown): unknown {
  const step = run(schema, true);
  return step === null ? value : step(value);
}

/** A strict step accepting what `ok` accepts; lax mode checks nothing. */
const check = (lax: boolean, ok: (x: unknown) => boolean): Step | null => (lax ? null : (x) => (ok(x) ? x : NO_MATCH));

// Only the kinds the response models are built of (src/resources: `model`, `maybe`, `withDefault`, the
// scalars, `dict`, arrays, records and one union); any other kind compiles to `null`: valibot judges it,
// and lax mode passes it through as it is.
function compile(s: Walkable, lax: boolean): Step | null {
  if (s.pipe) return compilePipe(s.pipe, lax);
  if (!lax && (s.async || s.fallback !== undefined)) return null;
  switch (s.type) {
    case "string":
      return check(lax, (x) => typeof x === "string");
    case "number":
      return check(lax, (x) => typeof x === "number" && !Number.isNaN(x));
    case "boolean":
      return check(lax, (x) => typeof x === "boolean");
    case "unknown":
      return check(lax, () => true);
    case "custom":
      return check(lax, s.check as (x: unknown) => boolean);
    case "nullish": {
      const inner = compile(s.wrapped as Walkable, lax);
      const defaulted = s.default !== undefined;
      if (!inner && (!lax || !defaulted)) return null;
      return (x) => {
        if (x == null) {
          if (!defaulted) return x;
          x = defaultOf(s);
          if (lax || x == null) return x;
        }
        return inner ? inner(x) : x;
      };
    }
    case "object":
    case "loose_object":
      return lax ? fillObject(s) : compileObject(s);
    case "array": {
      const item = compile(s.item as Walkable, lax);
      if (!item) return null;
      return (x) => {
        if (!Array.isArray(x)) return lax ? x : NO_MATCH;
        const out: unknown[] = [];
        for (let i = 0; i < x.length; i++) {
          const r = item(x[i]);
          if (r === NO_MATCH) return NO_MATCH;
          out.push(r);
        }
        return out;
      };
    }
    case "record": {
      if (lax) return null;
      const key = compile(s.key as Walkable, false);
      const val = compile(s.value as Walkable, false);
      if (!key || !val) return null;
      return (x) => {
        if (!x || typeof x !== "object") return NO_MATCH;
        const out: Record<string, unknown> = {};
        for (const k in x) {
          if (!plainKey(x, k)) continue;
          const kr = key(k);
          const vr = val((x as Record<string, unknown>)[k]);
          if (kr === NO_MATCH || vr === NO_MATCH) return NO_MATCH;
          out[kr as string] = vr;
        }
        return out;
      };
    }
    case "union": {
      // Lax mode too: the first option the value matches decides how it is filled, as under validation.
      const options = (s.options as Walkable[]).map((o) => [compile(o, false), lax ? compile(o, true) : null] as const);
      if (lax ? options.every(([, fill]) => !fill) : options.some(([parse]) => !parse)) return null;
      return (x) => {
        for (const [parse, fill] of options) {
          const r = parse ? parse(x) : NO_MATCH;
          if (r !== NO_MATCH) return lax ? (fill ? fill(x) : x) : r;
        }
        return lax ? x : NO_MATCH;
      };
    }
    default:
      return null;
  }
}

function compileObject(s: Walkable): Step | null {
  const loose = s.type === "loose_object";
  const entries = s.entries ?? {};
  const fields: { key: string; run: Step; optional: boolean; defaulted: boolean }[] = [];
  for (const key in entries) {
    const schema = entries[key] as Walkable;
    const run = compile(schema, false);
    if (!run) return null;
    const optional = schema.type === "nullish";
    fields.push({ key, run, optional, defaulted: optional && schema.default !== undefined });
  }
  // When every own key of the input is a declared field, no unknown key is left to copy. That shortcut
  // counts fields found with `in`, so it is off where a field name is inherited (`constructor`, …).
  const countable = fields.every((f) => !(f.key in Object.prototype));
  const known = new Set(Object.keys(entries));
  return (x) => {
    if (!x || typeof x !== "object") return NO_MATCH;
    const input = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let present = 0;
    for (const f of fields) {
      const has = f.key in input;
      // An absent defaulted field runs as `undefined`: its nullish step gives the default.
      if (has || f.defaulted) {
        const r = f.run(input[f.key]);
        if (r === NO_MATCH) return NO_MATCH;
        out[f.key] = r;
        if (has) present++;
      } else if (!f.optional) {
        return NO_MATCH;
      }
    }
    if (loose) {
      const keys = Object.keys(input);
      if (countable && keys.length === present && !Array.isArray(input)) return out;
      for (const k of keys) if (!known.has(k) && plainKey(input, k)) out[k] = input[k];
    }
    return out;
  };
}

/** Lax mode's object: the input itself, copied only once a field's step changes something. */
function fillObject(s: Walkable): Step | null {
  const fields: [string, Step][] = [];
  for (const [key, entry] of Object.entries(s.entries ?? {})) {
    const step = compile(entry, true);
    if (step) fields.push([key, step]);
  }
  if (fields.length === 0) return null;
  return (value) => {
    if (!isRecord(value)) return value;
    let out = value;
    for (const [key, step] of fields) {
      const had = key in value;
      const next = step(value[key]);
      if ((had && next !== value[key]) || (!had && next !== undefined)) {
        if (out === value) out = copyOwn(value);
        out[key] = next;
      }
    }
    return out;
  };
}

/**
 * A shallow copy of the own keys of a parsed JSON object (an own `__proto__`, which no response body
 * keeps, is left out). Not `{ ...value }`: on Node 20, adding the alias fields to a spread copy of a
 * `JSON.parse` object took ≈ 2–4 µs per item, three times a whole 100-item list call's raw cost.
 */
function copyOwn(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) if (Object.hasOwn(value, key) && key !== "__proto__") out[key] = value[key];
  return out;
}

function compilePipe(pipe: readonly Walkable[], lax: boolean): Step | null {
  if (lax) {
    // Only the first schema fills; the transforms after it (aliases) run on objects only.
    const first = compile(pipe[0] as Walkable, true);
    const ops = pipe.slice(1).flatMap((a) => (a.type === "transform" && a.operation ? [a.operation] : []));
    if (ops.length === 0) return first;
    return (value) => {
      let out = first ? first(value) : value;
      if (typeof out !== "object" || out === null) return out;
      // The alias step writes onto the object: never onto the caller's.
      if (out === value) out = copyOwn(value as Record<string, unknown>);
      for (const op of ops) out = op(out);
      return out;
    };
  }
  const steps: Step[] = [];
  for (const item of pipe) {
    if (item.kind === "schema") {
      const run = compile(item, false);
      if (!run) return null;
      steps.push(run);
    } else if (item.type === "integer") {
      steps.push((x) => (Number.isInteger(x) ? x : NO_MATCH));
    } else if (item.type === "transform" && item.operation) {
      const op = item.operation;
      steps.push((x) => op(x));
    } else if (item["~run"]) {
      // Any other validation or transformation runs as valibot runs it, on a typed dataset (a metadata
      // action has no run: valibot judges that pipe).
      const run = item["~run"].bind(item);
      steps.push((x) => {
        const d = run({ typed: true, value: x }, {});
        return d.issues ? NO_MATCH : d.value;
      });
    } else {
      return null;
    }
  }
  return (x) => {
    for (const step of steps) {
      x = step(x);
      if (x === NO_MATCH) return NO_MATCH;
    }
    return x;
  };
}
