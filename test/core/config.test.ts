/**
 * Client and per-call options, checked and resolved before anything is sent (src/core/config.ts): each
 * refusal is pinned by its error class, exact message and issue path, and each default by its literal
 * value, so that a changed bound, message or fallback fails here rather than in a user's request.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  checkHeaders,
  checkKey,
  checkRequestOptions,
  DEFAULT_API_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  fingerprint,
  isLoopback,
  resolveConfig,
  type ClientOptions,
} from "../../src/core/config";
import { AuthenticationError, ValidationError } from "../../src/core/errors";
import type { Logger } from "../../src/core/log";
import { redactText } from "../../src/core/redact";

const KEY = "aa_live_config0123456789abcdef";
const API = "https://api.anomalyarmor.test/api/v1";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** The error `fn` throws (the test fails when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw, got a return");
}

/** Expects the one-issue ValidationError of a bad option. */
function expectInvalid(fn: () => unknown, message: string, path: string) {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).message).toBe(message);
  expect((error as ValidationError).issues).toEqual([{ path, message }]);
}

/** Resolves with no environment variable of ours set, whatever the machine running the tests has. */
function resolve(options: ClientOptions) {
  vi.stubEnv("ARMOR_API_KEY", undefined);
  vi.stubEnv("ARMOR_API_URL", undefined);
  vi.stubEnv("ARMOR_LOG", undefined);
  return resolveConfig(options);
}

describe("isLoopback", () => {
  it.each([
    ["localhost", true],
    ["LocalHost", true],
    ["app.localhost", true],
    ["APP.LOCALHOST", true],
    ["127.0.0.1", true],
    ["127.255.255.255", true],
    ["127.1.22.3", true],
    ["[::1]", true],
    ["[::1", false],
    ["::1", false],
    [".localhost", false],
    ["a.b.localhost", false],
    ["localhost.evil.test", false],
    ["evillocalhost", false],
    ["x.localhost.test", false],
    ["127.0.0", false],
    ["127.0.0.1.evil.test", false],
    ["127.0.0.1.5", false],
    ["127.0.0.1000", false],
    ["127.0.0.", false],
    ["127.a.0.1", false],
    ["1127.0.0.1", false],
    ["128.0.0.1", false],
    ["10.0.0.1", false],
    ["example.com", false],
    ["", false],
  ])("%j → %s", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe("checkKey", () => {
  it.each([undefined, null, 42, "", {}])("should refuse %j as no key at all", (key) => {
    const error = thrown(() => checkKey(key));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("No API key: pass apiKey, or set ARMOR_API_KEY");
  });

  it.each(["aa live", " aa", "aa\t", "aa\n", "aa\x7f", "aa\x00", "aa\x20", "clé", "aa\u2028"])(
    "should refuse %j for holding more than visible ASCII",
    (key) => {
      const error = thrown(() => checkKey(key));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toBe(
        "The API key may hold only visible ASCII characters (no whitespace or control characters)",
      );
      // The message never quotes the key.
      expect((error as Error).message).not.toContain(key);
    },
  );

  it("should accept every visible ASCII character, the bounds included, and return the key", () => {
    expect(checkKey("!")).toBe("!");
    expect(checkKey("~")).toBe("~");
    const all = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join("");
    expect(all).toHaveLength(94);
    expect(checkKey(all)).toBe(all);
  });

  it("should make every later redaction know the key it accepted", () => {
    const key = "zz9.remembered-by-checkKey.7q";
    expect(redactText(`leaked ${key} here`)).toBe(`leaked ${key} here`);
    checkKey(key);
    expect(redactText(`leaked ${key} here`)).toBe("leaked [REDACTED] here");
  });
});

describe("checkHeaders", () => {
  it("should accept undefined, an empty object and tokens built of every allowed character", () => {
    expect(checkHeaders(undefined, "headers")).toBeUndefined();
    expect(checkHeaders({}, "headers")).toBeUndefined();
    expect(checkHeaders({ "!#$%&'*+-.^_`|~09AZaz": "v", "x-latin": "café \t tab" }, "headers")).toBeUndefined();
  });

  it.each([null, [], "x-a: b", 5])("should refuse %j as not an object, naming where", (headers) => {
    expectInvalid(() => checkHeaders(headers, "where"), "where must be an object of header names to values", "where");
  });

  it.each(["x a", "x:a", "x(a)", "", "é", "x\r\na", 'x"a', "x/a", "x@a", "[x]", "x,a"])(
    "should refuse the header name %j",
    (name) => {
      expectInvalid(
        () => checkHeaders({ ok: "v", [name]: "v" }, "headers"),
        `headers: '${name}' is not a valid header name`,
        `headers.${name}`,
      );
    },
  );

  it.each(["a\rb", "a\nb", "a\0b", "\u0100", "€", 5, null, undefined])("should refuse the value %j", (value) => {
    expectInvalid(
      () => checkHeaders({ "x-ok": "fine", "x-bad": value }, "where"),
      "where.x-bad must be a string without CR, LF, NUL or characters beyond Latin-1",
      "where.x-bad",
    );
  });
});

describe("checkRequestOptions", () => {
  const fake = { aborted: false, addEventListener() {}, removeEventListener() {} };

  it("should accept no options, every option at its bounds, and an object shaped like a signal", () => {
    expect(() => checkRequestOptions({})).not.toThrow();
    expect(() =>
      checkRequestOptions({
        signal: new AbortController().signal,
        timeout: 1,
        deadline: 0.5,
        maxRetries: 0,
        headers: { "x-a": "b" },
        maxResponseBytes: 1,
        onRequest: () => {},
        onResponse: [],
        onRequestError: [() => {}, () => {}],
        query: {},
        body: { a: 1 },
      }),
    ).not.toThrow();
    expect(() => checkRequestOptions({ maxRetries: 10, maxResponseBytes: Infinity, signal: fake })).not.toThrow();
    expect(() => checkRequestOptions({ signal: { ...fake, aborted: true } })).not.toThrow();
  });

  it.each([null, undefined, [], "options", 3])("should refuse %j as options", (options) => {
    expectInvalid(() => checkRequestOptions(options), "options must be an object", "options");
  });

  it.each([0, -1, NaN, Infinity, "100"])("should refuse the timeout and the deadline %j", (value) => {
    expectInvalid(
      () => checkRequestOptions({ timeout: value }),
      "timeout must be a positive number of milliseconds",
      "timeout",
    );
    expectInvalid(
      () => checkRequestOptions({ deadline: value }),
      "deadline must be a positive number of milliseconds",
      "deadline",
    );
  });

  it.each([-1, 11, 1.5, NaN, "2", null, Infinity])("should refuse maxRetries %j", (value) => {
    expectInvalid(
      () => checkRequestOptions({ maxRetries: value }),
      "maxRetries must be an integer from 0 to 10",
      "maxRetries",
    );
  });

  it.each([
    ["null", null],
    ["a plain object", {}],
    ["a string aborted", { ...fake, aborted: "false" }],
    ["no aborted", { addEventListener() {}, removeEventListener() {} }],
    ["no addEventListener", { aborted: false, removeEventListener() {} }],
    ["no removeEventListener", { aborted: false, addEventListener() {} }],
    ["a non-function addEventListener", { ...fake, addEventListener: true }],
    ["a non-function removeEventListener", { ...fake, removeEventListener: "x" }],
    ["an AbortController", new AbortController()],
  ])("should refuse %s as a signal", (_, signal) => {
    expectInvalid(() => checkRequestOptions({ signal }), "signal must be an AbortSignal", "signal");
  });

  it("should check the headers under the name headers", () => {
    expectInvalid(
      () => checkRequestOptions({ headers: { "x-a": "b\nc" } }),
      "headers.x-a must be a string without CR, LF, NUL or characters beyond Latin-1",
      "headers.x-a",
    );
    expectInvalid(
      () => checkRequestOptions({ headers: [] }),
      "headers must be an object of header names to values",
      "headers",
    );
  });

  it.each([0, -1, 1.5, -Infinity, NaN, "1024", null])("should refuse maxResponseBytes %j", (value) => {
    expectInvalid(
      () => checkRequestOptions({ maxResponseBytes: value }),
      "maxResponseBytes must be a positive integer number of bytes, or Infinity",
      "maxResponseBytes",
    );
  });

  it.each(["onRequest", "onResponse", "onRequestError", "onResponseError"])(
    "should refuse %s when it is not a function or an array of functions",
    (name) => {
      const message = `${name} must be a function or an array of functions`;
      expectInvalid(() => checkRequestOptions({ [name]: "log" }), message, name);
      expectInvalid(() => checkRequestOptions({ [name]: [() => {}, 5] }), message, name);
      expectInvalid(() => checkRequestOptions({ [name]: null }), message, name);
    },
  );

  it.each(["query", "body"])("should refuse a %s that is not an object", (name) => {
    expectInvalid(() => checkRequestOptions({ [name]: "a=1" }), `${name} must be an object`, name);
    expectInvalid(() => checkRequestOptions({ [name]: [1] }), `${name} must be an object`, name);
    expectInvalid(() => checkRequestOptions({ [name]: null }), `${name} must be an object`, name);
  });
});

describe("fingerprint", () => {
  // cyrb53's published values (bryc, the algorithm's author), read back from base 36.
  it.each([
    ["a", 7929297801672961],
    ["b", 8684336938537663],
    ["revenge", 4051478007546757],
    ["revenue", 8309097637345594],
  ])("%j → %d", (text, expected) => {
    expect(parseInt(fingerprint(text), 36)).toBe(expected);
  });

  it("should give base 36 text, different for keys one character apart", () => {
    expect(fingerprint("")).toMatch(/^[0-9a-z]+$/);
    expect(fingerprint(`${KEY}1`)).not.toBe(fingerprint(`${KEY}2`));
  });
});

describe("resolveConfig", () => {
  it("should fill every default", async () => {
    const c = resolve({ apiKey: KEY });
    expect(c).toMatchObject({
      apiUrl: DEFAULT_API_URL,
      timeout: 30_000,
      maxRetries: 2,
      deadline: undefined,
      validate: "always",
      headers: {},
      fetch: undefined,
      logLevel: "warn",
      logger: undefined,
      maxResponseBytes: 16_777_216,
      hooks: undefined,
      browser: false,
      staticKey: KEY,
    });
    expect(DEFAULT_API_URL).toBe("https://app.anomalyarmor.ai/api/v1");
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16_777_216);
    expect(c.scope).toBe(`https://app.anomalyarmor.ai/api/v1#${fingerprint(KEY)}`);
    await expect(c.getKey()).resolves.toBe(KEY);
  });

  it("should take every option given", () => {
    const fetch = (() => Promise.resolve(new Response())) as typeof globalThis.fetch;
    const logger = { error() {}, warn() {}, info() {}, debug() {} };
    const c = resolve({
      apiKey: KEY,
      apiUrl: API,
      timeout: 5,
      maxRetries: 0,
      deadline: 7,
      validate: "off",
      headers: { "X-Team": "data" },
      fetch,
      logLevel: "debug",
      logger,
      maxResponseBytes: Infinity,
      cacheScope: "tenant-7",
    });
    expect(c).toMatchObject({
      apiUrl: API,
      timeout: 5,
      maxRetries: 0,
      deadline: 7,
      validate: "off",
      headers: { "X-Team": "data" },
      fetch,
      logLevel: "debug",
      logger,
      maxResponseBytes: Infinity,
      scope: "tenant-7",
    });
  });

  it("should accept each validation mode by name", () => {
    expect(resolve({ apiKey: KEY, validate: "always" }).validate).toBe("always");
    expect(resolve({ apiKey: KEY, validate: "off" }).validate).toBe("off");
  });

  it("should read the key, the URL and the log level from the environment when no option gives them", async () => {
    vi.stubEnv("ARMOR_API_KEY", KEY);
    vi.stubEnv("ARMOR_API_URL", "http://localhost:8080/api/v1/");
    vi.stubEnv("ARMOR_LOG", "info");
    const c = resolveConfig();
    expect(c.staticKey).toBe(KEY);
    await expect(c.getKey()).resolves.toBe(KEY);
    expect(c.apiUrl).toBe("http://localhost:8080/api/v1");
    expect(c.logLevel).toBe("info");
    // An empty option is no option.
    expect(resolveConfig({ apiKey: "", apiUrl: "" }).apiUrl).toBe("http://localhost:8080/api/v1");
  });

  it("should prefer options to the environment, and ignore a log level it does not know", () => {
    vi.stubEnv("ARMOR_API_KEY", "aa_live_from_env");
    vi.stubEnv("ARMOR_API_URL", "https://env.example.test/api/v1");
    vi.stubEnv("ARMOR_LOG", "error");
    const c = resolveConfig({ apiKey: KEY, apiUrl: API, logLevel: "off" });
    expect([c.staticKey, c.apiUrl, c.logLevel]).toEqual([KEY, API, "off"]);
    vi.stubEnv("ARMOR_LOG", "loud");
    expect(resolveConfig({ apiKey: KEY }).logLevel).toBe("warn");
  });

  it("should refuse a missing key before anything else", () => {
    const error = thrown(() => resolve({ apiUrl: "not a url" }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("No API key: pass apiKey, or set ARMOR_API_KEY");
  });

  it("should remove every trailing slash, and nothing else, from the URL", () => {
    expect(resolve({ apiKey: KEY, apiUrl: `${API}///` }).apiUrl).toBe(API);
    expect(resolve({ apiKey: KEY, apiUrl: "https://a.test//api/v1" }).apiUrl).toBe("https://a.test//api/v1");
    expect(resolve({ apiKey: KEY, apiUrl: "https://a.test/" }).apiUrl).toBe("https://a.test");
  });

  it.each([
    ["not a url", "apiUrl is not a valid URL"],
    ["/api/v1", "apiUrl is not a valid URL"],
    ["ftp://a.test/api", "apiUrl must use http or https"],
    ["file:///etc/passwd", "apiUrl must use http or https"],
    ["https://user:pw@a.test/api", "apiUrl must not carry credentials"],
    ["https://user@a.test/api", "apiUrl must not carry credentials"],
    ["https://:pw@a.test/api", "apiUrl must not carry credentials"],
    ["http://a.test/api", "apiUrl uses plain http to a non-loopback host: use https, or pass allowInsecureHttp: true"],
    ["http://user:pw@a.test/api", "apiUrl must not carry credentials"],
    ["https://a.test/api?x=1", "apiUrl must not have a query or fragment"],
    ["https://a.test/api#top", "apiUrl must not have a query or fragment"],
    ["http://localhost/api?x=1", "apiUrl must not have a query or fragment"],
  ])("should refuse the URL %j", (apiUrl, message) => {
    expectInvalid(() => resolve({ apiKey: KEY, apiUrl }), message, "apiUrl");
  });

  it("should accept plain http to loopback, or anywhere when allowed", () => {
    expect(resolve({ apiKey: KEY, apiUrl: "http://127.0.0.1:3000/api" }).apiUrl).toBe("http://127.0.0.1:3000/api");
    expect(resolve({ apiKey: KEY, apiUrl: "http://[::1]/api" }).apiUrl).toBe("http://[::1]/api");
    expect(resolve({ apiKey: KEY, apiUrl: "http://a.test/api", allowInsecureHttp: true }).apiUrl).toBe(
      "http://a.test/api",
    );
    expectInvalid(
      () => resolve({ apiKey: KEY, apiUrl: "http://a.test/api", allowInsecureHttp: false }),
      "apiUrl uses plain http to a non-loopback host: use https, or pass allowInsecureHttp: true",
      "apiUrl",
    );
  });

  it.each<[ClientOptions, string, string]>([
    [{ timeout: 0 }, "timeout must be a positive number of milliseconds", "timeout"],
    [{ deadline: -5 }, "deadline must be a positive number of milliseconds", "deadline"],
    [{ maxRetries: 11 }, "maxRetries must be an integer from 0 to 10", "maxRetries"],
    [{ validate: "never" as "off" }, 'validate must be "always" or "off"', "validate"],
    [{ logLevel: "loud" as "off" }, "logLevel must be off, error, warn, info or debug", "logLevel"],
    [{ fetch: "fetch" as unknown as typeof fetch }, "fetch must be a function", "fetch"],
    [
      { headers: { "x-a": "b\r\n" } },
      "headers.x-a must be a string without CR, LF, NUL or characters beyond Latin-1",
      "headers.x-a",
    ],
    [
      { maxResponseBytes: 0 },
      "maxResponseBytes must be a positive integer number of bytes, or Infinity",
      "maxResponseBytes",
    ],
    [
      { onResponse: "log" as unknown as () => void },
      "onResponse must be a function or an array of functions",
      "onResponse",
    ],
    [{ apiUrl: 42 as unknown as string }, "apiUrl must be a string", "apiUrl"],
    [{ cacheScope: 7 as unknown as string }, "cacheScope must be a string", "cacheScope"],
    [{ cacheScope: null as unknown as string }, "cacheScope must be a string", "cacheScope"],
    [{ logger: null as unknown as Logger }, "logger must be an object", "logger"],
    [{ logger: "console" as unknown as Logger }, "logger must be an object", "logger"],
    [{ logger: (() => {}) as unknown as Logger }, "logger must be an object", "logger"],
  ])("should refuse the client option %j", (options, message, path) => {
    expectInvalid(() => resolve({ apiKey: KEY, ...options }), message, path);
  });

  it("should read its options once, as an object", () => {
    expectInvalid(() => resolve(null as unknown as ClientOptions), "options must be an object", "options");
    vi.stubEnv("ARMOR_API_KEY", KEY);
    expect(resolveConfig(undefined).staticKey).toBe(KEY);
    let reads = 0;
    const options = {
      get apiKey() {
        reads++;
        return KEY;
      },
    };
    expect(resolve(options).staticKey).toBe(KEY);
    expect(reads).toBe(1);
  });

  it("should accept an empty cache scope and a logger object", () => {
    const logger = { error() {}, warn() {}, info() {}, debug() {} };
    const c = resolve({ apiKey: KEY, cacheScope: "", logger });
    expect([c.scope, c.logger]).toEqual(["", logger]);
  });

  it("should copy the headers and the hooks, so that changing the options later changes nothing", () => {
    const first = () => {};
    const second = () => {};
    const options: ClientOptions = {
      apiKey: KEY,
      headers: { "x-a": "1" },
      onRequest: first,
      onResponseError: [second],
    };
    const c = resolve(options);
    options.headers!["x-a"] = "2";
    options.onRequest = second;
    expect(c.headers).toEqual({ "x-a": "1" });
    expect(c.hooks).toEqual({
      onRequest: first,
      onResponse: undefined,
      onRequestError: undefined,
      onResponseError: [second],
    });
    expect(Object.keys(c.hooks!)).toEqual(["onRequest", "onResponse", "onRequestError", "onResponseError"]);
  });

  it("should leave out the hooks when none is given", () => {
    expect(resolve({ apiKey: KEY, onRequest: undefined }).hooks).toBeUndefined();
  });

  describe("a key function", () => {
    it("should be checked per call, keep no static key, and scope by the function's identity", async () => {
      let n = 0;
      const fn = () => (++n === 1 ? "aa_live_fn_token" : "bad token");
      const c = resolve({ apiKey: fn, apiUrl: API });
      expect(c.staticKey).toBeUndefined();
      await expect(c.getKey()).resolves.toBe("aa_live_fn_token");
      const error = await c.getKey().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(n).toBe(2);
      expect(c.scope).toMatch(/^https:\/\/api\.anomalyarmor\.test\/api\/v1#fn[0-9a-z]+$/);
      expect(resolve({ apiKey: fn, apiUrl: API }).scope).toBe(c.scope);
      expect(resolve({ apiKey: () => "aa_live_fn_token", apiUrl: API }).scope).not.toBe(c.scope);
    });

    it("should await a key returned as a promise", async () => {
      const c = resolve({ apiKey: () => Promise.resolve("aa_live_async") });
      await expect(c.getKey()).resolves.toBe("aa_live_async");
      await expect(resolve({ apiKey: () => Promise.resolve("") }).getKey()).rejects.toThrow(
        "No API key: pass apiKey, or set ARMOR_API_KEY",
      );
    });
  });

  describe("in a browser", () => {
    const browser = () => {
      vi.stubGlobal("window", {});
      vi.stubGlobal("document", {});
    };

    it("should refuse a static key unless dangerouslyAllowBrowser", () => {
      browser();
      const error = thrown(() => resolve({ apiKey: KEY }));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toBe(
        "A secret API key in a browser is refused: pass apiKey as a function returning a short-lived token, or dangerouslyAllowBrowser: true to accept the risk",
      );
      expect(() => resolve({ apiKey: KEY, dangerouslyAllowBrowser: false })).toThrow(AuthenticationError);
      const allowed = resolve({ apiKey: KEY, dangerouslyAllowBrowser: true });
      expect([allowed.browser, allowed.staticKey]).toEqual([true, KEY]);
    });

    it("should accept a key function", () => {
      browser();
      const c = resolve({ apiKey: () => "aa_live_short" });
      expect([c.browser, c.staticKey]).toEqual([true, undefined]);
    });

    it("should refuse a malformed static key as malformed, not as a browser's", () => {
      browser();
      expect(() => resolve({ apiKey: "a b" })).toThrow(
        "The API key may hold only visible ASCII characters (no whitespace or control characters)",
      );
    });

    it("should need both window and document", () => {
      vi.stubGlobal("window", {});
      expect(resolve({ apiKey: KEY }).browser).toBe(false);
    });
  });
});
