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
  // The value is always an object the parser built for this call (valibot's output, or the copy
  // `normalize` made), never the caller's: writing onto it is safe.
  const alias = fill as (value: Record<string, unknown>) => object;
  return v.pipe(
    object,
    v.transform((value: Record<string, unknown>) => Object.assign(value, alias(value))),
  );
}

/** An object's type once `P`'s fields are written onto it. */
type Filled<T, P> = Flat<{ [K in keyof T as K extends keyof P ? never : K]: T[K] } & P>;
type Flat<T> = { [K in keyof T]: T[K] };

/** Internal shape of the valibot schemas {@link normalize} walks. */
interface Walkable {
  type: string;
  entries?: Record<string, Walkable>;
  item?: Walkable;
  wrapped?: Walkable;
  options?: readonly Walkable[];
  default?: unknown;
  pipe?: readonly Walkable[];
  operation?: (value: unknown) => unknown;
}

/** A compiled fill: the value with its defaults and aliases, or the value as it is. */
type Fill = (value: unknown) => unknown;

/** Each schema's fill, compiled once; `null` where nothing inside it fills anything. */
const fills = new WeakMap<object, Fill | null>();

/**
 * Fills defaults and aliases without checking anything: the `validate: "off"` path.
 * Values that do not have the expected shape pass through untouched; the input is never mutated.
 * (With validation on, valibot itself fills them: a compiled strict parser beside it cost 1.1 KB
 * gzip of every bundle and bought about 0.1x raw on a 100-item list.)
 */
export function normalize(schema: v.GenericSchema, value: unknown): unknown {
  let fill = fills.get(schema);
  if (fill === undefined) fills.set(schema, (fill = compile(schema)));
  return fill === null ? value : fill(value);
}

// Only the kinds the response models are built of (src/resources: `model`, `maybe`, `withDefault`,
// arrays and one union) can fill anything; every other kind passes its value through as it is.
function compile(s: Walkable): Fill | null {
  if (s.pipe) return compilePipe(s.pipe);
  switch (s.type) {
    case "nullish": {
      // `null` and absent alike take the default, given as it is.
      const inner = compile(s.wrapped as Walkable);
      const defaulted = s.default !== undefined;
      if (!inner && !defaulted) return null;
      return (x) => {
        if (x != null) return inner ? inner(x) : x;
        if (!defaulted) return x;
        // A function default gives a fresh copy per value (`withDefault`).
        return typeof s.default === "function" ? (s.default as () => unknown)() : s.default;
      };
    }
    case "object":
    case "loose_object":
      return compileObject(s);
    case "array": {
      const item = compile(s.item as Walkable);
      return item && ((x) => (Array.isArray(x) ? x.map((e) => item(e)) : x));
    }
    case "union": {
      // The first option the value matches decides how it is filled, as under validation.
      const options = (s.options as Walkable[]).map((o) => [o as unknown as v.GenericSchema, compile(o)] as const);
      return (x) => {
        for (const [option, fill] of options) if (v.safeParse(option, x).success) return fill ? fill(x) : x;
        return x;
      };
    }
    default:
      return null;
  }
}

/** An object: a copy with its fields filled, where it has any field to fill. */
function compileObject(s: Walkable): Fill | null {
  const fields: [string, Fill][] = [];
  for (const [key, entry] of Object.entries(s.entries ?? {})) {
    const fill = compile(entry);
    if (fill) fields.push([key, fill]);
  }
  if (fields.length === 0) return null;
  return (value) => {
    if (!isRecord(value)) return value;
    const out = copyOwn(value);
    for (const [key, fill] of fields) {
      // An absent field (an inherited name is absent too) stays absent unless it has a default.
      const own = Object.hasOwn(value, key);
      const next = fill(own ? value[key] : undefined);
      if (own || next !== undefined) out[key] = next;
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
  for (const key of Object.keys(value)) if (key !== "__proto__") out[key] = value[key];
  return out;
}

/** A pipe: only its first schema fills; the transforms after it (aliases) run on objects only. */
function compilePipe(pipe: readonly Walkable[]): Fill | null {
  const first = compile(pipe[0] as Walkable);
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
