/**
 * Strict writer: request params are declared once per endpoint as a field table that both validates
 * them (valibot, before anything is sent) and serialises them exactly as `docs/protocol.md` §1.6 says.
 */
import * as v from "valibot";
import { kindOf } from "./check";
import { ValidationError, type Issue } from "./errors";
import { describeError } from "./redact";
import { dict } from "./schemas";

/**
 * How a field travels (`docs/protocol.md` §1.6):
 * - `always`: always sent, the default when not given;
 * - `truthy`: sent only when truthy (`""`, `0`, `false`, `[]` are dropped);
 * - `nn`: sent when given (`false` and `0` are sent);
 * - `true`: sent as `true` only when the argument is `true`;
 * - `null`: always sent, JSON `null` when not given.
 */
export type Mode = "always" | "truthy" | "nn" | "true" | "null";

/** One declared param. */
export interface Field {
  readonly schema: v.GenericSchema;
  readonly mode: Mode;
  readonly fallback?: unknown;
  readonly required?: boolean;
  readonly wire?: string | undefined;
}

/** A field table: one entry per param the method accepts, in wire order. */
export type Fields<P> = { readonly [K in keyof Required<P>]: Field };

/** A required param, always sent. */
/* @__NO_SIDE_EFFECTS__ */
export function req(schema: v.GenericSchema, wire?: string): Field {
  return { schema, mode: "always", required: true, wire };
}

/** An optional param with a default, always sent. */
/* @__NO_SIDE_EFFECTS__ */
export function dflt(schema: v.GenericSchema, fallback: unknown): Field {
  return { schema, mode: "always", fallback };
}

/** An optional param sent per `mode` (see {@link Mode}). */
/* @__NO_SIDE_EFFECTS__ */
export function opt(schema: v.GenericSchema, mode: Exclude<Mode, "always"> = "nn", wire?: string): Field {
  return { schema, mode, wire };
}

/** Converts valibot issues to the SDK's `{ path, message }` form. */
export function toIssues(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => String(p.key)).join("."),
    message: issue.message,
  }));
}

/**
 * Validates `params` against `fields` and builds the wire object in declared order.
 * @param what - method name for messages, e.g. `assets.list`
 * @throws ValidationError listing every problem; nothing is sent
 */
export function serialize(what: string, fields: Record<string, Field>, params: unknown): Record<string, unknown> {
  try {
    return serializeFields(what, fields, params);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    // A Proxy trap or a getter that throws: params that cannot be read are params that are invalid.
    throw invalidParams(what, [{ path: "", message: `params could not be read (${describeError(error)})` }]);
  }
}

/** The error for `what`'s params: every issue, each as `path: message` (the message alone at the root). */
function invalidParams(what: string, issues: Issue[]): ValidationError {
  return new ValidationError(
    `Invalid params for ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
    { issues },
  );
}

function serializeFields(what: string, fields: Record<string, Field>, params: unknown): Record<string, unknown> {
  const input = params === undefined ? {} : params;
  // An array, a Map or a Date has no params of its own to read: taken as "no params" it would send the
  // defaults, where the caller clearly meant something else.
  const kind = kindOf(input);
  if (kind !== "Object")
    throw invalidParams(what, [{ path: "", message: `params must be a plain object, got ${kind}` }]);
  // Field by field rather than through one valibot object schema: the table already says what is
  // required and what may be null, and each field's own schema stays the judge of its value.
  const given = input as Record<string, unknown>;
  const issues: Issue[] = [];
  // Symbol keys too: JSON would drop one without a word, where the caller meant something by it.
  for (const name of [...Object.keys(given), ...Object.getOwnPropertySymbols(given)]) {
    if (typeof name === "symbol" ? {}.propertyIsEnumerable.call(given, name) : !Object.hasOwn(fields, name))
      issues.push({
        path: String(name),
        message: `unknown param (expected ${Object.keys(fields).join(", ") || "none"})`,
      });
  }
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(fields)) {
    let value = given[name];
    if (value === undefined) {
      if (f.required) issues.push({ path: name, message: "is required" });
    } else if (value !== null || f.mode !== "null") {
      const result = v.safeParse(f.schema, value);
      if (result.success) value = result.output;
      else
        for (const issue of toIssues(result.issues))
          issues.push({ path: issue.path ? `${name}.${issue.path}` : name, message: issue.message });
    }
    const key = f.wire ?? name;
    switch (f.mode) {
      case "always":
        if (value !== undefined) out[key] = value;
        else if (f.fallback !== undefined) out[key] = f.fallback;
        break;
      case "truthy":
        if (value && !(Array.isArray(value) && value.length === 0)) out[key] = value;
        break;
      case "nn":
        if (value !== undefined && value !== null) out[key] = value;
        break;
      case "true":
        if (value === true) out[key] = true;
        break;
      case "null":
        out[key] = value ?? null;
        break;
    }
  }
  if (issues.length > 0) throw invalidParams(what, issues);
  return out;
}

/** Nesting a request body may have, as the API accepts it. */
const MAX_DEPTH = 32;
/**
 * Values a request body may hold in all. Far above any body the API takes, and a bound on the copy's
 * work: an array (or a Proxy posing as one) that claims billions of items fails at once instead of
 * holding the call.
 */
const MAX_VALUES = 1_000_000;
const TOO_MANY = `holds more than ${MAX_VALUES} values`;

/**
 * A copy of a request body holding exactly what JSON carries: strings, finite numbers, booleans,
 * `null`, dense arrays and plain objects (prototype `Object.prototype`), nested at most 32 levels and
 * 1,000,000 values in all; a valid `Date` becomes its ISO-8601 text, as JSON would make it, and an
 * `undefined` field is left out.
 * The copy is what is encoded, each value read once, so a getter or a Proxy cannot change it later.
 * @param body - the body to send, or one part of it
 * @throws ValidationError naming the first value JSON would drop, reshape or fail on (a getter or Proxy
 *   trap that throws included); nothing is sent
 */
export function jsonBody(body: object): Record<string, unknown> {
  let path = "body";
  let bad: string | undefined;
  let left = MAX_VALUES;
  const copy = (value: unknown, at: string, parents: object[]): unknown => {
    path = at;
    if (--left < 0) return fail(TOO_MANY);
    if (typeof value === "string" || typeof value === "boolean" || value === null || Number.isFinite(value))
      return value;
    if (typeof value !== "object" || !value || parents.includes(value) || parents.length >= MAX_DEPTH) return fail();
    const within = [...parents, value];
    if (Array.isArray(value)) {
      const length = value.length;
      if (length > left) return fail(TOO_MANY);
      // A hole would travel as null without a word.
      return Array.from({ length }, (_, i) => {
        path = `${at}.${i}`;
        return i in value ? copy(value[i], path, within) : fail();
      });
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Date.prototype) {
      // getTime throws for an object that only claims Date's prototype.
      const time = Date.prototype.getTime.call(value);
      return Number.isFinite(time) ? new Date(time).toISOString() : fail();
    }
    if (
      proto !== Object.prototype ||
      Object.getOwnPropertySymbols(value).some((k) => ({}).propertyIsEnumerable.call(value, k))
    )
      return fail();
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      // Named before it is read: a getter that throws is reported at its own field.
      path = `${at}.${key}`;
      const v = (value as Record<string, unknown>)[key];
      // defineProperty: an own "__proto__" key stays data, never the copy's prototype.
      if (v !== undefined)
        Object.defineProperty(out, key, {
          value: copy(v, path, within),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out;
  };
  // Always at `path`: every failure is found before any child of the value is copied.
  const fail = (why = "is not JSON data"): never => {
    bad = why;
    throw new TypeError();
  };
  try {
    return copy(body, path, []) as Record<string, unknown>;
  } catch (error) {
    const message = `${path} ${bad ?? `could not be read (${describeError(error)})`}`;
    throw new ValidationError(`Invalid request body: ${message}`, { issues: [{ path, message }] });
  }
}

/**
 * A base schema narrowed by one predicate, under the SDK's own message. One valibot `check` carries
 * every param rule, so a bundle ships one action's code however many rules it uses, and the message
 * states the whole rule ("an integer from 1 to 100") rather than the first bound that failed.
 */
/* @__NO_SIDE_EFFECTS__ */
export function rule<T>(
  base: v.GenericSchema<unknown, T>,
  ok: (value: T) => boolean,
  message: string,
): v.GenericSchema<unknown, T> {
  return v.pipe(base, v.check(ok, message));
}

/** "from 1 to 100", or "≥ 0" when only the safe integers bound it above. */
const range = (min: number, max: number) => (max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`);

// Shared param schemas, marked pure so that bundles which use none of them drop them (bundlers do not
// carry valibot's own no-side-effects marks across modules). No top-level argument reads a global
// (`Number.MAX_SAFE_INTEGER`): esbuild counts that as a side effect and keeps the whole table.
/** A non-empty string. */
export const text = /* @__PURE__ */ rule(/* @__PURE__ */ v.string(), (s) => s !== "", "must not be empty");
/** An integer in [min, max] (no upper bound but the safe integers when `max` is left out). */
export const intIn = /* @__NO_SIDE_EFFECTS__ */ (min: number, max = Number.MAX_SAFE_INTEGER) =>
  rule(v.number(), (x) => Number.isInteger(x) && x >= min && x <= max, `must be an integer ${range(min, max)}`);
/** A finite number in [min, max]. */
export const numIn = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number) =>
  rule(v.number(), (x) => Number.isFinite(x) && x >= min && x <= max, `must be a finite number ${range(min, max)}`);
/** A finite number ≥ 0. */
export const nonNegative = /* @__PURE__ */ rule(
  /* @__PURE__ */ v.number(),
  (x) => Number.isFinite(x) && x >= 0,
  "must be a finite number ≥ 0",
);
/** A finite number above 0. */
export const positive = /* @__PURE__ */ rule(
  /* @__PURE__ */ v.number(),
  (x) => Number.isFinite(x) && x > 0,
  "must be a finite number above 0",
);
/** A page size 1–`max`. */
export const limit = /* @__NO_SIDE_EFFECTS__ */ (max = 100) => intIn(1, max);
/** A page offset ≥ 0. */
export const offset = /* @__PURE__ */ intIn(0);
/** A closed enumeration. */
export const oneOf = /* @__NO_SIDE_EFFECTS__ */ <const T extends readonly string[]>(values: T) => v.picklist(values);
/** A boolean. */
export const flag = /* @__PURE__ */ v.boolean();
/** A UUID string. */
export const uuid = /* @__PURE__ */ rule(
  /* @__PURE__ */ v.string(),
  (s) => /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i.test(s),
  "must be a UUID",
);
/** A list of non-empty strings. */
export const textList = /* @__PURE__ */ v.array(text);
/** A JSON object (arrays refused: valibot's record alone would accept them): the models' own `dict`. */
export const record = dict;
