/**
 * The API key leaves the SDK in one place only: the `Authorization` header of a request to the configured
 * origin. Everything else a user can print, log, persist or catch is checked here, also when the server
 * (or a proxy, or a custom fetch) echoes the key back.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { dehydrate, QueryClient } from "@tanstack/query-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  AuthorizationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../../src/core/errors";
import { createTransport } from "../../src/core/http";
import { armorKeys, armorQueries } from "../../src/query";
import { createSandbox } from "../../src/testing/sandbox";
import { recordingFetch as fetchOf } from "../helpers/recording-fetch";

/** Not shaped like an AnomalyArmor key on purpose: only knowing the exact secret can redact it. */
const KEY = "sk-Zq81xPL0v2-secret-TOKEN-4471";
const API = "https://api.anomalyarmor.test/api/v1";

/** Every way a user might look at a value. */
function exposures(value: unknown): string {
  const e = value as Error & { toJSON?: () => unknown; cause?: unknown };
  const parts = [
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, customInspect: false }),
    JSON.stringify(value) ?? "",
    String(value),
  ];
  if (value instanceof Error) {
    parts.push(
      e.message,
      e.stack ?? "",
      JSON.stringify(e.toJSON?.() ?? {}),
      inspect(e.cause, { depth: Infinity, showHidden: true }),
    );
    for (let c: unknown = e.cause, i = 0; c instanceof Error && i < 8; c = (c as Error).cause, i++)
      parts.push(c.message, c.stack ?? "", String(c));
  }
  return parts.join("\n");
}

function make(fetch: typeof globalThis.fetch, extra: ClientOptions = {}) {
  return new Client({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0, logLevel: "off", ...extra });
}

async function failure(p: Promise<unknown>): Promise<ArmorError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(ArmorError.is(e), `expected an ArmorError, got ${inspect(e)}`).toBe(true);
  return e as ArmorError;
}

const echo = {
  error: {
    code: `E_${KEY}`,
    message: `bad key ${KEY}`,
    details: { authorization: `Bearer ${KEY}`, note: `you sent ${KEY}`, nested: [{ k: KEY }] },
  },
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the API key in errors", () => {
  it.each([
    [400, ValidationError],
    [401, AuthenticationError],
    [403, AuthorizationError],
    [404, NotFoundError],
    [409, ArmorError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
  ] as const)(
    "should keep a key the server echoes in a %i body out of every view of the error",
    async (status, Class) => {
      const r = fetchOf(() => Response.json(echo, { status, headers: { "x-request-id": `rid-${KEY}` } }));
      const e = await failure(make(r.fetch).assets.get("a"));
      expect(e).toBeInstanceOf(Class);
      expect(e.name).toBe(Class.name);
      const shown = exposures(e);
      expect(shown).not.toContain(KEY);
      expect(shown).toContain("[REDACTED]");
    },
  );

  it("should keep the key out of a network error and its cause chain", async () => {
    const inner = new Error(`socket closed while sending Authorization: Bearer ${KEY}`);
    const r = fetchOf(() => {
      throw new TypeError(`fetch failed (${KEY})`, { cause: inner });
    });
    const e = await failure(make(r.fetch).assets.get("a"));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(exposures(e)).not.toContain(KEY);
  });

  it("should keep the key out of a ResponseValidationError, whose issues quote received values", async () => {
    const r = fetchOf(() => Response.json({ data: { id: KEY, name: 7, qualified_name: KEY, asset_type: ["x"] } }));
    const e = await failure(make(r.fetch).assets.get("a"));
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(exposures(e)).not.toContain(KEY);
    expect(exposures((e as ResponseValidationError).issues)).not.toContain(KEY);
    const text = fetchOf(() => new Response(`<html>${KEY}</html>`, { status: 200 }));
    expect(exposures(await failure(make(text.fetch).assets.get("a")))).not.toContain(KEY);
  });

  it("should keep a function key out of errors as well (it is only known once resolved)", async () => {
    const r = fetchOf(() => Response.json(echo, { status: 422 }));
    const e = await failure(make(r.fetch, { apiKey: async () => KEY }).assets.get("a"));
    expect(exposures(e)).not.toContain(KEY);
    const down = fetchOf(() => {
      throw new TypeError(`connect ECONNREFUSED ${KEY}`);
    });
    expect(exposures(await failure(make(down.fetch, { apiKey: () => KEY }).assets.get("a")))).not.toContain(KEY);
  });

  it("should keep the key out of timeout, abort, redirect and key-function errors", async () => {
    const hang = fetchOf(
      (req) =>
        new Promise((_, reject) => req.signal.addEventListener("abort", () => reject(new Error(`aborted ${KEY}`)))),
    );
    expect(exposures(await failure(make(hang.fetch, { timeout: 20 }).assets.get("a")))).not.toContain(KEY);
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(new Error(`user left holding ${KEY}`)), 5);
    const aborted = await failure(make(hang.fetch).assets.get("a", { signal: ctrl.signal }));
    expect(aborted).toBeInstanceOf(AbortError);
    expect(exposures(aborted)).not.toContain(KEY);
    const moved = fetchOf(
      () => new Response(null, { status: 302, headers: { location: `https://evil.test/?k=${KEY}` } }),
    );
    expect(exposures(await failure(make(moved.fetch).assets.get("a")))).not.toContain(KEY);
    // A token source that worked once, then fails quoting the token it had handed out.
    const ok = fetchOf(() => Response.json({ data: { data: [] } }));
    let calls = 0;
    const client = make(ok.fetch, {
      apiKey: () => (++calls === 1 ? KEY : Promise.reject(new Error(`vault refresh failed for ${KEY}`))),
    });
    await client.assets.list();
    const keyFn = await failure(client.assets.list());
    expect(keyFn).toBeInstanceOf(AuthenticationError);
    expect((keyFn.cause as Error).message).toBe("vault refresh failed for [REDACTED]");
    expect(exposures(keyFn)).not.toContain(KEY);
    expect(ok.seen).toHaveLength(1);
  });

  it("should keep the key out of a TimeoutError when a deadline cuts a retry wait", async () => {
    const r = fetchOf(() => Response.json(echo, { status: 503, headers: { "retry-after": "30" } }));
    const e = await failure(make(r.fetch, { maxRetries: 2, deadline: 1_000 }).assets.get("a"));
    expect(e).toBeInstanceOf(ServerError);
    expect(exposures(e)).not.toContain(KEY);
  });
});

describe("the API key in the client", () => {
  it("should not show through JSON.stringify, util.inspect, spreading or the transport", () => {
    const client = make(fetchOf(() => Response.json({})).fetch);
    const derived = client.withOptions({ timeout: 5_000 });
    for (const value of [
      client,
      derived,
      client.transport,
      client.transport.config,
      client.assets,
      { ...client },
      Object.entries(client),
    ]) {
      expect(exposures(value)).not.toContain(KEY);
    }
    expect(JSON.parse(JSON.stringify(client))).toEqual({ apiUrl: API, timeout: 30_000, maxRetries: 0, closed: false });
    expect(client.transport.scope).not.toContain(KEY);
  });

  it("should not show through query keys or a persisted (dehydrated) query cache", async () => {
    const sandbox = createSandbox();
    const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch });
    const keys = armorKeys(client);
    const q = armorQueries(client);
    const qc = new QueryClient();
    await qc.fetchQuery(q.assets.list());
    await qc.fetchQuery(q.freshness.get("snowflake.prod.warehouse.orders"));
    await qc.fetchQuery(q.apiKeys.list()).catch(() => undefined);
    await qc.fetchQuery(q.assets.get("nope")).catch(() => undefined);
    const persisted = JSON.stringify(dehydrate(qc, { shouldDehydrateQuery: () => true }));
    expect(persisted.length).toBeGreaterThan(1_000);
    expect(persisted).not.toContain(sandbox.keys.admin);
    expect(JSON.stringify(keys)).not.toContain(sandbox.keys.admin);
    expect(inspect(keys, { depth: Infinity })).not.toContain(sandbox.keys.admin);
    // Two keys never share a cache scope, and the scope does not reveal either.
    const other = new Client({ apiKey: sandbox.keys.readOnly, apiUrl: sandbox.url, fetch: sandbox.fetch });
    expect(armorKeys(other).all).not.toEqual(keys.all);
    expect(JSON.stringify(armorKeys(other).all)).not.toContain(sandbox.keys.readOnly);
    qc.clear();
  });
});

describe("logging", () => {
  it("should redact the key from every debug line, also on errors, retries and echoes", async () => {
    const lines: string[] = [];
    const sink = (...args: unknown[]) =>
      lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity }))).join(" "));
    const logger = { debug: sink, info: sink, warn: sink, error: sink };
    let n = 0;
    const r = fetchOf(() =>
      ++n === 1
        ? Response.json(echo, { status: 503, headers: { "retry-after": "0" } })
        : Response.json(echo, { status: 404 }),
    );
    for (const apiKey of [KEY, () => KEY]) {
      n = 0;
      const client = make(r.fetch, { apiKey, logLevel: "debug", logger, maxRetries: 1, headers: { "x-team": "data" } });
      await client.assets.get("a", { query: { trace: "1" } }).catch(() => undefined);
    }
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.join("\n")).not.toContain(KEY);
    expect(lines.some((l) => l.includes("Bearer [REDACTED]"))).toBe(true);
    expect(lines.some((l) => /retry 1\/1/.test(l))).toBe(true);
  });
});

describe("key and URL checks at construction", () => {
  it.each([
    ["a line feed", "aa_live_abc\ndef"],
    ["a carriage return", "aa_live_abc\r\nX-Injected: 1"],
    ["a space", "aa_live_abc def"],
    ["a leading space", " aa_live_abcdef"],
    ["a tab", "aa_live_abc\tdef"],
    ["a NUL", "aa_live_abc\u0000def"],
    ["a non-ASCII letter", "aa_live_abcdéf"],
    ["an empty string", ""],
  ])("should refuse a key with %s (never trimmed) and send nothing", async (_what, apiKey) => {
    const r = fetchOf(() => Response.json({}));
    expect(() => new Client({ apiKey, apiUrl: API, fetch: r.fetch })).toThrow(AuthenticationError);
    const lazy = new Client({ apiKey: () => apiKey, apiUrl: API, fetch: r.fetch });
    expect(await failure(lazy.assets.list())).toBeInstanceOf(AuthenticationError);
    expect(r.seen).toHaveLength(0);
  });

  it("should refuse plain http except for loopback hosts or allowInsecureHttp", () => {
    const build =
      (apiUrl: string, extra: ClientOptions = {}) =>
      () =>
        new Client({ apiKey: KEY, apiUrl, ...extra });
    for (const url of [
      "http://localhost:4010/api/v1",
      "http://api.localhost/api/v1",
      "http://127.0.0.1/api/v1",
      "http://127.8.9.10:1/api/v1",
      "http://[::1]:4010/api/v1",
      "https://example.com/api/v1",
    ]) {
      expect(build(url), url).not.toThrow();
    }
    for (const url of [
      "http://example.com/api/v1",
      "http://localhost.evil.test/api/v1",
      "http://127.0.0.1.nip.io/api/v1",
      "http://0.0.0.0/api/v1",
      "http://[::ffff:127.0.0.1]/api/v1",
      "http://10.0.0.1/api/v1",
    ]) {
      expect(build(url), url).toThrow(ValidationError);
    }
    expect(build("http://example.com/api/v1", { allowInsecureHttp: true })).not.toThrow();
    expect(build("ftp://example.com/api/v1", { allowInsecureHttp: true })).toThrow(ValidationError);
    expect(build(`https://user:${KEY}@example.com/api/v1`)).toThrow(ValidationError);
    try {
      build(`https://user:${KEY}@example.com/api/v1`)();
    } catch (e) {
      expect(exposures(e)).not.toContain(KEY);
    }
  });

  it("should refuse extra headers that could inject lines, at construction and per call, sending nothing", async () => {
    const r = fetchOf(() => Response.json({ data: {} }));
    expect(() => make(r.fetch, { headers: { "x-a": "1\r\nAuthorization: Bearer stolen" } })).toThrow(ValidationError);
    expect(() => make(r.fetch, { headers: { "bad header": "1" } })).toThrow(ValidationError);
    const client = make(r.fetch);
    expect(await failure(client.assets.list({}, { headers: { "x-a": "1\nx" } }))).toBeInstanceOf(ValidationError);
    expect(r.seen).toHaveLength(0);
  });

  it("should send its own Authorization whatever case a user header has", async () => {
    const r = fetchOf(() => Response.json({ data: { data: [] } }));
    await make(r.fetch, { headers: { AUTHORIZATION: "Bearer other" } }).assets.list(
      {},
      { headers: { Authorization: "Bearer third" } },
    );
    expect(r.seen[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });
});

describe("the browser guard", () => {
  it("should refuse a secret key where window and document exist, unless dangerouslyAllowBrowser", async () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    const r = fetchOf(() => Response.json({ data: { data: [] } }));
    let refused: unknown;
    try {
      new Client({ apiKey: KEY, apiUrl: API, fetch: r.fetch });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(exposures(refused)).not.toContain(KEY);
    await new Client({ apiKey: KEY, apiUrl: API, fetch: r.fetch, dangerouslyAllowBrowser: true }).assets.list();
    // A function key (a short-lived token) is the browser's way in; no User-Agent there (CORS).
    await new Client({ apiKey: () => KEY, apiUrl: API, fetch: r.fetch }).assets.list();
    expect(r.seen).toHaveLength(2);
    for (const req of r.seen) expect(req.headers.get("user-agent")).toBeNull();
    expect(() => createTransport({ apiKey: KEY, apiUrl: API })).toThrow(AuthenticationError);
  });

  it("should not treat a runtime with only one of window or document as a browser", () => {
    vi.stubGlobal("window", {});
    expect(() => new Client({ apiKey: KEY, apiUrl: API })).not.toThrow();
  });
});

describe("redirects", () => {
  let target: Server;
  let origin: Server;
  const reached: IncomingMessage[] = [];
  let targetUrl = "";
  let originUrl = "";
  let status = 302;

  beforeAll(async () => {
    target = createServer((req, res) => {
      reached.push(req);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { data: [] } }));
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    targetUrl = `http://localhost:${(target.address() as AddressInfo).port}`;
    origin = createServer((req, res) => {
      res.writeHead(status, { location: `${targetUrl}${req.url}` }).end();
    });
    await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    origin.closeAllConnections();
    target.closeAllConnections();
    await Promise.all([new Promise((r) => origin.close(r)), new Promise((r) => target.close(r))]);
  });

  it.each([302, 307, 308, 301])(
    "should never follow a %i to another origin, so the key never reaches it",
    async (code) => {
      status = code;
      const client = new Client({ apiKey: KEY, apiUrl: originUrl, maxRetries: 2 });
      const e = await failure(client.assets.list());
      expect(e.constructor).toBe(ArmorError);
      expect(e.status).toBe(code);
      expect(e.retryable).toBe(false);
      expect(reached).toHaveLength(0);
      expect(exposures(e)).not.toContain(KEY);
    },
  );
});

describe("JobFailedError", () => {
  it("should keep a key the server echoes in the job's error out of the message", async () => {
    const { JobFailedError } = await import("../../src/core/errors");
    const key = "aa_live_0123456789abcdefghijklmnopqrstuvwx";
    const e = new JobFailedError({ job_id: "j1", status: "failed", error: `auth with ${key} refused` });
    expect(e.message).not.toContain(key);
    expect(String(e)).not.toContain(key);
    expect(JSON.stringify(e)).not.toContain(key);
    expect(e.message).toContain("j1 ended failed");
  });
});
