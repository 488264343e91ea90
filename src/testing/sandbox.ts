/**
 * `createSandbox`: a stateful, in-memory AnomalyArmor API behind one web-standard `(Request) => Promise<Response>`
 * handler. Universal: no runtime modules, no server APIs; msw handlers, a loopback server or a Worker wrap
 * `handle`, and `fetch` plugs straight into a client.
 */
import * as v from "valibot";
import { AssetSchema, type Asset } from "../resources/assets";
import { FreshnessStatusSchema, type FreshnessStatus } from "../resources/freshness";
import { SchemaChangeSchema, type SchemaChange } from "../resources/schema";
import { loadDemo } from "./catalogue";
import { createClock, ON_SERVE, toMs, type ClockAdvance, type SandboxClock } from "./clock";
import { Router, type DispatchTrace } from "./router";
import { ROUTE_MODULES } from "./routes/index";
import { createRng, State, subSeed, type ApiKeyRecord, type Column, type Row, type Scope } from "./state";
import { assetView, freshnessView, schemaChangeView } from "./views";
import { HttpError } from "./respond";
import { makeSecret } from "./secret";
import { FaultPlan, phaseOf, type SandboxFault, type SandboxFaultRecord } from "./faults";

export type {
  ContentTypeFault,
  DropFault,
  FaultPhase,
  FaultTarget,
  HangFault,
  HtmlFault,
  LatencyFault,
  RateLimitFault,
  SandboxFault,
  SandboxFaultKind,
  SandboxFaultRecord,
  StatusFault,
  TruncateFault,
} from "./faults";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** `demo`: the documented catalogue; `empty`: no assets at all. @default "demo" */
  dataset?: "demo" | "empty";
  /** Seed of everything random (ids, keys, rows): same seed, same answers. @default 42 */
  seed?: number;
  /**
   * `manual`: time moves only through `sandbox.clock`; `realtime`: follows wall time from `start`.
   * @default manual in-process (tests move it), realtime once `serveSandbox` serves it (nobody else can)
   */
  clock?: "manual" | "realtime" | undefined;
  /** The sandbox time at creation (and after `reset()`). @default "2026-01-15T12:00:00Z" */
  start?: Date | string | number;
  /**
   * Faults to inject (latency, error statuses, 429 with `Retry-After`, dropped connections, truncated bodies,
   * hanging answers, HTML pages, wrong content types), drawn from the sandbox seed so that a failing run
   * replays. Each fault is logged in `requests`; `effects` count only what a handler applied.
   * @default none
   * @example
   * createSandbox({ seed: 7, faults: [
   *   { kind: "status", status: 503, rate: 0.1 },
   *   { kind: "drop", phase: "after", methods: ["POST"], rate: 0.05 }, // applied, answer lost
   * ] });
   */
  faults?: SandboxFault | readonly SandboxFault[] | undefined;
}

/** The keys a sandbox accepts from the start, one per scope. */
export interface SandboxKeys {
  /** Scope `admin`: everything, API keys included. */
  readonly admin: string;
  /** Scope `read-write`: every read and write except API keys. */
  readonly readWrite: string;
  /** Scope `read-only`: reads, plus POSTs that change nothing (ask, dry runs, previews). */
  readonly readOnly: string;
}

/** One handled request. */
export interface SandboxRequest {
  /** HTTP method. */
  readonly method: string;
  /** URL path exactly as received, still percent-encoded (base path included), without the query. */
  readonly path: string;
  /** Raw query string without `?` (`""` when none). */
  readonly query: string;
  /** Status the client got; `0` when no answer reached it (dropped connection, abandoned request). */
  readonly status: number;
  /** `x-request-id` as the client sent it, else one the sandbox made; echoed on the response. */
  readonly requestId: string;
  /** The route the request addressed, as `METHOD /pattern` (`GET /sdk/freshness/{asset_id}`); absent when none. */
  readonly route?: string | undefined;
  /** The route's path params, percent-decoded (which id the request really addressed). */
  readonly params?: Readonly<Record<string, string>> | undefined;
  /** The route's handler ran and answered 2xx: for a write, the change was applied (whatever the client saw). */
  readonly applied: boolean;
  /** The operations this request counted in `effects` (once per count); absent when it changed nothing. */
  readonly effects?: readonly string[] | undefined;
  /** The fault injected into this request, if any. */
  readonly fault?: SandboxFaultRecord | undefined;
}

/** A column for {@link SandboxAdmin.addTable}: `"name"`, `"name:type"` (`?` suffix: nullable) or an object. */
export type ColumnInput = string | { name: string; type?: string; nullable?: boolean };

/** Catalogue changes made from a test, outside the API (they are not requests and need no key). */
export interface SandboxAdmin {
  /** Adds a source (asset_type `database`, qualified `<source_type>.<database>`). @returns the `Asset` */
  addSource(input: { source_type: string; database: string; name?: string; description?: string }): Asset;
  /**
   * Adds a table or view to a source (by UUID or qualified name). `last_load` records one load at that time
   * (default: now; `null`: never loaded). @returns the `Asset`
   */
  addTable(input: {
    source: string;
    schema: string;
    table: string;
    asset_type?: "table" | "view";
    columns: ColumnInput[];
    rows?: Row[];
    threshold_hours?: number | null;
    last_load?: Date | string | number | null;
    description?: string;
  }): Asset;
  /** Appends rows to a table (no load is recorded: only `touchTable` makes data fresh). @returns the new row count */
  insertRows(table: string, rows: Row[]): number;
  /**
   * Merges `patch` into the rows of a table that `where` matches (a row whose cells equal every value given,
   * or a predicate), as a data fix would. @returns the number of rows changed
   */
  updateRows(table: string, where: Row | ((row: Readonly<Row>) => boolean), patch: Row): number;
  /** Removes the rows of a table that `where` matches (as for `updateRows`). @returns the number of rows removed */
  deleteRows(table: string, where: Row | ((row: Readonly<Row>) => boolean)): number;
  /** Records a data load landing now (or at `at`). @returns the table's `FreshnessStatus` */
  touchTable(table: string, at?: Date | string | number): FreshnessStatus;
  /** Changes a table's columns, recording schema changes. @returns the `SchemaChange`s recorded */
  alterTable(
    table: string,
    change: { add?: ColumnInput[]; drop?: string[]; retype?: Record<string, string> },
  ): SchemaChange[];
}

/** A sandbox. */
export interface Sandbox {
  /** Base URL clients use with {@link Sandbox.fetch}: `https://sandbox.anomalyarmor.test/api/v1`. */
  readonly url: string;
  /** A fetch answering every request from {@link Sandbox.handle} (any host; the path must be below `/api/v1`). */
  readonly fetch: typeof fetch;
  /** The whole API: one request in, one response out. Never rejects. */
  handle(request: Request): Promise<Response>;
  /** Keys the sandbox accepts. */
  readonly keys: SandboxKeys;
  /** The sandbox clock. */
  readonly clock: SandboxClock;
  /** Catalogue changes from outside the API. */
  readonly admin: SandboxAdmin;
  /** Every handled request, in order. */
  readonly requests: readonly SandboxRequest[];
  /** Count of applied state changes per operation name (`metrics.create`, `job.freshness_refresh`, …). */
  readonly effects: Readonly<Record<string, number>>;
  /** Every route, as `METHOD /pattern` (what fault rules' `routes` and `requests[].route` name). */
  readonly routes: readonly string[];
  /** The fault rules in force. */
  readonly faults: readonly SandboxFault[];
  /**
   * Replaces the fault rules (none: no faults) and restarts the seeded fault stream, so a run replays from here.
   * @throws TypeError for a malformed rule
   */
  setFaults(faults?: SandboxFault | readonly SandboxFault[]): void;
  /** Back to the first state: catalogue, clock at `start`, created keys gone, logs and effects empty, fault stream restarted. */
  reset(): void;
}

/** The URL clients use with the in-process fetch. */
export const SANDBOX_URL = "https://sandbox.anomalyarmor.test/api/v1";

function toColumn(input: ColumnInput): Column {
  if (typeof input !== "string")
    return { name: input.name, type: input.type ?? "varchar", nullable: input.nullable ?? true };
  const nullable = input.endsWith("?");
  const [name, type] = (nullable ? input.slice(0, -1) : input).split(":") as [string, string | undefined];
  return { name, type: type ?? "varchar", nullable: nullable || type === undefined };
}

/**
 * Creates a sandbox.
 * @param options - dataset, seed, clock mode and start time
 * @returns the sandbox: URL, fetch, handler, keys, clock, admin, logs
 * @example
 * const sandbox = createSandbox({ seed: 7 });
 * const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const dataset = options.dataset ?? "demo";
  const seed = options.seed ?? 42;
  if (dataset !== "demo" && dataset !== "empty") throw new TypeError(`Unknown dataset '${String(dataset)}'`);
  if (!Number.isInteger(seed)) throw new TypeError("seed must be an integer");
  if (options.clock !== undefined && options.clock !== "manual" && options.clock !== "realtime")
    throw new TypeError(`Unknown clock '${String(options.clock)}': "manual" or "realtime"`);
  const clock = createClock(options.clock, options.start ?? "2026-01-15T12:00:00Z");
  const state = new State({ dataset, seed }, clock);

  const keyRng = createRng(subSeed(seed, "keys"));
  const keys: SandboxKeys = Object.freeze({
    admin: makeSecret(keyRng, "aa_live_"),
    readWrite: makeSecret(keyRng, "aa_live_"),
    readOnly: makeSecret(keyRng, "aa_test_"),
  });
  state.seeder((s) => {
    const add = (name: string, key: string, scope: Scope) => {
      const record: ApiKeyRecord = {
        id: s.uuid(),
        name,
        key,
        scope,
        created_at: s.now() - 30 * 86_400_000,
        last_used_at: null,
        revoked_at: null,
        rate_limit_per_min: 600,
        burst_limit: 100,
      };
      s.apiKeys.push(record);
    };
    add("Sandbox admin", keys.admin, "admin");
    add("Sandbox read-write", keys.readWrite, "read-write");
    add("Sandbox read-only", keys.readOnly, "read-only");
  });
  if (dataset === "demo") state.seeder(loadDemo);

  const router = new Router();
  for (const module of ROUTE_MODULES) module.register(router, state);

  const requests: SandboxRequest[] = [];
  const faults = new FaultPlan(seed, options.faults);
  let served = 0;

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const located = router.locate(method, url.pathname);
    const route = located && `${located.route.method} ${located.route.pattern}`;
    served++;
    const requestId = request.headers.get("x-request-id") || `req_${seed}_${served}`;
    const picked = method === "OPTIONS" ? undefined : faults.pick(method, route, url.pathname);
    let fault: SandboxFaultRecord | undefined;
    let response: Response | undefined;
    const trace: DispatchTrace = {};
    if (picked && phaseOf(picked.rule) === "before") {
      const outcome = await faults.before(picked.rule, picked.index, request);
      fault = outcome.record;
      response = outcome.response;
    }
    if (!response) {
      response = await router.dispatch(request, state, trace);
      if (picked && phaseOf(picked.rule) === "after") {
        const outcome = await faults.after(picked.rule, picked.index, request, response);
        fault = outcome.record;
        response = outcome.response ?? response;
      }
    }
    requests.push({
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      status: response.type === "error" ? 0 : response.status,
      requestId,
      route,
      params: located?.params,
      applied: trace.applied ?? false,
      effects: trace.effects?.length ? trace.effects : undefined,
      fault,
    });
    return withRequestId(response, requestId);
  }

  const inFlight = new Set<unknown>();
  const sandboxFetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) throw signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
    // Request copies follow their source's signal only through weak references: until this request
    // settles, hold both copies, or a caller's wrapper Request that nobody else keeps can be collected
    // and silently cut the abort (a hang would then never end, a slow answer would land anyway).
    const held = [input, request];
    inFlight.add(held);
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
      signal.addEventListener("abort", onAbort, { once: true });
      handle(request)
        .then((response) => {
          // A network-error response is what a dropped connection looks like to fetch: a rejection.
          if (response.type === "error")
            reject(new TypeError("fetch failed", { cause: new Error("sandbox fault: connection dropped") }));
          else resolve(response);
        }, reject)
        .finally(() => {
          signal.removeEventListener("abort", onAbort);
          inFlight.delete(held);
        });
    });
  }) as typeof fetch;

  // Admin calls settle first so that due jobs land before the change, in the order time says they happened.
  const adminCall = <T>(op: string, fn: () => T): T => {
    state.settle();
    const out = unwrap(fn);
    state.effect(`admin.${op}`);
    return out;
  };
  const tableRef = (ref: string) => {
    const asset = unwrap(() => state.asset(ref));
    if (asset.kind !== "table") throw new TypeError(`'${ref}' is a source, not a table`);
    return asset;
  };

  const admin: SandboxAdmin = {
    addSource: (input) =>
      adminCall("addSource", () =>
        v.parse(
          AssetSchema,
          assetView(
            state,
            state.createSource({
              source_type: input.source_type,
              database: input.database,
              name: input.name,
              description: input.description,
            }),
          ),
        ),
      ),
    addTable: (input) =>
      adminCall("addTable", () => {
        const source = state.sourceOf(state.asset(input.source));
        const last =
          input.last_load === undefined ? state.now() : input.last_load === null ? null : toMs(input.last_load);
        const table = state.createTable({
          source,
          schema: input.schema,
          table: input.table,
          asset_type: input.asset_type,
          columns: input.columns.map(toColumn),
          rows: (input.rows ?? []).map((r) => ({ ...r })),
          loads: last === null ? [] : [last],
          threshold_hours: input.threshold_hours,
          description: input.description,
        });
        return v.parse(AssetSchema, assetView(state, table));
      }),
    insertRows: (ref, rows) =>
      adminCall("insertRows", () => {
        const table = tableRef(ref);
        table.rows.push(...rows.map((r) => ({ ...r })));
        return table.rows.length;
      }),
    updateRows: (ref, where, patch) =>
      adminCall("updateRows", () => {
        const matches = rowMatcher(where);
        let changed = 0;
        for (const row of tableRef(ref).rows) {
          if (!matches(row)) continue;
          Object.assign(row, patch);
          changed++;
        }
        return changed;
      }),
    deleteRows: (ref, where) =>
      adminCall("deleteRows", () => {
        const table = tableRef(ref);
        const matches = rowMatcher(where);
        const before = table.rows.length;
        table.rows = table.rows.filter((row) => !matches(row));
        return before - table.rows.length;
      }),
    touchTable: (ref, at) =>
      adminCall("touchTable", () => {
        const table = tableRef(ref);
        state.recordLoad(table, at === undefined ? state.now() : toMs(at));
        return v.parse(FreshnessStatusSchema, freshnessView(state, table));
      }),
    alterTable: (ref, change) =>
      adminCall("alterTable", () => {
        const table = tableRef(ref);
        const recorded = state.alterColumns(table, {
          add: change.add?.map(toColumn),
          drop: change.drop,
          retype: change.retype,
        });
        return recorded.map((c) => v.parse(SchemaChangeSchema, schemaChangeView(state, c)));
      }),
  };

  const sandbox: Sandbox = {
    url: SANDBOX_URL,
    fetch: sandboxFetch,
    handle,
    keys,
    clock: { now: () => clock.now(), advance: (by: ClockAdvance) => clock.advance(by), set: (date) => clock.set(date) },
    admin,
    requests,
    get effects() {
      return state.effects;
    },
    routes: Object.freeze(router.routes.map((r) => `${r.method} ${r.pattern}`)),
    get faults() {
      return faults.list;
    },
    setFaults(rules) {
      faults.set(rules);
    },
    reset() {
      state.reset();
      requests.length = 0;
      served = 0;
      faults.restart();
    },
  };
  Object.defineProperty(sandbox, ON_SERVE, { value: () => clock.serve() });
  return sandbox;
}

/** The response with `x-request-id` set (a network-error response has no headers to set). */
function withRequestId(response: Response, requestId: string): Response {
  if (response.type === "error") return response;
  const headers = new Headers(response.headers);
  headers.set("x-request-id", requestId);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A row filter from either form `updateRows` / `deleteRows` accept (`null` matches a null or absent cell). */
function rowMatcher(where: Row | ((row: Readonly<Row>) => boolean)): (row: Row) => boolean {
  if (typeof where === "function") return where;
  const wanted = Object.entries(where);
  return (row) => wanted.every(([k, v]) => (v === null ? row[k] === null || row[k] === undefined : row[k] === v));
}

/** Admin calls report problems as plain errors (there is no HTTP answer to carry them). */
function unwrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (thrown) {
    if (thrown instanceof HttpError) throw new Error(`${thrown.code}: ${thrown.message}`);
    throw thrown;
  }
}
