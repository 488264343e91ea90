/**
 * Redaction rule by rule, with exact outputs: what is found (the secret, remembered keys, their
 * percent-encoded form and cut-off ends, bearer tokens, key-shaped text), what is replaced outright
 * (fields named as credentials), and how values are copied (depth, cycles, prototypes, identity).
 */
import { describe, expect, it, vi } from "vitest";
import {
  REDACTED,
  TRUNCATED,
  describeError,
  redactCause,
  redactClip,
  redactText,
  redactValue,
  rememberSecret,
} from "../../src/core/redact";

describe("redactText", () => {
  it("should name its markers", () => {
    expect(REDACTED).toBe("[REDACTED]");
    expect(TRUNCATED).toBe("[TRUNCATED]");
  });

  it.each([
    ["the secret anywhere", "a tok_abcdef12 b tok_abcdef12", "tok_abcdef12", "a [REDACTED] b [REDACTED]"],
    ["the secret percent-encoded", "url?k=tok%2Fab%2Bcd", "tok/ab+cd", "url?k=[REDACTED]"],
    ["the head of the secret cut off at the end", "sent tok_abcd", "tok_abcdef12", "sent [REDACTED]"],
    ["the tail of the secret at the start", "cdef12 was sent", "tok_abcdef12", "[REDACTED] was sent"],
    ["no piece shorter than six characters", "sent tok_a", "tok_abcdef12", "sent tok_a"],
    ["a piece of a short secret down to four characters", "x abcd", "abcde", "x [REDACTED]"],
    ["a piece in the middle as no piece", "a tok_abcd b", "tok_abcdef12", "a tok_abcd b"],
    ["a secret under four characters as nothing to find", "abc abc", "abc", "abc abc"],
    ["a four-character secret", "abcd abcd", "abcd", "[REDACTED] [REDACTED]"],
    ["a bearer token", "Authorization: Bearer xyz.123-abc, next", undefined, "Authorization: Bearer [REDACTED], next"],
    ["a bearer token in any case", "bearer   qwerty", undefined, "bearer   [REDACTED]"],
    [
      "key-shaped text",
      "k=aa_live_Abc123 and aa_test_x9 and aa_demo_Q",
      undefined,
      "k=[REDACTED] and [REDACTED] and [REDACTED]",
    ],
    ["no key-shaped text inside a word", "xaa_live_Abc123", undefined, "xaa_live_Abc123"],
    ["text without secrets as it is", "nothing to see", "tok_abcdef12", "nothing to see"],
  ])("should replace %s", (_, text, secret, expected) => {
    expect(redactText(text, secret)).toBe(expected);
  });

  it("should replace the longer of two overlapping secrets whole", () => {
    rememberSecret("abcdefgh");
    expect(redactText("abcdefgh1234 and abcdefgh", "abcdefgh1234")).toBe("[REDACTED] and [REDACTED]");
  });

  it("should replace a remembered key that contains the given secret whole, longest first", () => {
    rememberSecret("qrstuvwx9876");
    expect(redactText("echo qrstuvwx9876 and qrstuvwx", "qrstuvwx")).toBe("echo [REDACTED] and [REDACTED]");
  });

  it("should take each end once, the longest piece", () => {
    expect(redactText("ef12 tok_ab", "tok_abcdef12")).toBe("ef12 [REDACTED]");
    expect(redactText("ef12 tok_a", "tok_abcdef12")).toBe("ef12 tok_a");
    expect(redactText("bcdef12 mid tok_abcdef1", "tok_abcdef12")).toBe("[REDACTED] mid [REDACTED]");
  });

  it("should not find a secret again in the marker that replaced it", () => {
    // The marker ends with this secret: a search that started past the secret's own length would
    // match the marker's tail and replace it again.
    expect(redactText("xDACTED]", "DACTED]")).toBe("x[REDACTED]");
  });

  it("should redact a remembered key later, with no secret given", () => {
    rememberSecret("remembered-key-1");
    expect(redactText("echo remembered-key-1!")).toBe("echo [REDACTED]!");
  });

  it("should remember at most 64 keys, forgetting the one seen longest ago, each key once", () => {
    const name = (i: number) => `flush-key-${String(i).padStart(3, "0")}`;
    // 64 keys of this test's own replace whatever earlier tests remembered.
    for (let i = 0; i < 64; i++) rememberSecret(name(i));
    expect(redactText(`${name(0)} ${name(63)}.`)).toBe("[REDACTED] [REDACTED].");
    // Seen again: it moves to the newest end, counted once, so nothing else is forgotten.
    for (let i = 0; i < 3; i++) rememberSecret(name(0));
    expect(redactText(`${name(0)} ${name(1)} ${name(2)}.`)).toBe("[REDACTED] [REDACTED] [REDACTED].");
    rememberSecret("newcomer-key-1");
    expect(redactText(`${name(0)} ${name(1)} ${name(2)} newcomer-key-1.`)).toBe(
      `[REDACTED] ${name(1)} [REDACTED] [REDACTED].`,
    );
  });
});

describe("redactClip", () => {
  it("should redact before cutting, so no head of a key survives the cut", () => {
    expect(redactClip("abc tok_abcdef12 tail", 14, "tok_abcdef12")).toBe("abc [REDACTED]");
    expect(redactClip("abc tok_abcdef12 tail", 8, "tok_abcdef12")).toBe("abc [RED");
  });

  it.each([
    ["a cut through a surrogate pair before the pair", "ab\u{1F600}cd", 3, "ab"],
    ["a cut after a whole pair as it is", "\u{1F600}abcdef", 5, "\u{1F600}abc"],
    ["a cut right after a pair as it is", "ab\u{1F600}cd", 4, "ab\u{1F600}"],
    ["a text that fits whole, even ending on half a pair", "ab\ud83d", 3, "ab\ud83d"],
    ["a text shorter than the limit whole", "abc", 10, "abc"],
  ])("should take %s", (_, text, max, expected) => {
    expect(redactClip(text, max)).toBe(expected);
  });
});

describe("describeError", () => {
  const S = "sekrit-4321";

  it.each<[string, unknown, string]>([
    ["an error by its message", new TypeError(`bad ${S}`), "bad [REDACTED]"],
    ["a string as it is", `thrown ${S}`, "thrown [REDACTED]"],
    ["a number as text", 42, "42"],
    ["null as text", null, "null"],
    ["an object without a prototype by its kind", Object.create(null), "[object Object]"],
    [
      "an error whose message getter throws by its kind",
      Object.defineProperty(new Error("x"), "message", {
        get() {
          throw new Error("no");
        },
      }),
      "[object Error]",
    ],
  ])("should describe %s", (_, error, expected) => {
    expect(describeError(error, S)).toBe(expected);
  });

  it("should describe a revoked Proxy as unreadable", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeError(proxy)).toBe("an unreadable value");
  });
});

describe("redactValue", () => {
  const S = "sekrit-9876";

  it("should return the value itself when nothing changed", () => {
    const value = { a: 1, b: ["x", { c: null }], d: true };
    expect(redactValue(value, S)).toBe(value);
    const list = ["a", "b"];
    expect(redactValue(list, S)).toBe(list);
    expect(redactValue(7, S)).toBe(7);
    expect(redactValue(null, S)).toBeNull();
    expect(redactValue(undefined, S)).toBeUndefined();
  });

  it("should copy and redact strings, record keys and array items at any depth", () => {
    const value = { [`k-${S}`]: [`v ${S}`, { deep: S }], plain: "ok" };
    expect(redactValue(value, S)).toEqual({ "k-[REDACTED]": ["v [REDACTED]", { deep: "[REDACTED]" }], plain: "ok" });
    expect(value).toEqual({ [`k-${S}`]: [`v ${S}`, { deep: S }], plain: "ok" });
  });

  it.each([
    "authorization",
    "Authorization",
    "api_key",
    "api-key",
    "apikey",
    "x-api-key",
    "X-Api-Key",
    "key",
    "token",
    "access_token",
    "access-token",
    "accesstoken",
    "secret",
    "password",
  ])("should replace a string field named %s outright", (name) => {
    expect(redactValue({ [name]: "anything at all" })).toEqual({ [name]: "[REDACTED]" });
  });

  it.each(["keys", "tokenizer", "my_secret", "passwords", "x-key"])(
    "should leave a field named %s to the text rules",
    (name) => {
      expect(redactValue({ [name]: "anything at all" })).toEqual({ [name]: "anything at all" });
    },
  );

  it("should leave an empty or non-string credential field as it is", () => {
    const value = { token: "", key: 5, password: null };
    expect(redactValue(value)).toBe(value);
  });

  it("should cut what is nested past 32 levels", () => {
    let deep: Record<string, unknown> = { end: "x" };
    for (let i = 0; i < 33; i++) deep = { n: deep };
    let walked = redactValue(deep) as Record<string, unknown>;
    for (let i = 0; i < 32; i++) walked = walked.n as Record<string, unknown>;
    expect(walked.n).toBe(TRUNCATED);

    let fits: Record<string, unknown> = { end: "x" };
    for (let i = 0; i < 32; i++) fits = { n: fits };
    expect(redactValue(fits)).toBe(fits);
  });

  it("should cut a reference back to a parent, not a shared sibling", () => {
    const shared = { s: 1 };
    const value: Record<string, unknown> = { a: shared, b: shared };
    value.self = value;
    expect(redactValue(value)).toEqual({ a: { s: 1 }, b: { s: 1 }, self: TRUNCATED });
  });

  it("should keep an error's prototype and its fields' enumerability", () => {
    const error = new TypeError(`failed with ${S}`);
    Object.defineProperty(error, "hidden", { value: S, enumerable: false });
    const copy = redactValue(error, S);
    expect(copy).not.toBe(error);
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy.message).toBe("failed with [REDACTED]");
    expect(Object.getOwnPropertyDescriptor(copy, "hidden")).toEqual({
      value: "[REDACTED]",
      enumerable: false,
      writable: true,
      configurable: true,
    });
    expect(Object.keys(copy)).toEqual([]);
  });

  it("should redact a cause chain through redactCause", () => {
    const cause = new Error("outer", { cause: new Error(`inner ${S}`) });
    const copy = redactCause(cause, S) as Error;
    expect((copy.cause as Error).message).toBe("inner [REDACTED]");
  });

  it("should rebuild a DOMException as one", () => {
    const copy = redactValue(new DOMException(`gone ${S}`, "AbortError"), S);
    expect(copy).toBeInstanceOf(DOMException);
    expect(copy.name).toBe("AbortError");
    expect(copy.message).toBe("gone [REDACTED]");
  });

  it("should take class instances as plain data: entries when iterable, else fields, else text", () => {
    expect(redactValue(new Map([["k", S]]), S)).toEqual([["k", "[REDACTED]"]]);
    expect(redactValue(new Headers({ "x-echo": S }), S)).toEqual([["x-echo", "[REDACTED]"]]);
    expect(redactValue(new URL(`https://h.test/?k=${S}`), S)).toBe("https://h.test/?k=[REDACTED]");
    class Box {
      inside = S;
    }
    const box = redactValue(new Box(), S);
    expect(box).toEqual({ inside: "[REDACTED]" });
    expect(Object.getPrototypeOf(box)).toBe(Object.prototype);
  });

  it("should keep the first 100 entries of an iterable", () => {
    const set = new Set(Array.from({ length: 150 }, (_, i) => i));
    const copy = redactValue(set) as unknown as number[];
    expect(copy).toHaveLength(100);
    expect(copy[99]).toBe(99);
  });

  it("should keep an object without a prototype without one", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: S });
    const copy = redactValue(bare, S);
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(copy.k).toBe("[REDACTED]");
  });

  it("should copy an own __proto__ key as data, never as the prototype", () => {
    const parsed = JSON.parse(`{"__proto__":{"polluted":"${S}"}}`) as Record<string, unknown>;
    const copy = redactValue(parsed, S);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: "[REDACTED]" });
  });

  it("should take a field whose getter throws as truncated", () => {
    const value = {
      ok: "fine",
      get broken(): string {
        throw new Error("no");
      },
    };
    expect(redactValue(value)).toEqual({ ok: "fine", broken: TRUNCATED });
  });

  it("should take a revoked Proxy as truncated", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(redactValue(proxy)).toBe(TRUNCATED);
  });

  it("should work on a runtime without DOMException", () => {
    vi.stubGlobal("DOMException", undefined);
    try {
      expect(redactValue({ a: S }, S)).toEqual({ a: "[REDACTED]" });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("should keep symbol keys as they are and redact their values", () => {
    const tag = Symbol("tag");
    const copy = redactValue({ [tag]: S }, S);
    expect(copy[tag]).toBe("[REDACTED]");
  });
});
