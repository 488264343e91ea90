/**
 * The transport's rules pinned value by value (src/core/http.ts): the headers and URL each attempt
 * carries, the exact error (class, message, status, issues) of every way a call ends, when a failure is
 * final and when it is retried, what a fetch function must return to count as a response, the body cap,
 * and how a page is read out of its envelope. Written against the mutants that survived the transport's
 * other tests (issue 19); the remote API is a fetch stand-in that records every request.
 */
import * as v from "valibot";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ArmorError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../../src/core/errors";
import { createTransport, type RequestSpec } from "../../src/core/http";
import type { ClientOptions } from "../../src/core/config";
import { recordingFetch as remote } from "../helpers/recording-fetch";

const KEY = "aa_live_policy0123456789abcdefgh";
const API = "https://api.anomalyarmor.test/api/v1";
const THING = v.object({ id: v.string() });

type Handler = (req: Request, n: number) => Response | Promise<Response>;

/** A fetch returning whatever `make` builds, as a custom fetch may. */
function returning(make: () => unknown) {
  let calls = 0;
  const fetch = (async () => {
    calls++;
    return make();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

const hang: Handler = (req) =>
  new Promise<Response>((_resolve, reject) => {
    req.signal.addEventListener("abort", () => reject(req.signal.reason));
  });

function transport(fetch: typeof globalThis.fetch, extra: ClientOptions = {}) {
  return createTransport({ apiKey: KEY, apiUrl: API, fetch, maxRetries: 0, ...extra });
}

/** A logger that drops every line; tests replace the levels they read. */
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const GET: RequestSpec = { method: "GET", path: "/things/1", schema: THING };
const LIST: RequestSpec = { method: "GET", path: "/things", schema: THING, list: "items" };

async function failure(p: Promise<unknown>): Promise<ArmorError> {
  const out = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in out)) throw new Error(`expected a rejection, got ${JSON.stringify(out.value)}`);
  expect(ArmorError.is(out.error)).toBe(true);
  return out.error as ArmorError;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("what each attempt sends", () => {
  it("should send exactly accept, user-agent and the key, with the client's headers lower-cased", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    await transport(r.fetch, { headers: { "X-Team": "data" } }).request(GET);
    expect([...r.seen[0]!.headers]).toEqual([
      ["accept", "application/json"],
      ["authorization", `Bearer ${KEY}`],
      ["user-agent", "anomalyarmor-ts/0.1.0"],
      ["x-team", "data"],
    ]);
    expect(r.seen[0]!.method).toBe("GET");
    expect(r.seen[0]!.url).toBe(`${API}/things/1`);
  });

  it("should let a call's header replace the client's whatever its case, for that call only", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const t = transport(r.fetch, { headers: { "X-Team": "data", "X-Env": "prod" } });
    await t.request(GET, { headers: { "x-TEAM": "ops", Accept: "text/plain" } });
    await t.request(GET);
    expect(r.seen[0]!.headers.get("user-agent")).toBe("anomalyarmor-ts/0.1.0");
    expect(r.seen[0]!.headers.get("x-env")).toBe("prod");
    expect(r.seen[0]!.headers.get("x-team")).toBe("ops");
    expect(r.seen[0]!.headers.get("accept")).toBe("text/plain");
    expect(r.seen[1]!.headers.get("x-team")).toBe("data");
    expect(r.seen[1]!.headers.get("accept")).toBe("application/json");
  });

  it("should send no user-agent from a browser", async () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    const r = remote(() => Response.json({ data: { id: "1" } }));
    await transport(r.fetch, { dangerouslyAllowBrowser: true }).request(GET);
    expect(r.seen[0]!.headers.get("user-agent")).toBeNull();
    expect(r.seen[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("should add the call's query fields after the resource's, and no '?' without any", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const t = transport(r.fetch);
    await t.request({ ...GET, query: { a: 1, b: "x" } }, { query: { b: "y", c: true } });
    await t.request(GET, { query: { only: "call" } });
    await t.request({ ...GET, query: {} });
    expect(r.seen.map((q) => q.url)).toEqual([
      `${API}/things/1?a=1&b=y&c=true`,
      `${API}/things/1?only=call`,
      `${API}/things/1`,
    ]);
  });

  it("should merge the call's body fields over the resource's, as JSON", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const t = transport(r.fetch);
    await t.request({ method: "POST", path: "/things", body: { a: 1, b: 2 }, schema: THING }, { body: { b: 3 } });
    await t.request({ method: "POST", path: "/things", schema: THING }, { body: { only: "call" } });
    await t.request({ method: "PATCH", path: "/things/1", body: { a: 1 }, schema: THING });
    expect(await Promise.all(r.seen.map((q) => q.text()))).toEqual(['{"a":1,"b":3}', '{"only":"call"}', '{"a":1}']);
    expect(r.seen.map((q) => q.method)).toEqual(["POST", "POST", "PATCH"]);
    expect(r.seen[0]!.headers.get("content-type")).toBe("application/json");
  });

  it("should refuse a body on a GET before sending", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const e = await failure(transport(r.fetch).request(GET, { body: { a: 1 } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("A GET request has no body: pass extras as query");
    expect((e as ValidationError).issues).toEqual([
      { path: "body", message: "A GET request has no body: pass extras as query" },
    ]);
    expect(r.seen).toHaveLength(0);
  });

  it("should refuse options that cannot be read, naming why, before sending", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const options = Object.defineProperty({}, "timeout", {
      enumerable: true,
      get() {
        throw new Error("getter exploded");
      },
    });
    const e = await failure(transport(r.fetch).request(GET, options));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("options could not be read: getter exploded");
    expect((e as ValidationError).issues).toEqual([{ path: "options", message: e.message }]);
    expect(r.seen).toHaveLength(0);
  });
});

describe("the fetch it uses", () => {
  it("should look up the global fetch per call when none is given", async () => {
    const t = createTransport({ apiKey: KEY, apiUrl: API, maxRetries: 0 });
    const r = remote(() => Response.json({ data: { id: "global" } }));
    vi.stubGlobal("fetch", r.fetch);
    await expect(t.request(GET)).resolves.toEqual({ id: "global" });
    expect(r.seen).toHaveLength(1);
  });
});

describe("a resource's own body", () => {
  it("should be copied as JSON data too, refusing what JSON would reshape, before sending", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const e = await failure(transport(r.fetch).request({ method: "POST", path: "/things", body: { n: NaN } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(r.seen).toHaveLength(0);
  });
});

describe("per-call hooks", () => {
  it("should run a call's hooks when it gives all four and the client none", async () => {
    const seen: string[] = [];
    const hook = (name: string) => () => void seen.push(name);
    const r = remote(() => Response.json({ data: { id: "1" } }));
    await transport(r.fetch).request(GET, {
      onRequest: hook("onRequest"),
      onResponse: hook("onResponse"),
      onRequestError: hook("onRequestError"),
      onResponseError: hook("onResponseError"),
    });
    expect(seen).toEqual(["onRequest", "onResponse"]);
  });
});

describe("how a call ends", () => {
  it("should end a timed-out attempt with the timeout in the message, retried for a GET, final for a POST", async () => {
    const get = remote(hang);
    const e = await failure(transport(get.fetch, { timeout: 30, maxRetries: 1 }).request(GET));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe("Request timed out after 30 ms");
    expect(e.retryable).toBe(true);
    expect(get.seen).toHaveLength(2);

    const post = remote(hang);
    const p = await failure(
      transport(post.fetch, { timeout: 30, maxRetries: 1 }).request({ method: "POST", path: "/x", schema: THING }),
    );
    expect(p).toBeInstanceOf(TimeoutError);
    expect(p.retryable).toBe(false);
    expect(post.seen).toHaveLength(1);
  });

  it("should end on the deadline when it comes before the attempt's timeout, not retried", async () => {
    const r = remote(hang);
    const e = await failure(transport(r.fetch, { timeout: 5_000, maxRetries: 3 }).request(GET, { deadline: 40 }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe("Deadline of 40 ms exceeded");
    expect(r.seen).toHaveLength(1);
  });

  it("should end an aborted call with the caller's reason as cause, and a closed one with none", async () => {
    const r = remote(hang);
    const t = transport(r.fetch);
    const controller = new AbortController();
    const aborted = failure(t.request(GET, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("left the page"));
    const a = await aborted;
    expect(a).toBeInstanceOf(AbortError);
    expect(a.message).toBe("The request was aborted");
    expect((a.cause as Error).message).toBe("left the page");

    const closed = failure(t.request(GET));
    await new Promise((resolve) => setTimeout(resolve, 5));
    t.close();
    const c = await closed;
    expect(c).toBeInstanceOf(AbortError);
    expect(c.message).toBe("The client was closed");
    expect(c.cause).toBeUndefined();
    const later = await failure(t.request(GET));
    expect(later.message).toBe("The client was closed");
    expect(r.seen).toHaveLength(2);
  });

  it("should refuse an already-aborted signal with its reason, sending nothing", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const e = await failure(transport(r.fetch).request(GET, { signal: AbortSignal.abort(new Error("gone")) }));
    expect(e.message).toBe("The request was aborted");
    expect((e.cause as Error).message).toBe("gone");
    expect(r.seen).toHaveLength(0);
  });

  it("should end a dropped connection with its message, retried for a GET, final for a POST", async () => {
    const get = remote(() => {
      throw new TypeError("socket hang up");
    });
    const e = await failure(transport(get.fetch, { maxRetries: 1 }).request(GET));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.message).toBe("Network error: socket hang up");
    expect(e.retryable).toBe(true);
    expect((e.cause as Error).message).toBe("socket hang up");
    expect(get.seen).toHaveLength(2);

    const post = remote(() => {
      throw new TypeError("socket hang up");
    });
    const p = await failure(transport(post.fetch, { maxRetries: 1 }).request({ method: "POST", path: "/x" }));
    expect(p.retryable).toBe(false);
    expect(post.seen).toHaveLength(1);
  });

  it("should say which redirect it did not follow, and an opaque one without a status", async () => {
    const r = remote(() => new Response(null, { status: 307, headers: { location: "https://elsewhere.test/" } }));
    const e = await failure(transport(r.fetch).request(GET));
    expect(e.constructor).toBe(ArmorError);
    expect(e.message).toBe("GET /things/1: redirect (HTTP 307) not followed");
    expect(e.status).toBe(307);

    const opaque = returning(() => Object.assign(Response.error(), {}));
    const o = await failure(transport(opaque.fetch).request(GET));
    expect(o.message).toBe("GET /things/1: redirect (HTTP opaque) not followed");
    expect(o.status).toBeUndefined();
  });

  it.each([
    [300, 1, "GET /things/1: redirect (HTTP 300) not followed"],
    [399, 1, "GET /things/1: redirect (HTTP 399) not followed"],
    [400, 1, "Request failed with HTTP 400"],
    [500, 3, "Request failed with HTTP 500"],
    [599, 1, "Request failed with HTTP 599"],
  ])("should send a GET answered %i %i time(s) with maxRetries 2", async (status, attempts, message) => {
    vi.useFakeTimers();
    const r = remote(() => new Response("", { status }));
    const p = failure(transport(r.fetch, { maxRetries: 2 }).request(GET));
    await vi.runAllTimersAsync();
    const e = await p;
    expect(e.status).toBe(status);
    expect(e.message).toBe(message);
    expect(r.seen).toHaveLength(attempts);
  });

  it("should keep an opaque redirect's meaning when its body is past the cap", async () => {
    const f = returning(() => ({
      status: 0,
      headers: new Headers(),
      body: null,
      text: () => Promise.resolve("x".repeat(50)),
    }));
    const e = await failure(transport(f.fetch, { maxResponseBytes: 10 }).request(GET));
    expect(e.message).toBe("GET /things/1: redirect (HTTP opaque) not followed");
  });

  it("should return undefined for a 2xx where the endpoint reads no body, whatever the body", async () => {
    for (const status of [200, 204, 299]) {
      const r = remote(() => new Response(status === 204 ? null : "not json", { status }));
      await expect(transport(r.fetch).request({ method: "DELETE", path: "/things/1" })).resolves.toBeUndefined();
    }
  });
});

describe("a DELETE whose retry answers 404", () => {
  const gone = (first: () => Response) =>
    remote((_req, n) => (n === 1 ? first() : new Response('{"error":"not found"}', { status: 404 })));
  const del: RequestSpec = { method: "DELETE", path: "/things/1" };

  it.each([500, 502, 504])("should take it as deleted after a %i (the first attempt may have acted)", async (s) => {
    vi.useFakeTimers();
    const logged: string[] = [];
    const r = gone(() => new Response("", { status: s }));
    const p = transport(r.fetch, {
      maxRetries: 1,
      logLevel: "info",
      logger: { ...quiet, info: (m: string) => logged.push(m) },
    }).request(del);
    await vi.runAllTimersAsync();
    await expect(p).resolves.toBeUndefined();
    expect(r.seen).toHaveLength(2);
    expect(logged.at(-1)).toBe(`[anomalyarmor] DELETE ${API}/things/1: 404 on a retry, taken as deleted`);
  });

  it("should report a second failure that is not a 404 after a first that may have acted", async () => {
    vi.useFakeTimers();
    const r = remote((_req, n) => new Response("", { status: n === 1 ? 502 : 500 }));
    const p = failure(transport(r.fetch, { maxRetries: 1 }).request(del));
    await vi.runAllTimersAsync();
    const e = await p;
    expect(e).toBeInstanceOf(ServerError);
    expect(e.status).toBe(500);
  });

  it("should report the 404 after a 429 (the server refused to act)", async () => {
    vi.useFakeTimers();
    const r = gone(() => new Response("", { status: 429, headers: { "retry-after": "1" } }));
    const p = failure(transport(r.fetch, { maxRetries: 1 }).request(del));
    await vi.runAllTimersAsync();
    expect(await p).toBeInstanceOf(NotFoundError);
    expect(r.seen).toHaveLength(2);
  });

  it("should report the 404 after an attempt that timed out before it was handed to fetch", async () => {
    vi.useFakeTimers();
    // Like a real fetch, the stand-in refuses a request whose signal is already aborted.
    let answered = 0;
    const r = remote((req) => {
      if (req.signal.aborted) throw req.signal.reason;
      answered++;
      return new Response("", { status: 404 });
    });
    // The first attempt's onRequest outlasts the timeout: that request never left.
    const slow = (ctx: { attempt: number }) =>
      ctx.attempt === 1 ? new Promise<void>((resolve) => setTimeout(resolve, 500)) : undefined;
    const p = failure(transport(r.fetch, { maxRetries: 1, timeout: 100, onRequest: slow }).request(del));
    await vi.runAllTimersAsync();
    expect(await p).toBeInstanceOf(NotFoundError);
    expect(answered).toBe(1);
  });

  it("should take it as deleted after a dropped connection", async () => {
    vi.useFakeTimers();
    const r = remote((_req, n) => {
      if (n === 1) throw new TypeError("reset");
      return new Response("", { status: 404 });
    });
    const p = transport(r.fetch, { maxRetries: 1 }).request(del);
    await vi.runAllTimersAsync();
    await expect(p).resolves.toBeUndefined();
  });

  it("should report the 404 after a 503 (the server did nothing), on a first attempt, and where success has a body", async () => {
    vi.useFakeTimers();
    const after503 = gone(() => new Response("", { status: 503 }));
    const p1 = failure(transport(after503.fetch, { maxRetries: 1 }).request(del));
    await vi.runAllTimersAsync();
    expect(await p1).toBeInstanceOf(NotFoundError);
    expect(after503.seen).toHaveLength(2);

    const first = remote(() => new Response("", { status: 404 }));
    expect(await failure(transport(first.fetch, { maxRetries: 1 }).request(del))).toBeInstanceOf(NotFoundError);

    const withBody = gone(() => new Response("", { status: 500 }));
    const p3 = failure(transport(withBody.fetch, { maxRetries: 1 }).request({ ...del, schema: THING }));
    await vi.runAllTimersAsync();
    expect(await p3).toBeInstanceOf(NotFoundError);

    const notDelete = gone(() => new Response("", { status: 500 }));
    const p4 = failure(transport(notDelete.fetch, { maxRetries: 1 }).request({ method: "PUT", path: "/things/1" }));
    await vi.runAllTimersAsync();
    expect(await p4).toBeInstanceOf(NotFoundError);
  });
});

describe("logging", () => {
  it("should log each attempt and response at debug, the key redacted, and each retry at info", async () => {
    vi.useFakeTimers();
    const lines: [string, string][] = [];
    const logger = {
      ...quiet,
      debug: (m: string) => lines.push(["debug", m]),
      info: (m: string) => lines.push(["info", m]),
    };
    const r = remote((_req, n) => (n === 1 ? new Response("", { status: 503 }) : Response.json({ data: { id: "1" } })));
    const p = transport(r.fetch, { maxRetries: 2, logLevel: "debug", logger }).request(GET);
    await vi.runAllTimersAsync();
    await p;
    // The clock stands still but for the backoff: the first answer comes 0 ms after the start, the
    // second as many ms after it as the wait the retry line announced.
    const wait = /retry 1\/2 in (\d+) ms$/.exec(lines[2]![1])![1]!;
    expect(Number(wait)).toBeGreaterThanOrEqual(375);
    expect(Number(wait)).toBeLessThanOrEqual(500);
    const sent = `{"accept":"application/json","user-agent":"anomalyarmor-ts/0.1.0","authorization":"Bearer [REDACTED]"}`;
    expect(lines).toEqual([
      ["debug", `[anomalyarmor] GET ${API}/things/1 (attempt 1) ${sent}`],
      ["debug", `[anomalyarmor] GET ${API}/things/1 → 503 in 0 ms`],
      ["info", `[anomalyarmor] GET ${API}/things/1 failed (ServerError); retry 1/2 in ${wait} ms`],
      ["debug", `[anomalyarmor] GET ${API}/things/1 (attempt 2) ${sent}`],
      ["debug", `[anomalyarmor] GET ${API}/things/1 → 200 in ${wait} ms`],
    ]);
  });

  it("should finish the call when the logger itself throws", async () => {
    vi.useFakeTimers();
    const logger = {
      ...quiet,
      info: () => {
        throw new Error("log sink is full");
      },
    };
    const r = remote((_req, n) => (n === 1 ? new Response("", { status: 503 }) : Response.json({ data: { id: "1" } })));
    const p = transport(r.fetch, { maxRetries: 1, logLevel: "info", logger }).request(GET);
    await vi.runAllTimersAsync();
    await expect(p).resolves.toEqual({ id: "1" });
    expect(r.seen).toHaveLength(2);
  });

  it("should build no debug line below debug", async () => {
    const lines: string[] = [];
    const sink = (m: string) => lines.push(m);
    const r = remote(() => Response.json({ data: { id: "1" } }));
    await transport(r.fetch, { logLevel: "info", logger: { ...quiet, debug: sink, info: sink } }).request(GET);
    expect(lines).toEqual([]);
  });
});

describe("a deadline equal to the timeout", () => {
  // With the clock frozen both bounds fall at the same instant: the attempt's own timeout is the one named.
  it("should end a hanging attempt as timed out, not as past the deadline", async () => {
    vi.useFakeTimers();
    const r = remote(hang);
    const p = failure(transport(r.fetch, { timeout: 100, maxRetries: 2 }).request(GET, { deadline: 100 }));
    await vi.runAllTimersAsync();
    const e = await p;
    expect(e.message).toBe("Request timed out after 100 ms");
    expect(r.seen).toHaveLength(1);
  });

  it("should end a hanging key function as timed out, not as past the deadline", async () => {
    vi.useFakeTimers();
    const r = remote(hang);
    const t = transport(r.fetch, { apiKey: () => new Promise<string>(() => undefined), timeout: 100 });
    const p = failure(t.request(GET, { deadline: 100 }));
    await vi.runAllTimersAsync();
    expect((await p).message).toBe("The apiKey function did not return a key within 100 ms");
  });
});

describe("a key function", () => {
  it("should be bounded by the attempt timeout, with its own message", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const t = transport(r.fetch, { apiKey: () => new Promise<string>(() => undefined), timeout: 30 });
    const e = await failure(t.request(GET));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe("The apiKey function did not return a key within 30 ms");
    expect(r.seen).toHaveLength(0);
  });

  it("should be bounded by the deadline when it comes first", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const t = transport(r.fetch, { apiKey: () => new Promise<string>(() => undefined), timeout: 5_000 });
    const e = await failure(t.request(GET, { deadline: 30 }));
    expect(e.message).toBe("Deadline of 30 ms exceeded");
  });

  it("should not be called for a call already aborted or a closed client", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    let calls = 0;
    const t = transport(r.fetch, { apiKey: () => `aa_live_call${++calls}` });
    expect((await failure(t.request(GET, { signal: AbortSignal.abort() }))).message).toBe("The request was aborted");
    t.close();
    expect((await failure(t.request(GET))).message).toBe("The client was closed");
    expect(calls).toBe(0);
    expect(r.seen).toHaveLength(0);
  });

  it("should pass on a typed failure as it is, and wrap any other", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const own = new AbortError("vault asked to stop");
    const typed = await failure(
      transport(r.fetch, {
        apiKey: () => {
          throw own;
        },
      }).request(GET),
    );
    expect(typed).toBe(own);
    const other = await failure(
      transport(r.fetch, { apiKey: () => Promise.reject(new Error("vault down")) }).request(GET),
    );
    expect(other).toBeInstanceOf(AuthenticationError);
    expect(other.message).toBe("The apiKey function failed");
    expect((other.cause as Error).message).toBe("vault down");
    expect(r.seen).toHaveLength(0);
  });

  it("should send the key it returned, and not need it again for the body of a later call", async () => {
    const r = remote(() => Response.json({ data: { id: "1" } }));
    await expect(transport(r.fetch, { apiKey: async () => "aa_live_fromfn" }).request(GET)).resolves.toEqual({
      id: "1",
    });
    expect(r.seen[0]!.headers.get("authorization")).toBe("Bearer aa_live_fromfn");
  });
});

describe("timers", () => {
  it("should arm a timer for a timeout of 2^31-1 ms, the longest setTimeout honours, and none past it", async () => {
    vi.useFakeTimers();
    for (const [timeout, timers] of [
      [2_147_483_647, 1],
      [2_147_483_648, 0],
    ] as const) {
      const r = remote(hang);
      const t = transport(r.fetch, { timeout });
      const p = failure(t.request(GET));
      await vi.advanceTimersByTimeAsync(1);
      expect(r.seen).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(timers);
      t.close();
      expect((await p).message).toBe("The client was closed");
      expect(vi.getTimerCount()).toBe(0);
    }
  });
});

describe("what a fetch function must return", () => {
  const notResponse = "The fetch function did not return a Response";
  const body = (text: string) => ({
    status: 200,
    headers: new Headers(),
    body: null,
    text: () => Promise.resolve(text),
  });

  it.each([
    ["status 199", { ...body("{}"), status: 199 }],
    ["status 600", { ...body("{}"), status: 600 }],
    ["status 200.5", { ...body("{}"), status: 200.5 }],
    ["a string status", { ...body("{}"), status: "200" }],
    ["headers without get", { ...body("{}"), headers: {} }],
    ["no text()", { ...body("{}"), text: undefined }],
    ["a body that is not a stream", { ...body("{}"), body: "{}" }],
    ["text() giving a number", { ...body("{}"), text: () => Promise.resolve(42) }],
    ["text() giving an object with a length", { ...body("{}"), text: () => Promise.resolve({ length: 1e12 }) }],
    [
      "a getter that throws",
      Object.defineProperty({}, "status", {
        get: () => {
          throw new Error("no");
        },
      }),
    ],
    ["null", null],
  ])("should refuse %s with a final ConnectionError", async (_what, value) => {
    const f = returning(() => value);
    const e = await failure(transport(f.fetch, { maxRetries: 2 }).request(GET));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.message).toBe(notResponse);
    expect(f.calls()).toBe(1);
  });

  it.each([200, 299])(
    "should accept a response-like object of status %i with no stream (its text() read under the cap)",
    async (status) => {
      let read = 0;
      const f = returning(() => ({ ...body("{}"), status, text: () => Promise.resolve(`${++read}`) }));
      await expect(transport(f.fetch).request({ method: "DELETE", path: "/things/1" })).resolves.toBeUndefined();
      expect(read).toBe(1);
    },
  );

  it("should parse the text of a response-like object with no stream, a body of null or none at all (fetch polyfills)", async () => {
    const text = '{"data":{"id":"by-hand"}}';
    const { body: _, ...polyfill } = body(text);
    for (const value of [body(text), polyfill]) {
      const f = returning(() => value);
      // Before, the text was read and then dropped (ofetch parses only a response with a body), or the
      // object was refused for lacking a body.
      await expect(transport(f.fetch).request(GET)).resolves.toEqual({ id: "by-hand" });
    }
  });

  it("should read an error status 599 as a response, and a frozen Response through a copy", async () => {
    const e = await failure(transport(returning(() => ({ ...body(""), status: 599 })).fetch).request(GET));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.status).toBe(599);
    const frozen = returning(() => Object.freeze(Response.json({ data: { id: "cold" } })));
    await expect(transport(frozen.fetch).request(GET)).resolves.toEqual({ id: "cold" });
  });
});

describe("the body cap", () => {
  it("should refuse a 2xx body one byte past the cap, and read one exactly at it", async () => {
    const text = '{"data":{"id":"x"}}';
    expect(text).toHaveLength(19);
    const stream = returning(() => new Response(text));
    await expect(transport(stream.fetch, { maxResponseBytes: 19 }).request(GET)).resolves.toEqual({ id: "x" });
    const byHand = returning(() => ({
      status: 200,
      headers: new Headers(),
      body: null,
      text: () => Promise.resolve(text),
    }));
    const del: RequestSpec = { method: "DELETE", path: "/things/1" };
    await expect(transport(byHand.fetch, { maxResponseBytes: 19 }).request(del)).resolves.toBeUndefined();
    for (const [f, spec] of [
      [stream, GET],
      [byHand, del],
    ] as const) {
      const e = await failure(transport(f.fetch, { maxResponseBytes: 18, maxRetries: 2 }).request(spec));
      expect(e).toBeInstanceOf(ResponseValidationError);
      expect(e.message).toBe("The response body is larger than maxResponseBytes (18)");
      expect(e.code).toBe("RESPONSE_TOO_LARGE");
      expect(e.status).toBe(200);
      expect((e as ResponseValidationError).issues).toEqual([{ path: "", message: "longer than 18 bytes" }]);
      expect((e as ResponseValidationError).body).toBeUndefined();
      expect(f.calls()).toBe(2);
    }
  });

  it("should refuse a 299 past the cap as a success too large, and keep a 300's meaning", async () => {
    const big = (status: number) =>
      returning(() => ({ status, headers: new Headers(), body: null, text: () => Promise.resolve("z".repeat(50)) }));
    const del: RequestSpec = { method: "DELETE", path: "/things/1" };
    expect((await failure(transport(big(299).fetch, { maxResponseBytes: 10 }).request(del))).code).toBe(
      "RESPONSE_TOO_LARGE",
    );
    const redirect = await failure(transport(big(300).fetch, { maxResponseBytes: 10 }).request(del));
    expect(redirect.message).toBe("DELETE /things/1: redirect (HTTP 300) not followed");
    expect((await failure(transport(big(199 + 1).fetch, { maxResponseBytes: 10 }).request(del))).code).toBe(
      "RESPONSE_TOO_LARGE",
    );
  });

  it("should keep an error status past the cap, without its body", async () => {
    const r = remote(() => new Response(`{"error":{"message":"${"x".repeat(100)}"}}`, { status: 404 }));
    const e = await failure(transport(r.fetch, { maxResponseBytes: 10 }).request(GET));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).toBe("Request failed with HTTP 404");
    const long = returning(() => ({
      status: 500,
      headers: new Headers(),
      body: null,
      text: () => Promise.resolve("y".repeat(50)),
    }));
    const s = await failure(transport(long.fetch, { maxResponseBytes: 10 }).request(GET));
    expect(s).toBeInstanceOf(ServerError);
    expect(s.message).toBe("Request failed with HTTP 500");
  });

  it("should let a call's cap override the client's", async () => {
    const r = remote(() => Response.json({ data: { id: "x" } }));
    const t = transport(r.fetch, { maxResponseBytes: 5 });
    await expect(t.request(GET, { maxResponseBytes: 1_000 })).resolves.toEqual({ id: "x" });
    expect((await failure(t.request(GET))).code).toBe("RESPONSE_TOO_LARGE");
  });
});

describe("reading a response", () => {
  it("should refuse a 2xx body that is not JSON, quoting it clipped and redacted", async () => {
    const r = remote(() => new Response(`<html>${KEY}</html>`, { status: 201 }));
    const e = (await failure(transport(r.fetch).request(GET))) as ResponseValidationError;
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(e.message).toBe("GET /things/1: the response body is not JSON");
    expect(e.status).toBe(201);
    expect(e.issues).toEqual([{ path: "", message: "invalid JSON" }]);
    expect(e.body).toBe("<html>[REDACTED]</html>");
  });

  it.each([
    ["[1]", "expected the envelope to be an object, got Array"],
    ['"text"', "expected the envelope to be an object, got String"],
    ["null", "expected the envelope to be an object, got Null"],
  ])("should refuse the envelope %s", async (text, problem) => {
    const r = remote(() => new Response(text, { status: 200 }));
    const e = (await failure(transport(r.fetch).request(GET))) as ResponseValidationError;
    expect(e.message).toBe(`GET /things/1: ${problem}`);
    expect(e.issues).toEqual([{ path: "", message: "expected an object" }]);
    expect(e.status).toBeUndefined();
  });

  it.each([
    ["[]", "Array"],
    ["null", "Null"],
    ["7", "Number"],
    ['"s"', "String"],
  ])("should refuse data %s where the model is an object", async (data, got) => {
    const r = remote(() => new Response(`{"data":${data}}`, { status: 200 }));
    for (const validate of ["always", "off"] as const) {
      const e = (await failure(transport(r.fetch, { validate }).request(GET))) as ResponseValidationError;
      expect(e.message).toBe(`GET /things/1: expected data to be an object, got ${got}`);
      expect(e.issues).toEqual([{ path: "data", message: "expected an object" }]);
      expect(e.body).toEqual(JSON.parse(data));
    }
  });

  it("should read a missing data and an empty body as an empty object", async () => {
    const optional = v.object({ id: v.optional(v.string(), "none") });
    for (const text of ["{}", ""]) {
      const r = remote(() => new Response(text, { status: 200 }));
      await expect(transport(r.fetch).request({ ...GET, schema: optional })).resolves.toEqual({ id: "none" });
    }
  });

  it("should accept any value for a model that is not an object", async () => {
    const r = remote(() => Response.json({ data: [1, 2] }));
    await expect(transport(r.fetch).request({ ...GET, schema: v.array(v.number()) })).resolves.toEqual([1, 2]);
  });

  it("should check a piped object model as an object", async () => {
    const piped = v.pipe(
      v.object({ id: v.string() }),
      v.transform((x) => x),
    );
    const r = remote(() => Response.json({ data: [] }));
    const e = await failure(transport(r.fetch).request({ ...GET, schema: piped }));
    expect(e.message).toBe("GET /things/1: expected data to be an object, got Array");
  });

  it("should name at most three problems in the message and keep every one in the issues, redacted", async () => {
    const model = v.object({ a: v.string(), b: v.string(), c: v.string(), d: v.number() });
    const r = remote(() => Response.json({ data: { a: 1, b: 2, c: 3, d: KEY, e: KEY } }));
    const e = (await failure(transport(r.fetch).request({ ...GET, schema: model }))) as ResponseValidationError;
    expect(e.issues?.map((i) => i.path)).toEqual(["data.a", "data.b", "data.c", "data.d"]);
    expect(e.issues![3]!.message).toBe('Invalid type: Expected number but received "[REDACTED]"');
    expect(e.message).toBe(
      `GET /things/1: the response does not match the model (${e
        .issues!.slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ")})`,
    );
    expect(e.message).toMatch(
      /^GET \/things\/1: the response does not match the model \(data\.a: [^;]+; data\.b: [^;]+; data\.c: [^;]+\)$/,
    );
    expect(JSON.stringify(e.body)).not.toContain(KEY);
  });

  it("should place a problem with the whole model at data itself", async () => {
    const model = v.pipe(
      v.object({ id: v.string() }),
      v.check(() => false, "the thing is inconsistent"),
    );
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const e = (await failure(transport(r.fetch).request({ ...GET, schema: model }))) as ResponseValidationError;
    expect(e.issues).toEqual([{ path: "data", message: "the thing is inconsistent" }]);
    expect(e.message).toBe("GET /things/1: the response does not match the model (data: the thing is inconsistent)");
  });

  it("should return what a model with its own transform makes of a valid response", async () => {
    const model = v.pipe(
      v.object({ id: v.string() }),
      v.transform((x) => ({ ...x, seen: true })),
    );
    const r = remote(() => Response.json({ data: { id: "1" } }));
    await expect(transport(r.fetch).request({ ...GET, schema: model })).resolves.toEqual({ id: "1", seen: true });
  });

  it("should return valibot's output for a model with a fallback", async () => {
    const model = v.fallback(v.object({ id: v.string() }), { id: "fallback" });
    const r = remote(() => Response.json({ data: { id: "1", extra: true } }));
    await expect(transport(r.fetch).request({ ...GET, schema: model })).resolves.toEqual({ id: "1" });
  });

  it("should check a loose object model (the SDK's own kind) as an object", async () => {
    const r = remote(() => Response.json({ data: [] }));
    const e = await failure(transport(r.fetch).request({ ...GET, schema: v.looseObject({ id: v.string() }) }));
    expect(e.message).toBe("GET /things/1: expected data to be an object, got Array");
  });

  it("should say where a model could not read the response, typed, with validation off", async () => {
    const model = v.pipe(
      v.object({ id: v.string() }),
      v.transform((): never => {
        throw new Error("alias step broke");
      }),
    );
    const r = remote(() => Response.json({ data: { id: "1" } }));
    const e = (await failure(transport(r.fetch).request({ ...GET, schema: model }))) as ResponseValidationError;
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(e.message).toBe("GET /things/1: the response could not be read at data");
    expect(e.issues).toEqual([{ path: "data", message: "alias step broke" }]);
  });
});

describe("a page", () => {
  it("should read the items of the endpoint's container and has_more from data or the top level", async () => {
    const cases: [unknown, { items: unknown[]; hasMore: boolean | undefined }][] = [
      [{ data: { items: [{ id: "a" }], pagination: { has_more: true } } }, { items: [{ id: "a" }], hasMore: true }],
      [
        { data: { items: [] }, pagination: { has_more: false } },
        { items: [], hasMore: false },
      ],
      [
        { data: { items: [], pagination: { has_more: false } }, pagination: { has_more: true } },
        { items: [], hasMore: false },
      ],
      [
        { data: { items: [] }, pagination: { has_more: "yes" } },
        { items: [], hasMore: undefined },
      ],
      [{ data: {} }, { items: [], hasMore: undefined }],
      [{}, { items: [], hasMore: undefined }],
      [{ data: { items: null } }, { items: [], hasMore: undefined }],
      [{ data: null }, { items: [], hasMore: undefined }],
    ];
    for (const [body, page] of cases) {
      const r = remote(() => Response.json(body));
      await expect(transport(r.fetch).requestPage(LIST)).resolves.toEqual(page);
    }
  });

  it("should read the container data when the endpoint names none", async () => {
    const r = remote(() => Response.json({ data: { data: [{ id: "z" }], items: [{ id: "no" }] } }));
    await expect(transport(r.fetch).requestPage({ ...LIST, list: undefined })).resolves.toEqual({
      items: [{ id: "z" }],
      hasMore: undefined,
    });
  });

  it.each([
    [
      { data: [] },
      'GET /things: expected data (holding "items") to be an object, got Array',
      "data",
      "expected an object",
    ],
    [
      { data: "x" },
      'GET /things: expected data (holding "items") to be an object, got String',
      "data",
      "expected an object",
    ],
    [{ data: { items: {} } }, "GET /things: expected data.items to be a list", "data.items", "expected an array"],
    [{ data: { items: "a" } }, "GET /things: expected data.items to be a list", "data.items", "expected an array"],
  ])("should refuse %j", async (body, message, path, issue) => {
    const r = remote(() => Response.json(body));
    const e = (await failure(transport(r.fetch).requestPage(LIST))) as ResponseValidationError;
    expect(e.message).toBe(message);
    expect(e.issues).toEqual([{ path, message: issue }]);
    expect(e.body).toEqual(body);
  });

  it("should name the item that does not match by its index", async () => {
    const r = remote(() => Response.json({ data: { items: [{ id: "a" }, { id: 2 }] } }));
    const e = (await failure(transport(r.fetch).requestPage(LIST))) as ResponseValidationError;
    expect(e.issues?.map((i) => i.path)).toEqual(["data.items.1.id"]);
  });

  it("should read an empty page of an endpoint that reads no body", async () => {
    const r = remote(() => new Response(null, { status: 204 }));
    await expect(transport(r.fetch).requestPage({ method: "GET", path: "/things" })).resolves.toEqual({
      items: [],
      hasMore: undefined,
    });
  });
});

describe("the transport's own face", () => {
  it("should show exactly its credential-free configuration, frozen, and its scope", () => {
    const t = transport(remote(hang).fetch, { timeout: 1_234, deadline: 9_000, validate: "off", cacheScope: "s1" });
    expect(t.config).toEqual({ apiUrl: API, timeout: 1_234, maxRetries: 0, deadline: 9_000, validate: "off" });
    expect(Object.keys(t.config)).toEqual(["apiUrl", "timeout", "maxRetries", "deadline", "validate"]);
    expect(Object.isFrozen(t.config)).toBe(true);
    expect(t.scope).toBe("s1");
    expect(t.closed).toBe(false);
    t.close();
    expect(t.closed).toBe(true);
  });
});
