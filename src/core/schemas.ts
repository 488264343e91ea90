/**
 * Tolerant reader: building blocks for response models. Unknown keys are kept, open enums are strings,
 * `D=` defaults are filled (a `null` there becomes the default too), integral floats are integers and
 * nothing else is coerced. Models are plain JSON objects.
 */
import * as v from "valibot";

/** A string field. */
export const str = v.string();
/** An integer field (JSON `3.0` is the number 3, so integral floats pass). */
export const int = v.pipe(v.number(), v.integer());
/** A number field. */
export const num = v.number();
/** A boolean field. */
export const bool = v.boolean();
/** An ISO-8601 timestamp, kept as the string the server sent. */
export const timestamp = v.string();
/** A JSON object of anything (arrays refused). */
export const dict = v.pipe(
  v.custom<Record<string, unknown>>((x) => typeof x === "object" && x !== null && !Array.isArray(x), "expected an object"),
  v.record(v.string(), v.unknown()),
);
/** A JSON array of anything. */
export const anyList = v.array(v.unknown());

/**
 * An open enumeration: validated as a string, typed as the known values plus any string, so a new server
 * value never breaks a deployed client.
 */
export function openEnum<const T extends string>(_values: readonly T[]): v.GenericSchema<string, T | (string & {})> {
  return v.string() as v.GenericSchema<string, T | (string & {})>;
}

/** Presence `O`: may be absent or `null`. */
export function maybe<S extends v.GenericSchema>(schema: S) {
  return v.nullish(schema);
}

/** Presence `D=x`: absent or `null` becomes `fallback`. */
export function withDefault<S extends v.GenericSchema>(schema: S, fallback: v.InferOutput<S>): v.NullishSchema<S, v.InferOutput<S>> {
  const value = typeof fallback === "object" && fallback !== null ? () => structuredCloneJson(fallback) : fallback;
  return v.nullish(schema, value as never) as v.NullishSchema<S, v.InferOutput<S>>;
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A model: a loose object (unknown keys kept), optionally followed by a step that fills aliases
 * (seed and 0.2.x names for one fact).
 */
export function model<E extends v.ObjectEntries>(entries: E): v.LooseObjectSchema<E, undefined>;
export function model<E extends v.ObjectEntries, O>(
  entries: E,
  fill: (value: v.InferOutput<v.LooseObjectSchema<E, undefined>>) => O,
): v.SchemaWithPipe<readonly [v.LooseObjectSchema<E, undefined>, v.TransformAction<v.InferOutput<v.LooseObjectSchema<E, undefined>>, O>]>;
export function model(entries: v.ObjectEntries, fill?: (value: never) => unknown): v.GenericSchema {
  const object = v.looseObject(entries);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return fill ? v.pipe(object, v.transform(fill as (value: any) => unknown)) : object;
}

/** Internal shape of the valibot schemas walked by {@link normalize}. */
interface Walkable {
  type: string;
  entries?: Record<string, Walkable>;
  item?: Walkable;
  wrapped?: Walkable;
  default?: unknown;
  pipe?: readonly Walkable[];
  kind?: string;
  operation?: (value: unknown) => unknown;
}

/**
 * Fills defaults and aliases without checking anything: the `validate: "off"` path.
 * Values that do not have the expected shape pass through untouched.
 */
export function normalize(schema: v.GenericSchema, value: unknown): unknown {
  return walk(schema as unknown as Walkable, value);
}

function walk(s: Walkable, value: unknown): unknown {
  if (s.pipe) {
    let out = walk(s.pipe[0] as Walkable, value);
    if (typeof out !== "object" || out === null) return out;
    for (const action of s.pipe.slice(1)) {
      if (action.type === "transform" && action.operation) out = action.operation(out);
    }
    return out;
  }
  switch (s.type) {
    case "nullish":
    case "optional":
    case "nullable":
      if (value === undefined || value === null) {
        if (s.default === undefined) return value;
        return typeof s.default === "function" ? (s.default as () => unknown)() : s.default;
      }
      return walk(s.wrapped as Walkable, value);
    case "loose_object":
    case "object":
    case "strict_object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [key, entry] of Object.entries(s.entries ?? {})) {
        const next = walk(entry, out[key]);
        if (next !== undefined || key in out) out[key] = next;
      }
      return out;
    }
    case "array":
      return Array.isArray(value) ? value.map((item) => walk(s.item as Walkable, item)) : value;
    default:
      return value;
  }
}
