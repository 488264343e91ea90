/** Shared helpers for the sandbox engines: how a cell value is read, compared and keyed. */

/** One table row as the sandbox stores it: column name → cell value. */
export type Row = Readonly<Record<string, unknown>>;

/** A cell is null when it is `null`, `undefined` or absent; an empty string is a value. */
export function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

/**
 * A key that makes equal cells collide in a Map: `1` and `"1"` stay distinct (a typed warehouse
 * would not call them equal), dates compare by instant, objects by their JSON.
 */
export function cellKey(value: unknown): string {
  if (value instanceof Date) return `d:${value.toISOString()}`;
  switch (typeof value) {
    case "string":
      return `s:${value}`;
    case "number":
    case "bigint":
      return `n:${String(value)}`;
    case "boolean":
      return `b:${String(value)}`;
    default:
      return `j:${JSON.stringify(value)}`;
  }
}

/** The number a cell holds, if it holds one (numeric strings count, as a warehouse cast would). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** The instant a cell holds, for ISO-8601 strings and Dates. */
function toTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * Orders two values the way a range check needs: numerically when both are numbers, by instant when
 * both are dates, else as strings. `undefined` when they cannot be compared (e.g. an object).
 */
export function compareCells(a: unknown, b: unknown): number | undefined {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  const ta = toTime(a);
  const tb = toTime(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Rounds for the wire so that float noise never makes two equal answers differ. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `part` of `whole` as a percentage (0 for an empty whole), rounded to 4 places. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : round((part / whole) * 100);
}
