/**
 * Path composition. Every id travels percent-encoded as exactly one segment, so no id can change which
 * endpoint a call reaches.
 */
import { invalid } from "./check";

/**
 * Literal route segments that win over an id at the same position on the server (`docs/protocol.md` §1.2).
 * Exported for the table's tests.
 */
export const LITERALS: ReadonlySet<string> = new Set([
  "summary",
  "changes",
  "schedules",
  "inbox",
  "rules",
  "destinations",
  "trends",
  "preview",
  "dry-run",
  "usage",
  "bulk-apply",
  "apply",
]);

/**
 * Encodes one path id.
 * @param id - the caller's id (UUID, qualified name, …)
 * @param name - the parameter's name, for the error message
 * @returns the id as a single percent-encoded segment
 * @throws ValidationError when the id is not a string, is empty, `.`/`..`, a literal route segment,
 *   or not well-formed Unicode
 */
export function encodeSegment(id: unknown, name = "id"): string {
  const problem =
    typeof id !== "string"
      ? "must be a string"
      : id === "" || id === "." || id === ".."
        ? "must not be empty, '.' or '..'"
        : LITERALS.has(id)
          ? `must not equal the route segment '${id}'`
          : undefined;
  if (problem === undefined) {
    try {
      return encodeURIComponent(id as string);
    } catch {
      // Lone surrogates cannot be encoded as UTF-8.
    }
  }
  return invalid(`${name} ${problem ?? "must be well-formed Unicode"}`, name);
}

/**
 * Tagged template building a path whose interpolations are ids, each encoded by {@link encodeSegment}.
 * @example path`/sdk/metrics/${assetId}/${metricId}`
 */
export function path(strings: TemplateStringsArray, ...ids: unknown[]): string {
  let out = strings[0] ?? "";
  for (let i = 0; i < ids.length; i++) out += encodeSegment(ids[i]) + (strings[i + 1] ?? "");
  return out;
}

/**
 * Form-encodes a query the way Python's `urlencode` does (space as `+`, `/` as `%2F`,
 * `!'()*` escaped, `~` kept), in insertion order. `undefined` values are left out, `null` is sent empty.
 * @throws ValidationError for a value that is not a string, a finite number or a boolean (an object
 *   would otherwise travel as `[object Object]`, `NaN` as the word)
 */
export function encodeQuery(query: Record<string, unknown>): string {
  let out = "";
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const where = `query.${key}`;
    out += (out ? "&" : "") + formEncode(key, where) + "=" + formEncode(queryText(value, where), where);
  }
  return out;
}

function queryText(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || Number.isFinite(value)) return String(value);
  if (value === null) return "";
  return invalid(`${where} must be a string, a finite number or a boolean`, where);
}

function formEncode(text: string, where: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    return invalid(`${where} must be well-formed Unicode`, where);
  }
  return encoded.replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+");
}
