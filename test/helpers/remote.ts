/**
 * The stand-in for the remote API in unit tests: an msw server that records every request and answers
 * with whatever the test queued. Only the remote API is faked here, never our own code.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/** The base URL unit tests point clients at. */
export const API = "https://api.anomalyarmor.test/api/v1";
/** A syntactically valid key that must never appear in any error. */
export const KEY = "aa_live_0123456789abcdefghijklmnopqrstuv";

/** A request as the fake server received it. */
export interface Recorded {
  method: string;
  /** Path below the base URL, exactly as sent (still percent-encoded). */
  path: string;
  /** Raw query string without `?` ("" when none). */
  search: string;
  /** Parsed query, in order. */
  query: [string, string][];
  headers: Headers;
  /** Raw body text ("" when none). */
  bodyText: string;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

type Reply = Response | ((req: Request) => Response | Promise<Response>);

/**
 * Starts one msw server for the test file. `reply()` queues answers (used in order; the last one repeats),
 * `requests` holds everything received.
 */
export function useRemote() {
  const requests: Recorded[] = [];
  let queue: Reply[] = [];
  const server = setupServer(
    http.all(`${API}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const raw = request.url.slice(API.length);
      const pathOnly = raw.split("?")[0]!;
      const bodyText = await request.clone().text();
      requests.push({
        method: request.method,
        path: pathOnly,
        search: url.search.slice(1),
        query: [...url.searchParams.entries()],
        headers: request.headers,
        bodyText,
        body: bodyText ? JSON.parse(bodyText) : undefined,
      });
      const next = queue.length > 1 ? queue.shift()! : queue[0];
      if (!next) return HttpResponse.json({ error: { code: "NO_REPLY", message: "no reply queued" } }, { status: 599 });
      return typeof next === "function" ? next(request) : next.clone();
    }),
  );
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    requests.length = 0;
    queue = [];
  });
  afterAll(() => server.close());
  return {
    requests,
    /** Queues replies, used in order; the last one answers every later request. */
    reply(...replies: Reply[]) {
      queue = replies;
    },
    /** `{ data }` with status 200. */
    data(data: unknown, init?: ResponseInit) {
      return HttpResponse.json({ data }, init);
    },
    /** An error body `{ error: { code, message, details } }`. */
    error(status: number, code?: string, message = "boom", details?: unknown, headers?: Record<string, string>) {
      return HttpResponse.json({ error: { code, message, details } }, headers ? { status, headers } : { status });
    },
  };
}

/** Every error status and the class it must map to (`docs/protocol.md` §3.2). */
export const ERROR_STATUSES: [number, string][] = [
  [400, "ValidationError"],
  [401, "AuthenticationError"],
  [403, "AuthorizationError"],
  [404, "NotFoundError"],
  [409, "ArmorError"],
  [422, "ValidationError"],
  [429, "RateLimitError"],
  [500, "ServerError"],
  [503, "ServerError"],
];
