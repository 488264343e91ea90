/**
 * The input rules shared by every layer: the one `ValidationError` an option check throws, the one test
 * of a duration, the one test of a header value. Client options, per-call options, the pollers and the
 * freshness gate all use these, so a value refused in one place is refused, with the same words, in all.
 */
import { ValidationError } from "./errors";
import { describeError } from "./redact";

/**
 * Throws the `ValidationError` of a bad option or argument: one issue, at `path`, saying `message`.
 * @param message - what is wrong, naming the option
 * @param path - the option's name (dotted for a nested one)
 */
export function invalid(message: string, path: string): never {
  throw invalidError(message, path);
}

/**
 * The `ValidationError` {@link invalid} throws, for a caller that settles with it instead of throwing.
 * @param message - what is wrong, naming the option
 * @param path - the option's name (dotted for a nested one)
 */
export function invalidError(message: string, path: string): ValidationError {
  return new ValidationError(message, { issues: [{ path, message }] });
}

/**
 * What kind of value came, by its built-in tag: `Object`, `Array`, `Null`, `String`, `Map`, `Date`, …
 * (the words of "…, got Array" in the SDK's messages).
 * @throws TypeError for a revoked Proxy, which has no tag to read
 */
export function kindOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/** Whether `value` is a JSON object: not `null`, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The options argument of a public function, read once into a plain copy: `undefined` is `{}`. What is
 * not an object, or an object that cannot be read (a revoked Proxy, a getter or a trap that throws),
 * fails typed instead of with the runtime's TypeError, and a getter cannot answer one thing to the
 * checks and another later.
 * @param value - the caller's argument
 * @param name - what the error calls it
 * @throws ValidationError at `name`
 */
export function readOptions<T extends object>(value: T | undefined, name = "options"): T {
  try {
    if (value === undefined) return {} as T;
    // Asking a revoked Proxy whether it is an array throws too: inside the try.
    if (isRecord(value)) return { ...value };
  } catch (error) {
    return invalid(`${name} could not be read: ${describeError(error)}`, name);
  }
  return invalid(`${name} must be an object`, name);
}

/**
 * Checks an optional duration: `undefined`, or a finite number ≥ 0 (> 0 when `positive`). Timeouts,
 * deadlines, intervals and TTLs in milliseconds, thresholds in hours, `Retry-After` in seconds.
 * @returns the value, unchanged
 * @throws ValidationError naming `name` otherwise (a string, `NaN` and `Infinity` included)
 */
export function checkDuration(
  value: unknown,
  name: string,
  positive: boolean,
  unit: "milliseconds" | "hours" | "seconds" = "milliseconds",
): number | undefined {
  // Number.isFinite is false for anything but a finite number: one test covers type and range.
  if (value !== undefined && !(Number.isFinite(value) && (positive ? (value as number) > 0 : (value as number) >= 0))) {
    invalid(`${name} must be a ${positive ? "positive" : "non-negative"} number of ${unit}`, name);
  }
  return value as number | undefined;
}

/**
 * Whether `value` can be sent as an HTTP header value as it is: a string of Latin-1 characters (header
 * values are bytes) without CR, LF or NUL, which would split or end the header (injection).
 */
export function isHeaderValue(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === "string" && /^[^\r\n\0\u0100-\uffff]*$/.test(value);
}
