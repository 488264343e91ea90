/**
 * The query layer's two tables, each method declared once as plain data: `READS` (what `armorKeys` and
 * `armorQueries` build for every read) and `WRITES` (what `armorMutations` builds for every write). The
 * types of these two objects produce `ArmorKeys`, `ArmorQueries`, `WriteName` and `ArmorMutations`; the
 * code that builds keys, options and mutations walks the same objects. What each write makes stale is
 * in invalidation.ts, one line per write of `WRITES`.
 *
 * Both tables are `as const` literals, not calls of helpers, so that their types stay explicit for
 * declaration emit and JSR's no-slow-types check, which every type derived from them passes through.
 */
import type { Client, ResourceName } from "../client";

/** How a method takes its arguments before `options`, always in this order. */
export interface Call {
  /** The first argument is an asset id (a read about it keys under `asset(assetId)`). */
  readonly asset?: true;
  /** Then the id of one item (a metric, rule, job, alert, …), keyed after the read's segment. */
  readonly id?: true;
  /**
   * Then a params object, last in a read's key; `optional` where the method can do without it (a
   * write then reads `mutate(null)` as no params). test/query/tables.test-d.ts checks each against the method.
   */
  readonly params?: "required" | "optional";
}

/** One read: its call, and what else shapes its key. */
export interface ReadCall extends Call {
  /** The params field naming the asset the read is about: its key goes under `asset(params[field])`. */
  readonly assetIn?: "asset" | "asset_id";
  /**
   * The read is a list with an infinite twin (`list` → `infinite`/`iterate`, `listX` and `x` →
   * `infiniteX`/`iterateX`), whose pages hold this many items unless the params set `limit`.
   */
  readonly pages?: 50 | 100;
}

/** One write: its call, and whether its effects land with a job. */
export interface WriteCall extends Call {
  /** The write starts a job: its builder also takes `JobWaitOptions`, and it invalidates once the job is done. */
  readonly job?: true;
}

// Calls shared by many entries of both tables, named for their arguments: `ASSET` an asset id, `ID`
// another id, `ITEM` both; `_PARAMS` / `_MAYBE` then required / optional params; `LIST` and
// `ASSET_LIST` a list paged by 50, `ITEM_PAGES` by 100; `ASSET_JOB` an asset whose write starts a job.
const NONE = {} as const;
const ASSET = { asset: true } as const;
const ID = { id: true } as const;
const ITEM = { asset: true, id: true } as const;
const PARAMS = { params: "required" } as const;
const MAYBE = { params: "optional" } as const;
const ASSET_PARAMS = { asset: true, params: "required" } as const;
const ASSET_MAYBE = { asset: true, params: "optional" } as const;
const ID_PARAMS = { id: true, params: "required" } as const;
const ID_MAYBE = { id: true, params: "optional" } as const;
const ITEM_PARAMS = { asset: true, id: true, params: "required" } as const;
const ITEM_MAYBE = { asset: true, id: true, params: "optional" } as const;
const LIST = { params: "optional", pages: 50 } as const;
const ASSET_LIST = { asset: true, params: "optional", pages: 50 } as const;
const ITEM_PAGES = { asset: true, id: true, params: "optional", pages: 100 } as const;
const RECOMMEND = { params: "required", assetIn: "asset_id" } as const;
const ASSET_JOB = { asset: true, job: true } as const;

/**
 * Every read of every resource. A read's key is `[…all, <segment>, …ids, params]`, under `asset(a)`
 * where `asset` or `assetIn` says so; its segment is the method's name less a leading `list` or `get`
 * (`listInbox` → `inbox`, `getRule` → `rule`). An infinite twin's key ends `"infinite", <params
 * without offset>`, so the list's prefix covers both.
 */
export const READS = {
  assets: { list: LIST, get: ASSET },
  freshness: {
    summary: NONE,
    list: LIST,
    get: ASSET,
    requireFresh: ASSET_MAYBE,
    listSchedules: LIST,
  },
  schema: { summary: NONE, changes: LIST, get: ASSET },
  lineage: { list: LIST, get: ASSET_MAYBE },
  tags: { list: { params: "required", assetIn: "asset", pages: 100 } },
  intelligence: {},
  investigations: { get: ID },
  jobs: { status: ID },
  metrics: {
    summary: ASSET,
    list: ASSET_LIST,
    get: ITEM_MAYBE,
    snapshots: ITEM_PAGES,
  },
  validity: { summary: ASSET, list: ASSET_LIST, get: ITEM, results: ITEM_PAGES },
  referential: { summary: ASSET, list: ASSET_LIST, get: ITEM, results: ITEM_PAGES },
  alerts: {
    summary: NONE,
    list: LIST,
    listInbox: LIST,
    rules: LIST,
    getRule: ID,
    listDestinations: LIST,
    getDestination: ID,
    history: ID,
    trends: MAYBE,
  },
  apiKeys: { list: LIST, get: ID, usage: NONE },
  badges: { list: { params: "optional", pages: 100 }, get: ID, getStatus: ID },
  health: { summary: NONE },
  recommendations: { freshness: RECOMMEND, metrics: RECOMMEND, coverage: RECOMMEND, thresholds: RECOMMEND },
} as const satisfies { readonly [R in ResourceName]: { readonly [M in keyof Client[R]]?: ReadCall } };

/**
 * Every write of every resource: how `armorMutations` calls it. Its builder takes the write's path ids
 * (and `JobWaitOptions` where `job`), its `mutate()` the params object (or nothing where it has none).
 */
export const WRITES = {
  assets: { create: PARAMS, testConnection: ASSET, triggerDiscovery: ASSET_JOB },
  freshness: {
    refresh: ASSET_JOB,
    createSchedule: PARAMS,
    updateSchedule: ID_PARAMS,
    deleteSchedule: ID,
    dryRun: PARAMS,
  },
  schema: {
    refresh: ASSET_JOB,
    createBaseline: ASSET_MAYBE,
    enableMonitoring: ASSET_MAYBE,
    disableMonitoring: ASSET,
    dryRun: PARAMS,
  },
  tags: { create: PARAMS, apply: PARAMS, bulkApply: PARAMS },
  intelligence: { ask: PARAMS, generate: PARAMS },
  investigations: { explain: PARAMS },
  metrics: { create: ASSET_PARAMS, update: ITEM_PARAMS, delete: ITEM, capture: ITEM, dryRun: PARAMS },
  validity: {
    create: ASSET_PARAMS,
    update: ITEM_PARAMS,
    delete: ITEM,
    check: ITEM_MAYBE,
  },
  referential: { create: ASSET_PARAMS, update: ITEM_PARAMS, delete: ITEM, execute: ITEM },
  alerts: {
    createRule: PARAMS,
    deleteRule: ID,
    createDestination: PARAMS,
    deleteDestination: ID,
    acknowledge: ID_MAYBE,
    resolve: ID_MAYBE,
    dismiss: ID_MAYBE,
    snooze: ID_PARAMS,
    preview: MAYBE,
  },
  apiKeys: { create: PARAMS, revoke: ID },
  badges: { create: PARAMS, update: ID_MAYBE, delete: ID },
} as const satisfies { readonly [R in ResourceName]?: { readonly [M in keyof Client[R]]?: WriteCall } };

/** The reads of each resource, as declared. */
export type Reads = typeof READS;
/** The writes of each resource, as declared. */
export type Writes = typeof WRITES;

/**
 * A write the table covers, as `"<resource>.<method>"`: one per entry of `WRITES`, and so one per line
 * of the invalidation table.
 */
export type WriteName = { [R in keyof Writes]: `${R}.${keyof Writes[R] & string}` }[keyof Writes];

/** `client[R][M]` as a function type. */
export type Method<R extends ResourceName, M extends PropertyKey> = M extends keyof Client[R]
  ? Client[R][M] extends (...args: never[]) => unknown
    ? Client[R][M]
    : never
  : never;

/** The position of a call's params: after its asset and id. */
export type ParamsAt<C> = C extends { asset: true } ? (C extends { id: true } ? 2 : 1) : C extends { id: true } ? 1 : 0;

/** How many arguments a call takes before `options`. */
export type ArityOf<C> = C extends { params: string } ? [1, 2, 3][ParamsAt<C>] : ParamsAt<C>;

/** The first `N` elements of a parameter list, names and optionality kept. */
type Take<T extends readonly unknown[], N extends number> = Required<T>["length"] extends N
  ? T
  : T extends readonly [...infer H, unknown?]
    ? Take<H, N>
    : never;

/** The first `N` arguments of `client[R][M]`, with the method's own names. */
export type ArgsOf<R extends ResourceName, M extends PropertyKey, N extends number> = Take<Parameters<Method<R, M>>, N>;
