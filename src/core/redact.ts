/**
 * Credential redaction. A server may echo the key anywhere (messages, details, record keys, nested
 * causes), so everything that reaches an error, a log line or a cache passes through here first.
 *
 * Besides the secret a caller passes, every key the SDK has accepted (static or returned by a key
 * function) is remembered here, so that an error built far from the request — a job's failure, a
 * stale status, an error built by user code — is redacted for a token of any shape, not only for
 * keys that look like `aa_live_…`.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";
/** What replaces a value nested past the depth limit, or a reference back to one of its own parents. */
export const TRUNCATED = "[TRUNCATED]";

const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const KEY_LIKE = /\baa_(?:live|test|demo)_[A-Za-z0-9]+/g;
const SENSITIVE_NAME = /^(?:authorization|(?:x-)?api[_-]?key|key|(?:access[_-]?)?token|secret|password)$/i;

/** Nesting kept (objects, arrays, errors, causes); deeper values become {@link TRUNCATED}. */
const MAX_DEPTH = 32;

/** Keys the SDK accepted, oldest first; at most 64. */
const known: string[] = [];

/**
 * Remembers a key the SDK accepted, so that every later redaction removes it too. Bounded: past 64
 * distinct keys, the one seen longest ago is forgotten.
 * @param secret - a key about to be sent
 */
export function rememberSecret(secret: string): void {
  const at = known.indexOf(secret);
  if (at >= 0) known.splice(at, 1);
  if (known.push(secret) > 64) known.shift();
}

/**
 * Replaces `secret` (when given), every key the SDK has accepted, any bearer token and anything
 * shaped like an AnomalyArmor key. A key is also found percent-encoded (echoed in a URL), and as a
 * piece of 6 or more characters at either end of the text, where a cut made before redacting would
 * have left it.
 * @param text - any text
 * @param secret - a key to remove besides the remembered ones
 * @returns the text with each of them replaced by {@link REDACTED}
 */
export function redactText(text: string, secret?: string): string {
  let out = text;
  // Longest first: a key that contains another must not leave its tail behind. Keys under 4
  // characters are not searched for (redacting them would shred every message), nor pieces under 6.
  for (const s of [secret ?? "", ...known].sort((a, b) => b.length - a.length)) {
    if (s.length < 4) continue;
    out = out.split(s).join(REDACTED).split(encodeURIComponent(s)).join(REDACTED);
    // Pieces at either end, longest first: what a cut made before redacting would have left.
    for (let n = s.length - 1, head = 1, tail = 1; n >= Math.max(4, Math.min(6, s.length - 1)); n--) {
      if (head && out.endsWith(s.slice(0, n))) {
        out = out.slice(0, -n) + REDACTED;
        head = 0;
      }
      if (tail && out.startsWith(s.slice(-n))) {
        out = REDACTED + out.slice(n);
        tail = 0;
      }
    }
  }
  return out.replace(BEARER, `$1${REDACTED}`).replace(KEY_LIKE, REDACTED);
}

/**
 * Redacts, then cuts to `max` characters: cutting first could keep the head of a key that straddles
 * the cut.
 * @param text - any text
 * @param max - the longest result
 * @param secret - as in {@link redactText}
 */
export function redactClip(text: string, max: number, secret?: string): string {
  const safe = redactText(text, secret);
  if (safe.length <= max) return safe;
  // Never end on the first half of a surrogate pair: the cut text must stay well-formed.
  const end = /[\ud800-\udbff]/.test(safe.charAt(max - 1)) ? max - 1 : max;
  return safe.slice(0, end);
}

/**
 * Describes anything thrown (an error's message, else its text), redacted. Never throws itself: a
 * thrown null-prototype object, a revoked Proxy or an error whose `message` getter throws is described
 * by its kind instead.
 * @param error - anything caught
 * @param secret - as in {@link redactText}
 */
export function describeError(error: unknown, secret?: string): string {
  let text: string;
  try {
    text = error instanceof Error ? String(error.message) : String(error);
  } catch {
    try {
      text = Object.prototype.toString.call(error);
    } catch {
      text = "an unreadable value";
    }
  }
  return redactText(text, secret);
}

/**
 * A copy of a value with every string, record key, own field (enumerable or not, so
 * `AggregateError.errors` too) and cause redacted at any depth; values named as credentials
 * (`authorization`, `api_key`, `token`, …) replaced outright. Past 32 levels, and where a value
 * refers back to one of its parents, the rest becomes {@link TRUNCATED}. Copies keep their prototype
 * (an error stays `instanceof TypeError`); a `DOMException` is rebuilt as one, since its getters
 * refuse any other object. Returns `value` itself when nothing in it needed changing, so that a
 * caller's own abort reason keeps its identity.
 * @param value - a body, `details`, a model, a cause
 * @param secret - as in {@link redactText}
 * @param depth - nesting already walked (internal)
 * @param parents - the objects being walked (internal, for cycles)
 */
export function redactValue<T>(value: T, secret?: string, depth = 0, parents: object[] = []): T {
  if (typeof value === "string") return redactText(value, secret) as T;
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH || parents.includes(value)) return TRUNCATED as T;
  const within = [...parents, value];
  let changed = false;
  const step = (v: unknown, name?: PropertyKey) => {
    const copy =
      typeof name === "string" && SENSITIVE_NAME.test(name) && typeof v === "string" && v
        ? REDACTED
        : redactValue(v, secret, depth + 1, within);
    changed ||= copy !== v;
    return copy;
  };
  let proto: object | null;
  let keys: PropertyKey[];
  let foreign: boolean;
  try {
    // Inside the guard: Array.isArray throws for a revoked Proxy.
    if (Array.isArray(value)) {
      const out = value.map((v) => step(v));
      return (changed ? out : value) as T;
    }
    proto = Object.getPrototypeOf(value) as object | null;
    // Class instances other than errors (Headers, Map, Request, URL, a client's own classes) may keep
    // state in internal slots or symbols that own keys miss and `util.inspect` shows, and their
    // getters may refuse a copy: each is taken as plain data instead — its first entries when it is
    // iterable, else its enumerable fields, else its text.
    foreign = proto !== null && proto !== Object.prototype && !(value instanceof Error);
    keys = foreign ? Object.keys(value) : Reflect.ownKeys(value);
    if (foreign && (Symbol.iterator in value || !keys.length)) {
      const items: unknown[] = [];
      if (Symbol.iterator in value) for (const item of value as Iterable<unknown>) if (items.push(item) > 99) break;
      return step(Symbol.iterator in value ? items : String(value)) as T;
    }
  } catch {
    return TRUNCATED as T;
  }
  const fields = keys.map((key): [PropertyKey, unknown, boolean] => {
    let v: unknown;
    try {
      v = (value as Record<PropertyKey, unknown>)[key];
    } catch {
      v = TRUNCATED;
      changed = true;
    }
    return [
      typeof key === "string" ? (step(key) as string) : key,
      step(v, key),
      {}.propertyIsEnumerable.call(value, key),
    ];
  });
  const dom = typeof DOMException === "function" && value instanceof DOMException;
  // A DOMException's name and message live behind its prototype's getters, not in own fields.
  const message = dom ? step(value.message) : undefined;
  const name = dom ? step(value.name) : undefined;
  if (!changed && !foreign) return value;
  const copy = dom
    ? new DOMException(message as string, name as string)
    : (Object.create(foreign ? Object.prototype : proto) as object);
  for (const [key, v, enumerable] of fields) {
    try {
      // An own "__proto__" (JSON.parse makes one) is copied as data, never as a prototype.
      Object.defineProperty(copy, key, { value: v, enumerable, writable: true, configurable: true });
    } catch {
      // A runtime's own internals on a rebuilt DOMException (Deno's host object) stay its own.
    }
  }
  return copy as T;
}

/**
 * A copy of an error's cause safe to keep on an SDK error (see {@link redactValue}).
 * @param cause - anything thrown or given as a reason
 * @param secret - as in {@link redactText}
 */
export const redactCause: (cause: unknown, secret?: string) => unknown = redactValue;
