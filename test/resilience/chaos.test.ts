/**
 * Chaos: thousands of mixed reads and writes through one client against a sandbox that injects every
 * fault it knows, under fake timers. Every call is then judged from three independent records — what the
 * caller got, what a counting fetch saw leave and come back (with fake-clock times), and the sandbox's own
 * log of what it received, injected and applied:
 *
 * - every promise settles, within its deadline;
 * - each result is the right value, or an ArmorError subclass whose `name` is the one the last attempt's
 *   failure maps to (`docs/protocol.md` §3.2, `docs/reliability.md`);
 * - no write is applied twice by a retry (POST: at most once per call, ever; PUT/PATCH/DELETE: again only
 *   after an attempt whose answer was lost), and `effects` count exactly what the log says was applied;
 * - retries never exceed `maxRetries`, happen only where the policy allows, and wait what `Retry-After`
 *   asked (seconds, HTTP date, ms) or the capped, jittered backoff; a wait beyond 60 s or past the
 *   deadline fails at once;
 * - no unhandled rejection, no timer left.
 *
 * `npm test` runs a fixed seed. Longer runs: `CHAOS_CALLS=50000 CHAOS_SEED=random npx vitest run
 * test/resilience/chaos.test.ts` (a failing run prints the seed to replay it); `CHAOS_REPORT=1` prints
 * the figures quoted in docs/reliability.md.
 */
import { afterEach, describe, expect, it, onTestFailed, vi } from "vitest";
import { Client } from "../../src/client";
import { ArmorError, RateLimitError } from "../../src/core/errors";
import { createSandbox, type Sandbox, type SandboxFault, type SandboxRequest } from "../../src/testing/sandbox";

const CALLS = Number(process.env.CHAOS_CALLS ?? 2_000);
const SEED =
  process.env.CHAOS_SEED === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.CHAOS_SEED ?? 20_260_115);
const WORKERS = 24;
const MAX_RETRIES = 2;
const TIMEOUT = 2_000;
const DEADLINE = 8_000;
const LONG_DEADLINE = 300_000;
const CAP_MS = 60_000;

/** Roughly a third of all requests meet a fault; every kind the sandbox has is in the mix. */
const FAULTS: SandboxFault[] = [
  { kind: "status", status: 500, rate: 0.03 },
  { kind: "status", status: 502, rate: 0.03 },
  { kind: "status", status: 503, rate: 0.02 },
  { kind: "status", status: 503, retryAfter: 1, rate: 0.01 },
  { kind: "status", status: 504, rate: 0.01 },
  { kind: "status", status: 500, phase: "after", rate: 0.02 },
  { kind: "rate-limit", retryAfter: 1, rate: 0.02 },
  { kind: "rate-limit", retryAfter: 2, rate: 0.015 },
  { kind: "rate-limit", retryAfter: 1, format: "ms", rate: 0.005 },
  { kind: "rate-limit", format: "none", rate: 0.005 },
  { kind: "rate-limit", retryAfter: 120, rate: 0.004 },
  { kind: "drop", rate: 0.03 },
  { kind: "drop", phase: "after", rate: 0.03 },
  { kind: "truncate", rate: 0.025 },
  { kind: "hang", rate: 0.01 },
  { kind: "hang", phase: "after", rate: 0.005 },
  { kind: "latency", ms: [5, 400], rate: 0.04 },
  { kind: "latency", ms: [2_500, 4_000], rate: 0.01 },
  { kind: "latency", ms: [2_500, 4_000], phase: "after", rate: 0.005 },
  { kind: "html", rate: 0.02 },
  { kind: "content-type", contentType: "text/html; charset=utf-8", rate: 0.02 },
];

const TABLES = [
  "snowflake.prod.warehouse.orders",
  "snowflake.prod.marts.revenue_daily",
  "postgresql.analytics.public.customers",
  "postgresql.analytics.public.orders",
];

/** mulberry32: the suite's own stream (operations, and Math.random for the SDK's jitter). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One planned call: what it does and how to tell a right answer. */
interface Op {
  id: string;
  /** The call's own deadline (ms); some calls get a long one so that only the 60 s cap bounds a wait. */
  deadline: number;
  kind: string;
  method: Method;
  run: (client: Client, options: { headers: Record<string, string>; deadline: number }) => Promise<unknown>;
  check: (value: unknown) => string | undefined;
  /** Unique name a create leaves in the final state (badges, destinations). */
  created?: { family: "badge" | "destination"; name: string };
}

interface Attempt {
  start: number;
  end?: number;
}

interface Outcome {
  op: Op;
  start: number;
  end: number;
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/** Which class a final failure must be, from the sandbox's record of the last attempt. */
function expectedClass(entry: SandboxRequest): string {
  const f = entry.fault;
  if (f && (f.kind === "hang" || (f.kind === "latency" && f.aborted))) return "TimeoutError";
  if (f && (f.kind === "drop" || f.kind === "truncate")) return "ConnectionError";
  if (entry.status >= 200 && entry.status < 300) return f?.kind === "html" ? "ResponseValidationError" : "ok";
  if (entry.status === 429) return "RateLimitError";
  if (entry.status >= 500) return "ServerError";
  return (
    (
      {
        400: "ValidationError",
        401: "AuthenticationError",
        403: "AuthorizationError",
        404: "NotFoundError",
        422: "ValidationError",
      } as Record<number, string>
    )[entry.status] ?? "ArmorError"
  );
}

/**
 * Whether the client, from what it saw of `entry`, must assume the server may have carried it out:
 * no answer arrived (a dropped or cut connection, a timeout), or a 5xx that does not say "did not act".
 */
function mayHaveActed(entry: SandboxRequest): boolean {
  const f = entry.fault;
  if (f && (f.kind === "drop" || f.kind === "truncate" || f.kind === "hang" || (f.kind === "latency" && f.aborted)))
    return true;
  return entry.status >= 500 && entry.status !== 503;
}

/** The retry policy of `docs/reliability.md`, written out independently of src/core/retry.ts. */
function retryable(method: Method, entry: SandboxRequest): boolean {
  const f = entry.fault;
  if (f && (f.kind === "drop" || f.kind === "truncate" || f.kind === "hang" || (f.kind === "latency" && f.aborted)))
    return method !== "POST";
  return method === "POST" ? [429, 503].includes(entry.status) : [408, 429, 500, 502, 503, 504].includes(entry.status);
}

/** The wait the server asked for after `entry`, in ms: [min, max] (an HTTP date rounds up to the second). */
function askedWait(entry: SandboxRequest): [number, number] | undefined {
  const f = entry.fault;
  if (!f?.retryAfter) return undefined;
  if (f.retryAfterHeader === "retry-after-ms") return [Number(f.retryAfter), Number(f.retryAfter)];
  if (/^\d+$/.test(f.retryAfter)) return [Number(f.retryAfter) * 1000, Number(f.retryAfter) * 1000];
  return [0, Number.POSITIVE_INFINITY]; // checked against the date itself below
}

function plan(
  seed: number,
  pools: { badges: string[]; destinations: string[]; metrics: { asset: string; id: string }[]; baseline: Baseline },
): Op[] {
  const next = rng(seed ^ 0x5eed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  const ops: Op[] = [];
  let deletions = 0;
  for (let i = 0; i < CALLS; i++) {
    const id = `chaos-${i}`;
    const deadline = next() < 0.25 ? LONG_DEADLINE : DEADLINE;
    const r = next();
    if (r < 0.18) {
      const name = pick(TABLES);
      ops.push({
        id,
        deadline,
        kind: "assets.get",
        method: "GET",
        run: (c, o) => c.assets.get(name, o),
        check: (v) => same(v, pools.baseline.assets[name]),
      });
    } else if (r < 0.32) {
      const name = pick(TABLES);
      ops.push({
        id,
        deadline,
        kind: "freshness.get",
        method: "GET",
        run: (c, o) => c.freshness.get(name, o),
        check: (v) => same(v, pools.baseline.freshness[name]),
      });
    } else if (r < 0.42) {
      const offset = Math.floor(next() * 8);
      ops.push({
        id,
        deadline,
        kind: "assets.list",
        method: "GET",
        run: (c, o) => c.assets.list({ limit: 5, offset }, o),
        check: (v) => same(v, pools.baseline.assets_list.slice(offset, offset + 5)),
      });
    } else if (r < 0.5) {
      const name = pick(TABLES);
      ops.push({
        id,
        deadline,
        kind: "lineage.get",
        method: "GET",
        run: (c, o) => c.lineage.get(name, { depth: 2 }, o),
        check: (v) => same(v, pools.baseline.lineage[name]),
      });
    } else if (r < 0.6) {
      const label = `chaos badge ${i}`;
      const asset = pick(TABLES);
      ops.push({
        id,
        deadline,
        kind: "badges.create",
        method: "POST",
        created: { family: "badge", name: label },
        run: (c, o) => c.badges.create({ asset, label }, o),
        check: (v) =>
          (v as { label?: string }).label === label ? undefined : `label ${(v as { label?: string }).label}`,
      });
    } else if (r < 0.68) {
      const name = `chaos destination ${i}`;
      ops.push({
        id,
        deadline,
        kind: "alerts.createDestination",
        method: "POST",
        created: { family: "destination", name },
        run: (c, o) =>
          c.alerts.createDestination(
            { name, destination_type: "email", config: { email: `ops+${i}@example.test` } },
            o,
          ),
        check: (v) => ((v as { name?: string }).name === name ? undefined : `name ${(v as { name?: string }).name}`),
      });
    } else if (r < 0.74) {
      const asset = pick(pools.metrics).asset;
      ops.push({
        id,
        deadline,
        kind: "metrics.create",
        method: "POST",
        run: (c, o) => c.metrics.create(asset, { metric_type: "row_count", table_path: "public.customers" }, o),
        check: (v) => ((v as { metric_type?: string }).metric_type === "row_count" ? undefined : "metric_type"),
      });
    } else if (r < 0.8) {
      const name = pick(TABLES);
      ops.push({
        id,
        deadline,
        kind: "freshness.refresh",
        method: "POST",
        run: (c, o) => c.freshness.refresh(name, o),
        check: (v) => (typeof (v as { job_id?: unknown }).job_id === "string" ? undefined : "job_id"),
      });
    } else if (r < 0.87) {
      const badge = pick(pools.badges);
      const label = `relabelled ${i}`;
      ops.push({
        id,
        deadline,
        kind: "badges.update",
        method: "PUT",
        run: (c, o) => c.badges.update(badge, { label }, o),
        check: (v) => ((v as { label?: string }).label === label ? undefined : "label"),
      });
    } else if (r < 0.93) {
      const m = pick(pools.metrics);
      const capture_interval = pick(["hourly", "daily", "weekly"] as const);
      ops.push({
        id,
        deadline,
        kind: "metrics.update",
        method: "PATCH",
        run: (c, o) => c.metrics.update(m.asset, m.id, { capture_interval }, o),
        check: (v) =>
          (v as { capture_interval?: string }).capture_interval === capture_interval ? undefined : "capture_interval",
      });
    } else {
      const destination = pools.destinations[deletions++];
      if (destination === undefined) throw new Error("destination pool too small");
      ops.push({
        id,
        deadline,
        kind: "alerts.deleteDestination",
        method: "DELETE",
        run: (c, o) => c.alerts.deleteDestination(destination, o),
        check: (v) => (v === undefined ? undefined : "expected undefined"),
      });
    }
  }
  return ops;
}

interface Baseline {
  assets: Record<string, unknown>;
  freshness: Record<string, unknown>;
  lineage: Record<string, unknown>;
  assets_list: unknown[];
}

function same(got: unknown, want: unknown): string | undefined {
  return JSON.stringify(got) === JSON.stringify(want) ? undefined : `got ${JSON.stringify(got).slice(0, 200)}`;
}

async function setup(sandbox: Sandbox, client: Client, calls: number) {
  const baseline: Baseline = {
    assets: {},
    freshness: {},
    lineage: {},
    assets_list: await client.assets.list({ limit: 100 }),
  };
  for (const name of TABLES) {
    baseline.assets[name] = await client.assets.get(name);
    baseline.freshness[name] = await client.freshness.get(name);
    baseline.lineage[name] = await client.lineage.get(name, { depth: 2 });
  }
  const badges = [];
  for (let i = 0; i < 12; i++)
    badges.push((await client.badges.create({ asset: TABLES[i % TABLES.length]!, label: `pool ${i}` })).id);
  const destinations = [];
  for (let i = 0; i < Math.ceil(calls * 0.1) + 20; i++) {
    destinations.push(
      (
        await client.alerts.createDestination({
          name: `pool ${i}`,
          destination_type: "webhook",
          config: { url: "https://hooks.example.test" },
        })
      ).id,
    );
  }
  const customers = (await client.assets.get("postgresql.analytics.public.customers")).id;
  const metrics = [];
  for (let i = 0; i < 6; i++)
    metrics.push({
      asset: customers,
      id: (
        await client.metrics.create(customers, {
          metric_type: "null_percent",
          table_path: "public.customers",
          column_name: "email",
        })
      ).id,
    });
  expect(sandbox.requests.every((r) => r.status < 300)).toBe(true);
  return { badges, destinations, metrics, baseline };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("chaos", () => {
  it(
    `should settle ${CALLS} mixed calls against a faulty sandbox with typed errors, no double writes and bounded retries (seed ${SEED})`,
    { timeout: Math.max(60_000, CALLS * 30) },
    async () => {
      onTestFailed(() => {
        console.error(
          `chaos failed: replay with CHAOS_SEED=${SEED} CHAOS_CALLS=${CALLS} npx vitest run test/resilience/chaos.test.ts`,
        );
      });
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      try {
        await run(unhandled);
      } finally {
        process.off("unhandledRejection", onUnhandled);
      }
    },
  );
});

async function run(unhandled: unknown[]) {
  const sandbox = createSandbox({ seed: SEED });
  const attempts = new Map<string, Attempt[]>();
  const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const id = request.headers.get("x-request-id") ?? "setup";
    const record: Attempt = { start: Date.now() };
    const list = attempts.get(id) ?? [];
    list.push(record);
    attempts.set(id, list);
    try {
      return await sandbox.fetch(request);
    } finally {
      record.end = Date.now();
    }
  }) as typeof fetch;
  const client = new Client({
    apiKey: sandbox.keys.admin,
    apiUrl: sandbox.url,
    fetch: counting,
    maxRetries: MAX_RETRIES,
    timeout: TIMEOUT,
    deadline: DEADLINE,
    logLevel: "off",
  });

  const pools = await setup(sandbox, client, CALLS);
  const ops = plan(SEED, pools);
  const setupLog = sandbox.requests.length;

  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    now: new Date("2026-01-15T12:00:00Z"),
  });
  vi.spyOn(Math, "random").mockImplementation(rng(SEED ^ 0x0a11ce));
  sandbox.setFaults(FAULTS);

  const outcomes: Outcome[] = [];
  let nextOp = 0;
  let done = 0;
  const worker = async () => {
    for (let i = nextOp++; i < ops.length; i = nextOp++) {
      const op = ops[i] as Op;
      const start = Date.now();
      try {
        const value = await op.run(client, { headers: { "x-request-id": op.id }, deadline: op.deadline });
        outcomes[i] = { op, start, end: Date.now(), ok: true, value };
      } catch (error) {
        outcomes[i] = { op, start, end: Date.now(), ok: false, error };
      }
      done++;
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  // Drive the fake clock until every call has settled; a call that never settles fails the guard.
  for (let steps = 0; done < ops.length; steps++) {
    if (steps > ops.length * 50)
      throw new Error(
        `${ops.length - done} calls never settled: ${ops
          .filter((_, i) => !outcomes[i])
          .slice(0, 5)
          .map((o) => o.id)
          .join(", ")}`,
      );
    await vi.advanceTimersToNextTimerAsync();
  }
  await Promise.all(workers);
  await vi.advanceTimersByTimeAsync(0);
  const timersLeft = vi.getTimerCount();
  vi.useRealTimers();
  sandbox.setFaults();

  const violations: string[] = [];
  const bad = (op: Op, what: string) => violations.push(`${op.id} ${op.kind}: ${what}`);
  const log = new Map<string, SandboxRequest[]>();
  for (const entry of sandbox.requests.slice(setupLog)) {
    const list = log.get(entry.requestId) ?? [];
    list.push(entry);
    log.set(entry.requestId, list);
  }

  for (const o of outcomes) {
    const { op } = o;
    const sent = attempts.get(op.id) ?? [];
    const seen = log.get(op.id) ?? [];
    if (o.end - o.start > op.deadline)
      bad(op, `settled after ${o.end - o.start} ms, past its ${op.deadline} ms deadline`);
    if (sent.length !== seen.length) bad(op, `${sent.length} attempts sent, ${seen.length} logged`);
    if (sent.length === 0 || sent.length > MAX_RETRIES + 1) bad(op, `${sent.length} attempts`);
    const last = seen.at(-1);
    if (!last) continue;

    // Every attempt but the last failed in a way the policy retries, after the wait it asked for.
    for (let i = 0; i < seen.length - 1; i++) {
      const entry = seen[i] as SandboxRequest;
      if (!retryable(op.method, entry))
        bad(op, `retried after ${entry.status} ${entry.fault?.kind ?? ""} on ${op.method}`);
      const gap = (sent[i + 1]?.start ?? 0) - (sent[i]?.end ?? 0);
      const asked = askedWait(entry);
      if (
        asked &&
        entry.fault?.retryAfter &&
        !/^\d+$/.test(entry.fault.retryAfter) &&
        entry.fault.retryAfterHeader === "retry-after"
      ) {
        const until = Date.parse(entry.fault.retryAfter) - (sent[i]?.end ?? 0);
        if (gap !== Math.max(0, until)) bad(op, `waited ${gap} ms for a Retry-After date ${until} ms away`);
      } else if (asked) {
        if (asked[0] > CAP_MS) bad(op, `retried after a Retry-After of ${asked[0]} ms, beyond the cap`);
        else if (gap < asked[0] || gap > asked[1]) bad(op, `waited ${gap} ms, Retry-After asked ${asked[0]}`);
      } else {
        const base = Math.min(500 * 2 ** i, 8_000);
        if (gap < base * 0.75 || gap > base)
          bad(op, `backoff ${i} lasted ${gap} ms, outside [${base * 0.75}, ${base}]`);
      }
    }

    // The result: the right value, or the class the last attempt's failure maps to — except a DELETE
    // whose retry found the thing gone after an attempt that may have deleted it: that is done.
    const deletedLate =
      op.method === "DELETE" && expectedClass(last) === "NotFoundError" && seen.slice(0, -1).some(mayHaveActed);
    const want = deletedLate ? "ok" : expectedClass(last);
    if (deletedLate && !seen.slice(0, -1).some((s) => s.applied))
      bad(op, "took a 404 as deleted although no attempt had deleted it");
    if (o.ok) {
      if (want !== "ok") bad(op, `resolved although the last attempt was ${last.status} ${last.fault?.kind ?? ""}`);
      const wrong = op.check(o.value);
      if (wrong) bad(op, `wrong value: ${wrong}`);
    } else {
      const e = o.error as ArmorError;
      if (!ArmorError.is(e)) {
        bad(op, `threw a non-ArmorError: ${String(e)}`);
        continue;
      }
      if (e.name !== e.constructor.name) bad(op, `name ${e.name} is not its class ${e.constructor.name}`);
      const deadlineCut = e.name === "TimeoutError" && /Deadline/.test(e.message);
      if (e.name !== want && !deadlineCut)
        bad(op, `threw ${e.name}, the last attempt (${last.status} ${last.fault?.kind ?? "no fault"}) maps to ${want}`);
      if (want === "NotFoundError" && !seen.slice(0, -1).some((s) => s.applied))
        bad(op, "404 although nothing had deleted it");
      if (
        e instanceof RateLimitError &&
        last.fault?.retryAfter &&
        /^\d+$/.test(last.fault.retryAfter) &&
        last.fault.retryAfterHeader === "retry-after"
      ) {
        if (e.retryAfter !== Number(last.fault.retryAfter))
          bad(op, `retryAfter ${e.retryAfter}, server sent ${last.fault.retryAfter}`);
      }
      if (e.status !== undefined && e.requestId !== op.id) bad(op, `requestId ${e.requestId}`);
      // A retryable failure that was not retried must have had a reason: the cap, the deadline or no retries left.
      if (retryable(op.method, last) && seen.length <= MAX_RETRIES && !deadlineCut) {
        const asked = askedWait(last);
        const wait =
          last.fault?.retryAfterHeader === "retry-after" && asked?.[1] === Number.POSITIVE_INFINITY
            ? Date.parse(last.fault.retryAfter as string) - (sent.at(-1)?.end ?? 0)
            : asked
              ? asked[0]
              : Math.min(500 * 2 ** (seen.length - 1), 8_000);
        if (wait <= CAP_MS && (sent.at(-1)?.end ?? 0) + wait < o.start + op.deadline)
          bad(op, `gave up after ${seen.length} attempts on a retryable ${last.status} ${last.fault?.kind ?? ""}`);
      }
    }

    // Writes: a POST is applied at most once; anything applied again follows an attempt whose answer was lost.
    const applied = seen.filter((s) => s.applied);
    if (op.method === "POST" && applied.length > 1) bad(op, `POST applied ${applied.length} times`);
    for (const s of seen.slice(0, -1))
      if (s.applied && s.fault?.phase !== "after") bad(op, "re-sent after an answer that reached the client");
  }

  // The sandbox counted exactly the changes its log says were applied.
  const counted: Record<string, number> = {};
  for (const entry of sandbox.requests) for (const op of entry.effects ?? []) counted[op] = (counted[op] ?? 0) + 1;
  const effects = Object.fromEntries(
    Object.entries(sandbox.effects).filter(([op]) => !op.startsWith("job.") && !op.startsWith("admin.")),
  );
  expect(effects).toEqual(counted);

  // The final state holds each created thing as often as it was applied: never twice.
  const reader = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch });
  const names = new Map<string, number>();
  for await (const b of reader.badges.iterate({ limit: 500, active_only: false }))
    names.set(`badge:${b.label}`, (names.get(`badge:${b.label}`) ?? 0) + 1);
  for await (const d of reader.alerts.iterateDestinations({ limit: 100 }))
    names.set(`destination:${d.name}`, (names.get(`destination:${d.name}`) ?? 0) + 1);
  for (const o of outcomes) {
    if (!o.op.created) continue;
    const count = names.get(`${o.op.created.family}:${o.op.created.name}`) ?? 0;
    const applied = (log.get(o.op.id) ?? []).filter((s) => s.applied).length;
    if (count !== applied) bad(o.op, `${count} in the final state, ${applied} applied`);
    if (o.ok && count !== 1) bad(o.op, `succeeded but ${count} in the final state`);
  }

  expect(unhandled).toEqual([]);
  expect(timersLeft).toBe(0);
  expect(violations.slice(0, 20)).toEqual([]);

  const requests = sandbox.requests.slice(setupLog);
  const byClass: Record<string, number> = {};
  for (const o of outcomes) {
    const name = o.ok ? "ok" : (o.error as Error).name;
    byClass[name] = (byClass[name] ?? 0) + 1;
  }
  const faulted = requests.filter((r) => r.fault).length;
  // The mix must really exercise the policy, or the suite proves little.
  expect(faulted / requests.length).toBeGreaterThan(0.2);
  expect(Object.keys(byClass)).toEqual(
    expect.arrayContaining(["ok", "ServerError", "RateLimitError", "ConnectionError", "TimeoutError"]),
  );
  if (process.env.CHAOS_REPORT) {
    const retried = outcomes.filter((o) => (attempts.get(o.op.id) ?? []).length > 1);
    const ambiguous = outcomes.filter(
      (o) => o.op.method !== "GET" && !o.ok && (log.get(o.op.id) ?? []).some((s) => s.applied),
    );
    console.info(
      JSON.stringify(
        {
          seed: SEED,
          calls: outcomes.length,
          requests: requests.length,
          faultRate: Number((faulted / requests.length).toFixed(3)),
          faultsByKind: requests.reduce<Record<string, number>>(
            (acc, r) => (r.fault ? ((acc[r.fault.kind] = (acc[r.fault.kind] ?? 0) + 1), acc) : acc),
            {},
          ),
          outcomes: byClass,
          retriedCalls: retried.length,
          recoveredByRetry: retried.filter((o) => o.ok).length,
          writesFailedAfterApplied: ambiguous.length,
          postsFailedAfterApplied: ambiguous.filter((o) => o.op.method === "POST").length,
          writes: outcomes.filter((o) => o.op.method !== "GET").length,
        },
        null,
        1,
      ),
    );
  }
}
