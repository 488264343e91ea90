/**
 * Declarative checks for query strings and JSON bodies. A route states its fields once; every problem is
 * collected and answered as one 422 `VALIDATION_ERROR` whose `details.errors` lists `{field, location,
 * message}`. Unknown keys are tolerated (clients newer than the sandbox may send more), and a JSON `null`
 * for an optional field counts as absent (the Python client sends `:null-ok` fields as `null`).
 */
import { HttpError } from "./respond";

/** Where a value came from; query values arrive as strings and are parsed. */
export type Location = "query" | "body";

/** One field's rule. `T` is the parsed type, `undefined` included when the field may be absent. */
export interface Field<T> {
  /** Whether absence is an error. */
  readonly required: boolean;
  /** Value used when absent. */
  readonly dflt: unknown;
  /** Parses a present, non-null value; throws a `FieldProblem` when it is bad. */
  readonly parse: (value: unknown, where: Location) => unknown;
  /** Phantom for inference. */
  readonly _type?: T;
}

/** Options shared by every field. */
export interface FieldOptions<T> {
  /** Absence is a 422. */
  required?: boolean;
  /** Value when absent (implies optional). */
  dflt?: T;
}

type Flag<O> = O extends { required: true } ? never : O extends { dflt: unknown } ? never : undefined;

function field<T, O extends FieldOptions<T>>(
  o: O | undefined,
  parse: (value: unknown, where: Location) => T,
): Field<T | Flag<O>> {
  return { required: o?.required === true, dflt: o?.dflt, parse };
}

/** What a field's `parse` throws for a bad value: the text that follows the field's name in the 422. */
class FieldProblem extends Error {}

/** Reads a field problem's text; anything else thrown by a parser is a bug, not a 422. */
function problemText(problem: unknown): string {
  if (problem instanceof FieldProblem) return problem.message;
  throw problem;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function numberOf(value: unknown, where: Location): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (where === "query" && typeof value === "string" && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim()))
    return Number(value);
  throw new FieldProblem("must be a number");
}

function bounded(n: number, o: { min?: number; max?: number }): number {
  if (o.min !== undefined && n < o.min) throw new FieldProblem(`must be ≥ ${o.min}`);
  if (o.max !== undefined && n > o.max) throw new FieldProblem(`must be ≤ ${o.max}`);
  return n;
}

/** An integer (JSON `3.0` counts; query `"3"` counts). */
export function int<const O extends FieldOptions<number> & { min?: number; max?: number }>(o?: O) {
  return field(o, (value, where) => {
    const n = numberOf(value, where);
    if (!Number.isInteger(n)) throw new FieldProblem("must be an integer");
    return bounded(n, o ?? {});
  });
}

/** A number. */
export function num<const O extends FieldOptions<number> & { min?: number; max?: number }>(o?: O) {
  return field(o, (value, where) => bounded(numberOf(value, where), o ?? {}));
}

/** A boolean (`true`/`false` in a query, case-insensitive; `1`/`0` too). */
export function bool<const O extends FieldOptions<boolean>>(o?: O) {
  return field(o, (value, where) => {
    if (typeof value === "boolean") return value;
    if (where === "query" && typeof value === "string") {
      const t = value.toLowerCase();
      if (t === "true" || t === "1") return true;
      if (t === "false" || t === "0") return false;
    }
    throw new FieldProblem("must be a boolean");
  });
}

/** A string, optionally length-bounded or a UUID. */
export function str<
  const O extends FieldOptions<string> & { min?: number; max?: number; uuid?: boolean; nonEmpty?: boolean },
>(o?: O) {
  return field(o, (value) => {
    if (typeof value !== "string") throw new FieldProblem("must be a string");
    if (o?.nonEmpty && value.trim() === "") throw new FieldProblem("must not be empty");
    // Lengths count code points, as the clients do (an emoji is one character).
    const length = o?.min !== undefined || o?.max !== undefined ? [...value].length : 0;
    if (o?.min !== undefined && length < o.min) throw new FieldProblem(`must be at least ${o.min} characters`);
    if (o?.max !== undefined && length > o.max) throw new FieldProblem(`must be at most ${o.max} characters`);
    if (o?.uuid && !UUID_RE.test(value)) throw new FieldProblem("must be a UUID");
    return value;
  });
}

/** One of a closed set of strings. */
export function oneOf<const V extends string, const O extends FieldOptions<V>>(values: readonly V[], o?: O) {
  return field(o, (value) => {
    if (typeof value !== "string" || !(values as readonly string[]).includes(value))
      throw new FieldProblem(`must be one of ${values.join(", ")}`);
    return value as V;
  });
}

/** A JSON object. */
export function obj<const O extends FieldOptions<Record<string, unknown>>>(o?: O) {
  return field(o, (value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new FieldProblem("must be an object");
    return value as Record<string, unknown>;
  });
}

/** A JSON array whose items follow `item` (a query value is split on commas). */
export function arrayOf<T, const O extends FieldOptions<Exclude<T, undefined>[]> & { min?: number }>(
  item: Field<T>,
  o?: O,
) {
  return field(o, (value, where): Exclude<T, undefined>[] => {
    const items = where === "query" && typeof value === "string" ? value.split(",").filter(Boolean) : value;
    if (!Array.isArray(items)) throw new FieldProblem("must be a list");
    if (o?.min !== undefined && items.length < o.min) throw new FieldProblem(`must have at least ${o.min} item(s)`);
    return items.map((x, i) => {
      try {
        return item.parse(x, where) as Exclude<T, undefined>;
      } catch (problem) {
        throw new FieldProblem(`item ${i} ${problemText(problem)}`);
      }
    });
  });
}

/** Anything at all (kept as sent). */
export function any<const O extends FieldOptions<unknown>>(o?: O) {
  return field(o, (value) => value);
}

/** A set of field rules. */
export type Spec = Record<string, Field<unknown>>;
/** What a {@link Spec} parses to. */
export type Parsed<S extends Spec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** The standard `limit`/`offset` pair with the endpoint's default and maximum. */
export function paging(dfltLimit = 50, max = 100) {
  return { limit: int({ dflt: dfltLimit, min: 1, max }), offset: int({ dflt: 0, min: 0 }) };
}

function run<S extends Spec>(get: (key: string) => unknown, where: Location, spec: S): Parsed<S> {
  const out: Record<string, unknown> = {};
  const errors: { field: string; location: Location; message: string }[] = [];
  for (const [key, rule] of Object.entries(spec)) {
    const raw = get(key);
    if (raw === undefined || raw === null || (where === "query" && raw === "" && rule.dflt !== undefined)) {
      if (rule.required) errors.push({ field: key, location: where, message: "is required" });
      else out[key] = rule.dflt;
      continue;
    }
    try {
      out[key] = rule.parse(raw, where);
    } catch (problem) {
      errors.push({ field: key, location: where, message: problemText(problem) });
    }
  }
  if (errors.length) {
    const text = errors.map((e) => `${e.field} ${e.message}`).join("; ");
    throw new HttpError(
      422,
      "VALIDATION_ERROR",
      `Invalid ${where === "query" ? "query parameters" : "request body"}: ${text}`,
      { errors },
    );
  }
  return out as Parsed<S>;
}

/**
 * Parses query parameters (the first occurrence of each name wins).
 * @throws HttpError 422 listing every bad field
 */
export function readQuery<S extends Spec>(query: URLSearchParams, spec: S): Parsed<S> {
  return run((key) => query.get(key) ?? undefined, "query", spec);
}

/**
 * Parses a JSON body object.
 * @throws HttpError 422 listing every bad field
 */
export function readBody<S extends Spec>(body: Record<string, unknown>, spec: S): Parsed<S> {
  return run((key) => body[key], "body", spec);
}
