/**
 * Credential redaction. A server may echo the key anywhere (messages, details, record keys, nested
 * causes), so everything that reaches an error, a log line or a cache passes through here first.
 *
 * Besides the secret a caller passes, every key the SDK has accepted (static or returned by a key
 * function) is remembered here, so that an error built far from the request — a job's failure, a
 * stale status — is redacted for a token of any shape, not only for `aa_live_…`-looking keys.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";
/** What replaces a value nested past the depth limit, or a reference back to one of its own parents. */
export const TRUNCATED = "[TRUNCATED]";

const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const KEY_LIKE = /\baa_(?:live|test|demo)_[A-Za-z0-9]+/g;
// `api_key=…`, `"token": "…"`: a credential named in text, whatever the token looks like.
const NAMED =
  /((?:api[_-]?key|access[_-]?token|token|secret|password)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^\s"'&,;}]+/gi;
const SENSITIVE_NAME = /^(?:authorization|api[_-]?key|x-api-key|key|token|access[_-]?token|secret|password)$/i;

/** Shorter secrets are not searched for: redacting a two-letter key would shred every message. */
const MIN_SECRET = 4;
/** How many accepted keys are remembered (most recent first out of the list when it overflows). */
const MAX_KNOWN = 64;
/** Nesting kept (objects, arrays, errors, causes); deeper values become {@link TRUNCATED}. */
const MAX_DEPTH = 32;

const known: string[] = [];

/**
 * Remembers a key the SDK accepted, so that every later redaction removes it too. Bounded: the
 * oldest of more than 64 distinct keys is forgotten.
 * @param secret - a key about to be sent
 */
export function rememberSecret(secret: string): void {
  if (secret.length < MIN_SECRET || known[known.length - 1] === secret) return;
  const at = known.indexOf(secret);
  if (at >= 0) known.splice(at, 1);
  known.push(secret);
  if (known.length > MAX_KNOWN) known.shift();
}

/** The forms a secret may take in text: as is, percent-encoded (echoed URLs), JSON-escaped (raw bodies). */
function forms(secret: string): string[] {
  const out = [secret];
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out.push(encoded);
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) out.push(escaped);
  return out;
}

/** The shortest piece of a key, at a cut end of a text, taken for part of that key. */
const MIN_FRAGMENT = 6;

/**
 * Text cut before it was redacted may end with the head of a key (or start with its tail): that part
 * is redacted too, wherever the cut was made.
 */
function trimFragments(text: string, secret: string): string {
  const shortest = Math.max(MIN_SECRET, Math.min(MIN_FRAGMENT, secret.length - 1));
  let out = text;
  for (let n = Math.min(secret.length - 1, out.length); n >= shortest; n--) {
    if (out.endsWith(secret.slice(0, n))) {
      out = out.slice(0, -n) + REDACTED;
      break;
    }
  }
  for (let n = Math.min(secret.length - 1, out.length); n >= shortest; n--) {
    if (out.startsWith(secret.slice(-n))) {
      out = REDACTED + out.slice(n);
      break;
    }
  }
  return out;
}

/**
 * Replaces `secret` (when given), every key the SDK has accepted, any bearer token, any value named
 * as a credential (`api_key=…`) and anything shaped like an AnomalyArmor key.
 * @param text - any text
 * @param secret - a key to remove besides the remembered ones
 * @returns the text with each of them replaced by {@link REDACTED}
 */
export function redactText(text: string, secret?: string): string {
  let out = text;
  const secrets = secret !== undefined && secret.length >= MIN_SECRET ? [secret, ...known] : known;
  if (secrets.length > 0) {
    // Longest first: a key that contains another must not leave its tail behind.
    for (const s of secrets.length > 1 ? [...secrets].sort((a, b) => b.length - a.length) : secrets) {
      for (const form of forms(s)) if (out.includes(form)) out = out.split(form).join(REDACTED);
      out = trimFragments(out, s);
    }
  }
  return out.replace(BEARER, `$1${REDACTED}`).replace(KEY_LIKE, REDACTED).replace(NAMED, `$1${REDACTED}`);
}

/**
 * Redacts, then cuts to `max` characters: cutting first could keep the head of a key that straddles
 * the cut, which no later redaction would recognise.
 * @param text - any text
 * @param max - the longest result
 * @param secret - as in {@link redactText}
 */
export function redactClip(text: string, max: number, secret?: string): string {
  return redactText(text, secret).slice(0, max);
}

/** Reads a property without letting a throwing getter or proxy trap escape. */
function read(target: object, key: PropertyKey): { value: unknown } | undefined {
  try {
    return { value: (target as Record<PropertyKey, unknown>)[key] };
  } catch {
    return undefined;
  }
}

function define(target: object, key: PropertyKey, value: unknown, enumerable: boolean): void {
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
}

/**
 * A copy of a JSON-like value with every string and every record key redacted, and values named as
 * credentials (`authorization`, `api_key`, `token`, …) replaced outright. Past 32 levels, and where a
 * value refers back to one of its parents, the rest becomes {@link TRUNCATED}. Errors inside are
 * redacted as {@link redactCause} does. Returns `value` itself when nothing needed changing.
 * @param value - a body, `details`, a model
 * @param secret - as in {@link redactText}
 * @param depth - nesting already walked (internal)
 * @param parents - the objects being walked (internal, for cycles)
 */
export function redactValue<T>(value: T, secret?: string, depth = 0, parents: object[] = []): T {
  if (typeof value === "string") return redactText(value, secret) as T;
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH || parents.includes(value)) return TRUNCATED as T;
  if (value instanceof Error) return redactCause(value, secret, depth, parents) as T;
  const within = [...parents, value];
  if (Array.isArray(value)) {
    let changed = false;
    const out = (value as unknown[]).map((item) => {
      const copy = redactValue(item, secret, depth + 1, within);
      changed ||= copy !== item;
      return copy;
    });
    return (changed ? out : value) as T;
  }
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return TRUNCATED as T;
  }
  // A Date, a Map, a class instance: nothing in them is a string we could reach by key.
  if (keys.length === 0) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const got = read(value, k);
    const v = got ? got.value : TRUNCATED;
    const copy =
      SENSITIVE_NAME.test(k) && typeof v === "string" && v !== ""
        ? REDACTED
        : redactValue(v, secret, depth + 1, within);
    const name = redactText(k, secret);
    changed ||= !got || copy !== v || name !== k;
    // A body may carry an own "__proto__" key (JSON.parse makes one): copy it as data, never as a prototype.
    define(out, name, copy, true);
  }
  return (changed ? out : value) as T;
}

/**
 * A copy of an error's cause safe to keep on an SDK error: message, name, stack, own fields (any
 * depth, enumerable or not: `AggregateError.errors`, a `code`, a response object) and the cause chain
 * redacted. The copy keeps the prototype (so `instanceof TypeError` holds); a `DOMException` is rebuilt
 * as one, since its getters refuse any other object. Returns `cause` itself when nothing in it needed
 * redacting, so a caller's own abort reason keeps its identity.
 * @param cause - anything thrown or given as a reason
 * @param secret - as in {@link redactText}
 * @param depth - nesting already walked (internal)
 * @param parents - the objects being walked (internal, for cycles)
 */
export function redactCause(cause: unknown, secret?: string, depth = 0, parents: object[] = []): unknown {
  if (!(cause instanceof Error)) return redactValue(cause, secret, depth, parents);
  if (depth > MAX_DEPTH || parents.includes(cause)) return TRUNCATED;
  const within = [...parents, cause];
  const text = (key: string) => {
    const got = read(cause, key);
    return typeof got?.value === "string" ? got.value : undefined;
  };
  const message = text("message") ?? "";
  const name = text("name");
  const stack = text("stack");
  const fields: [PropertyKey, unknown, unknown, boolean][] = [];
  let changed = false;
  for (const key of Reflect.ownKeys(cause)) {
    if (key === "message" || key === "stack" || key === "name") continue;
    const got = read(cause, key);
    const enumerable = Object.prototype.propertyIsEnumerable.call(cause, key);
    const original = got?.value;
    const copy = got ? redactValue(original, secret, depth + 1, within) : TRUNCATED;
    changed ||= copy !== original;
    fields.push([key, original, copy, enumerable]);
  }
  const safeMessage = redactText(message, secret);
  const safeName = name === undefined ? undefined : redactText(name, secret);
  const safeStack = stack === undefined ? undefined : redactText(stack, secret);
  if (!changed && safeMessage === message && safeName === name && safeStack === stack) return cause;

  let copy: Error;
  if (typeof DOMException === "function" && cause instanceof DOMException) {
    copy = new DOMException(safeMessage, safeName);
  } else {
    copy = Object.create(Object.getPrototypeOf(cause) as object) as Error;
    define(copy, "message", safeMessage, false);
    if (Object.prototype.hasOwnProperty.call(cause, "name")) define(copy, "name", safeName, false);
  }
  if (safeStack !== undefined) define(copy, "stack", safeStack, false);
  for (const [key, , value, enumerable] of fields) define(copy, key, value, enumerable);
  try {
    // What `util.inspect` and `console.log` read: a prototype whose getters refuse a stranger fails here.
    void `${String(copy.name)}${String(copy.message)}${String(copy.stack)}`;
    return copy;
  } catch {
    const plain = new Error(safeMessage);
    define(plain, "name", safeName ?? "Error", false);
    define(plain, "stack", safeStack, false);
    for (const [key, , value, enumerable] of fields) define(plain, key, value, enumerable);
    return plain;
  }
}
