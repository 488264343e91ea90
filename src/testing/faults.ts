/**
 * Fault injection for resilience tests: the network and gateway failures a client meets in the wild,
 * injected by the sandbox itself so that every fault is seeded (a failing run replays), logged beside the
 * request it hit, and honest about side effects — a fault *before* the handler means nothing was applied,
 * a fault *after* it means the change was applied and only the answer was lost or mangled.
 */
import { createRng, subSeed, type Rng } from "./state";

/** Where a fault strikes: before the route's handler runs (nothing applied) or after it (applied). */
export type FaultPhase = "before" | "after";

/** Which requests a fault rule applies to, and how often. */
export interface FaultTarget {
  /**
   * Share of the matching requests that get this fault, 0–1. One draw is made per request and the rules
   * it matches are tried in order with their rates added up, so each rule fires at exactly its rate as
   * long as the rates of the rules one request can match add up to at most 1. @default 1
   */
  rate?: number | undefined;
  /** Only requests with one of these methods (`GET`, `POST`, …). @default every method */
  methods?: readonly string[] | undefined;
  /**
   * Only requests whose route is one of these: a pattern as registered (`/sdk/metrics/{asset_id}`), the
   * same preceded by a method (`POST /sdk/metrics/{asset_id}`; see `sandbox.routes`), or a RegExp tested
   * against `METHOD /path/as/received`. @default every request
   */
  routes?: readonly (string | RegExp)[] | undefined;
  /** The rule fires at most this many times (until `reset()` or `setFaults()`). @default unlimited */
  times?: number | undefined;
}

/** Delays the answer by `ms`; the request's abort signal ends the wait (a `before` wait then applies nothing). */
export interface LatencyFault extends FaultTarget {
  /** Which fault this is. */
  kind: "latency";
  /** Milliseconds, or a `[min, max]` range drawn from the seeded PRNG. */
  ms: number | readonly [number, number];
  /** `before`: the handler runs after the delay; `after`: it runs at once and only the answer is late. @default "before" */
  phase?: FaultPhase | undefined;
}

/**
 * Never answers: the request stays open until its abort signal fires (a client timeout, `close()`), like a
 * server that stopped responding. With `phase: "after"` the handler has already applied the change.
 */
export interface HangFault extends FaultTarget {
  /** Which fault this is. */
  kind: "hang";
  /** Whether the fault strikes before the handler runs or after it applied the change. @default "before" */
  phase?: FaultPhase | undefined;
}

/** Answers an error status with a JSON error body, as a server or gateway would. */
export interface StatusFault extends FaultTarget {
  /** Which fault this is. */
  kind: "status";
  /** 500, 502, 503, 504 (or any status ≥ 400). */
  status: number;
  /** Seconds sent as `Retry-After`, when given. */
  retryAfter?: number | undefined;
  /**
   * `after`: the handler applied the change, then the server failed to answer it (a crash after commit).
   * Not allowed for 503, which by protocol says the server did not act. @default "before"
   */
  phase?: FaultPhase | undefined;
}

/** Answers 429 `RATE_LIMIT_EXCEEDED` before the handler runs. */
export interface RateLimitFault extends FaultTarget {
  /** Which fault this is. */
  kind: "rate-limit";
  /** Seconds to ask the client to wait. @default 1 */
  retryAfter?: number | undefined;
  /**
   * How the wait travels: `Retry-After` in seconds, `Retry-After` as an HTTP date (rounded up to the
   * second, from wall time), `retry-after-ms`, or no header at all. @default seconds or date, drawn per request
   */
  format?: "seconds" | "date" | "ms" | "none" | undefined;
}

/**
 * Drops the connection: the client's fetch rejects as on a network failure. `before`: the request never
 * reached the server; `after`: the change was applied and the answer was lost.
 */
export interface DropFault extends FaultTarget {
  /** Which fault this is. */
  kind: "drop";
  /** Whether the fault strikes before the handler runs or after it applied the change. @default "before" */
  phase?: FaultPhase | undefined;
}

/** Runs the handler, sends the status and headers, then drops the connection after `bytes` of the body. */
export interface TruncateFault extends FaultTarget {
  /** Which fault this is. */
  kind: "truncate";
  /** Body bytes delivered before the stream errors. @default half the body */
  bytes?: number | undefined;
}

/** Answers an HTML page instead of the API (a gateway's error page, a captive portal), before the handler. */
export interface HtmlFault extends FaultTarget {
  /** Which fault this is. */
  kind: "html";
  /** Status of the page. @default 502 */
  status?: number | undefined;
}

/** Runs the handler and relabels its answer with a wrong `Content-Type` (the body is unchanged). */
export interface ContentTypeFault extends FaultTarget {
  /** Which fault this is. */
  kind: "content-type";
  /** The `Content-Type` sent instead. @default "text/plain; charset=utf-8" */
  contentType?: string | undefined;
}

/** One fault rule of `createSandbox({ faults })`. */
export type SandboxFault =
  LatencyFault | HangFault | StatusFault | RateLimitFault | DropFault | TruncateFault | HtmlFault | ContentTypeFault;

/** The name of a fault kind. */
export type SandboxFaultKind = SandboxFault["kind"];

/** What `sandbox.requests` records of the fault a request met. */
export interface SandboxFaultRecord {
  /** The kind of fault. */
  readonly kind: SandboxFaultKind;
  /** Whether it struck before the handler (nothing applied) or after it. */
  readonly phase: FaultPhase;
  /** Index of the rule in the fault list. */
  readonly rule: number;
  /** Status the fault answered with (status, rate-limit, html). */
  readonly status?: number | undefined;
  /** Delay in ms (latency). */
  readonly ms?: number | undefined;
  /** The `Retry-After` (or `retry-after-ms`) header value sent. */
  readonly retryAfter?: string | undefined;
  /** Header that carried {@link SandboxFaultRecord.retryAfter}. */
  readonly retryAfterHeader?: "retry-after" | "retry-after-ms" | undefined;
  /** Body bytes delivered before the drop (truncate). */
  readonly bytes?: number | undefined;
  /** The content type sent (content-type). */
  readonly contentType?: string | undefined;
  /** The request's signal aborted while the fault held it (latency, hang). */
  readonly aborted?: boolean | undefined;
}

/** The answer of a `before` fault: a Response to send, or `undefined` to go on to the handler. */
export interface FaultOutcome {
  /** The record to log. */
  record: SandboxFaultRecord;
  /** The response, when the fault answers instead of the handler (`Response.error()` = dropped connection). */
  response?: Response | undefined;
}

const KINDS: ReadonlySet<string> = new Set([
  "latency",
  "hang",
  "status",
  "rate-limit",
  "drop",
  "truncate",
  "html",
  "content-type",
]);

const STATUS_CODES: Record<number, string> = {
  408: "REQUEST_TIMEOUT",
  429: "RATE_LIMIT_EXCEEDED",
  500: "INTERNAL_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

/**
 * Checks fault rules, so that a typo fails at `createSandbox` rather than silently injecting nothing.
 * @throws TypeError naming the rule and what is wrong with it
 */
export function checkFaults(input: SandboxFault | readonly SandboxFault[] | undefined): SandboxFault[] {
  if (input === undefined) return [];
  const rules = (Array.isArray(input) ? input : [input]) as SandboxFault[];
  rules.forEach((rule, i) => {
    const bad = (what: string): never => {
      throw new TypeError(`faults[${i}]: ${what}`);
    };
    if (rule === null || typeof rule !== "object" || !KINDS.has(rule.kind))
      bad(`unknown kind '${String((rule as { kind?: unknown })?.kind)}'`);
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) bad("rate must be within 0–1");
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0))
      bad("times must be a non-negative integer");
    const phase = (rule as { phase?: unknown }).phase;
    if (phase !== undefined && phase !== "before" && phase !== "after") bad("phase must be 'before' or 'after'");
    if (rule.kind === "latency") {
      const [lo, hi] = typeof rule.ms === "number" ? [rule.ms, rule.ms] : rule.ms;
      if (!(lo >= 0 && hi >= lo && Number.isFinite(hi))) bad("ms must be a non-negative number or a [min, max] range");
    }
    if (rule.kind === "status") {
      if (!(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599))
        bad("status must be an error status 400–599");
      if (rule.phase === "after" && (rule.status === 503 || rule.status === 429)) {
        bad(`a ${rule.status} says the server did not act: it cannot strike after the handler`);
      }
    }
    if (rule.kind === "rate-limit" && rule.retryAfter !== undefined && !(rule.retryAfter >= 0))
      bad("retryAfter must be ≥ 0 seconds");
    if (rule.kind === "truncate" && rule.bytes !== undefined && !(Number.isInteger(rule.bytes) && rule.bytes >= 0))
      bad("bytes must be a non-negative integer");
  });
  return rules;
}

/** The seeded fault schedule of one sandbox. */
export class FaultPlan {
  #rules: SandboxFault[] = [];
  #fired: number[] = [];
  #rng: Rng;
  readonly #seed: number;

  /**
   * @param seed - the sandbox seed (faults draw from their own stream of it)
   * @param rules - the fault rules
   */
  constructor(seed: number, rules: SandboxFault | readonly SandboxFault[] | undefined) {
    this.#seed = seed;
    this.#rng = createRng(subSeed(seed, "faults"));
    this.set(rules);
  }

  /** Replaces the rules and restarts the fault stream, so that what follows replays from here. */
  set(rules: SandboxFault | readonly SandboxFault[] | undefined): void {
    this.#rules = checkFaults(rules);
    this.restart();
  }

  /** Restarts the fault stream and the `times` counters, keeping the rules. */
  restart(): void {
    this.#rng = createRng(subSeed(this.#seed, "faults"));
    this.#fired = this.#rules.map(() => 0);
  }

  /** The rules in force. */
  get list(): readonly SandboxFault[] {
    return this.#rules;
  }

  /**
   * Picks the fault for one request (at most one), drawing from the seeded stream.
   * @param method - the request method
   * @param route - `METHOD /pattern` of the route it matches, if any
   * @param path - the path as received
   */
  pick(method: string, route: string | undefined, path: string): { rule: SandboxFault; index: number } | undefined {
    if (this.#rules.length === 0) return undefined;
    const u = this.#rng.next();
    let acc = 0;
    for (let i = 0; i < this.#rules.length; i++) {
      const rule = this.#rules[i] as SandboxFault;
      if (!targets(rule, method, route, path)) continue;
      if (rule.times !== undefined && (this.#fired[i] ?? 0) >= rule.times) continue;
      acc += rule.rate ?? 1;
      if (u < acc) {
        this.#fired[i] = (this.#fired[i] ?? 0) + 1;
        return { rule, index: i };
      }
    }
    return undefined;
  }

  /**
   * Applies a fault that strikes before the handler.
   * @returns the response to send instead of the handler's, or none (latency: go on)
   */
  async before(rule: SandboxFault, index: number, request: Request): Promise<FaultOutcome> {
    const signal = request.signal;
    switch (rule.kind) {
      case "latency": {
        const ms = this.#draw(rule.ms);
        const done = await wait(ms, signal);
        return done
          ? { record: { kind: "latency", phase: "before", rule: index, ms } }
          : {
              record: { kind: "latency", phase: "before", rule: index, ms, aborted: true },
              response: Response.error(),
            };
      }
      case "hang":
        await wait(Infinity, signal);
        return { record: { kind: "hang", phase: "before", rule: index, aborted: true }, response: Response.error() };
      case "drop":
        return { record: { kind: "drop", phase: "before", rule: index }, response: Response.error() };
      case "status": {
        const headers: Record<string, string> = {};
        if (rule.retryAfter !== undefined) headers["retry-after"] = String(rule.retryAfter);
        return {
          record: {
            kind: "status",
            phase: "before",
            rule: index,
            status: rule.status,
            retryAfter: headers["retry-after"],
            retryAfterHeader: rule.retryAfter === undefined ? undefined : "retry-after",
          },
          response: errorResponse(rule.status, headers),
        };
      }
      case "rate-limit": {
        const seconds = rule.retryAfter ?? 1;
        const format = rule.format ?? (this.#rng.next() < 0.5 ? "seconds" : "date");
        const headers: Record<string, string> = {};
        let header: "retry-after" | "retry-after-ms" | undefined = "retry-after";
        if (format === "seconds") headers["retry-after"] = String(seconds);
        else if (format === "date")
          headers["retry-after"] = new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000).toUTCString();
        else if (format === "ms") {
          header = "retry-after-ms";
          headers["retry-after-ms"] = String(Math.round(seconds * 1000));
        } else header = undefined;
        return {
          record: {
            kind: "rate-limit",
            phase: "before",
            rule: index,
            status: 429,
            retryAfter: header ? headers[header] : undefined,
            retryAfterHeader: header,
          },
          response: errorResponse(429, headers),
        };
      }
      case "html": {
        const status = rule.status ?? 502;
        return { record: { kind: "html", phase: "before", rule: index, status }, response: htmlPage(status) };
      }
      default:
        throw new TypeError(`fault '${rule.kind}' cannot strike before the handler`);
    }
  }

  /**
   * Applies a fault that strikes after the handler, to its response.
   * @returns the response the client gets (`Response.error()` = dropped connection)
   */
  async after(rule: SandboxFault, index: number, request: Request, response: Response): Promise<FaultOutcome> {
    switch (rule.kind) {
      case "latency": {
        const ms = this.#draw(rule.ms);
        const done = await wait(ms, request.signal);
        return done
          ? { record: { kind: "latency", phase: "after", rule: index, ms }, response }
          : { record: { kind: "latency", phase: "after", rule: index, ms, aborted: true }, response: Response.error() };
      }
      case "hang":
        await wait(Infinity, request.signal);
        return { record: { kind: "hang", phase: "after", rule: index, aborted: true }, response: Response.error() };
      case "drop":
        return { record: { kind: "drop", phase: "after", rule: index }, response: Response.error() };
      case "status":
        return {
          record: { kind: "status", phase: "after", rule: index, status: rule.status },
          response: errorResponse(rule.status, {}),
        };
      case "truncate": {
        // A body-less status (204) has no body to cut: the connection drops where the body would start.
        if (response.body === null || [101, 204, 205, 304].includes(response.status)) {
          return { record: { kind: "truncate", phase: "after", rule: index, bytes: 0 }, response: Response.error() };
        }
        const body = new Uint8Array(await response.arrayBuffer());
        const bytes = Math.min(rule.bytes ?? Math.floor(body.length / 2), body.length);
        return {
          record: { kind: "truncate", phase: "after", rule: index, bytes },
          response: truncated(response, body, bytes),
        };
      }
      case "content-type": {
        const contentType = rule.contentType ?? "text/plain; charset=utf-8";
        const headers = new Headers(response.headers);
        headers.set("content-type", contentType);
        return {
          record: { kind: "content-type", phase: "after", rule: index, contentType },
          response: new Response(response.body, { status: response.status, headers }),
        };
      }
      default:
        throw new TypeError(`fault '${rule.kind}' cannot strike after the handler`);
    }
  }

  #draw(ms: number | readonly [number, number]): number {
    if (typeof ms === "number") return ms;
    const [lo, hi] = ms;
    return Math.round(lo + this.#rng.next() * (hi - lo));
  }
}

/** Where a rule strikes. */
export function phaseOf(rule: SandboxFault): FaultPhase {
  if (rule.kind === "truncate" || rule.kind === "content-type") return "after";
  if (rule.kind === "rate-limit" || rule.kind === "html") return "before";
  return rule.phase ?? "before";
}

function targets(rule: SandboxFault, method: string, route: string | undefined, path: string): boolean {
  if (rule.methods && !rule.methods.some((m) => m.toUpperCase() === method)) return false;
  if (!rule.routes) return true;
  const pattern = route?.slice(route.indexOf(" ") + 1);
  return rule.routes.some((r) => (typeof r === "string" ? r === route || r === pattern : r.test(`${method} ${path}`)));
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts (at once when it already has). */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(false);
    };
    const timer = Number.isFinite(ms)
      ? setTimeout(() => {
          signal.removeEventListener("abort", onAbort);
          resolve(true);
        }, ms)
      : undefined;
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function errorResponse(status: number, headers: Record<string, string>): Response {
  const code = STATUS_CODES[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "ERROR");
  const body = { error: { code, message: `Injected fault: HTTP ${status}`, details: { fault: true } } };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function htmlPage(status: number): Response {
  const title = status === 200 ? "Sign in to the network" : `${status} Bad Gateway`;
  const html = `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** The response with its body cut after `bytes`, the stream then failing as a dropped socket does. */
function truncated(response: Response, body: Uint8Array, bytes: number): Response {
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent && bytes > 0) {
        sent = true;
        controller.enqueue(body.slice(0, bytes));
        return;
      }
      controller.error(new TypeError("terminated", { cause: new Error("sandbox fault: connection dropped mid-body") }));
    },
  });
  return new Response(stream, { status: response.status, headers: response.headers });
}
