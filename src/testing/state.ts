/**
 * The sandbox's store: every record the API serves, plus the seeded PRNG, the clock, the job engine and
 * the effect counter. Routes read and change this object; they never keep state of their own, so
 * `reset()` (which rebuilds the store in place) brings everything back to its first answers.
 *
 * Time inside records is epoch milliseconds (numbers); routes turn it into ISO strings with `iso()`.
 */
import type { InternalClock } from "./clock";
import { HttpError, notFound } from "./respond";

// ---------------------------------------------------------------------------------------------------------
// PRNG

/** A seeded pseudo-random source (mulberry32): same seed, same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** The stream's position, for {@link Rng.load}. */
  save(): number;
  /** Moves the stream back to a position {@link Rng.save} returned. */
  load(position: number): void;
}

/** Creates a {@link Rng} from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    save: () => a,
    load: (position) => {
      a = position >>> 0;
    },
  };
}

/** Mixes a seed with a stream name so that separate streams (ids, keys, rows) never shift each other. */
export function subSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------------
// Records

/** An API key scope. */
export type Scope = "read-only" | "read-write" | "admin";

/** An API key the sandbox accepts. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The full secret. */
  key: string;
  scope: Scope;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  rate_limit_per_min: number;
  burst_limit: number;
}

/** A table column. */
export interface Column {
  /** The column's name, as rows key it. */
  name: string;
  /** SQL-ish type name: `integer`, `varchar`, `numeric`, `timestamp`, `boolean`, `date`. */
  type: string;
  /** Whether rows may hold `null` here. */
  nullable: boolean;
}

/** A table row: column name → JSON value. */
export type Row = Record<string, unknown>;

/** A data source (asset_type `database`), qualified `<source_type>.<database>`. */
export interface SourceRecord {
  kind: "source";
  id: string;
  internal_id: number;
  name: string;
  qualified_name: string;
  source_type: string;
  database_name: string;
  description: string | null;
  connection_config: Record<string, unknown>;
  is_active: boolean;
  created_at: number;
  updated_at: number;
  /** When discovery last completed (null: never, so the catalogue under it is what was seeded). */
  discovered_at: number | null;
}

/** A table or view, qualified `<source_type>.<database>.<schema>.<table>`. */
export interface TableRecord {
  kind: "table";
  id: string;
  internal_id: number;
  source_id: string;
  /** Table name (same as `table_name`). */
  name: string;
  qualified_name: string;
  asset_type: "table" | "view";
  schema_name: string;
  table_name: string;
  description: string | null;
  columns: Column[];
  rows: Row[];
  /** Load times (epoch ms, ascending); the last one is the table's last update. */
  loads: number[];
  /** Staleness threshold in whole hours; null: none configured (freshness `unknown`). */
  threshold_hours: number | null;
  /** False: freshness monitoring off (`disabled`). */
  freshness_enabled: boolean;
  /** Last explicit freshness re-check (a refresh job). */
  last_checked_at: number | null;
  is_active: boolean;
  created_at: number;
  updated_at: number;
}

/** Either kind of asset. */
export type AssetRecord = SourceRecord | TableRecord;

/** A recorded schema change. */
export interface SchemaChangeRecord {
  id: string;
  /** The table's id. */
  asset_id: string;
  change_type: "column_added" | "column_removed" | "type_changed" | "table_added" | "table_removed" | (string & {});
  severity: "critical" | "warning" | "info";
  column_name: string | null;
  old_value: string | null;
  new_value: string | null;
  detected_at: number;
  acknowledged: boolean;
}

/** A captured schema baseline of an asset (columns per table at capture time). */
export interface SchemaBaselineRecord {
  id: string;
  asset_id: string;
  description: string | null;
  captured_at: number;
  tables: Record<string, Column[]>;
}

/** Schema-drift monitoring settings of an asset. */
export interface SchemaMonitoringRecord {
  asset_id: string;
  enabled: boolean;
  schedule_type: string;
  baseline_id: string | null;
  enabled_at: number;
  last_check_at: number | null;
}

/** A lineage edge between two tables (ids). */
export interface LineageEdgeRecord {
  source: string;
  target: string;
  edge_type: string;
  confidence: number;
}

/** A tag on an asset object. */
export interface TagRecord {
  id: string;
  name: string;
  category: string;
  description: string | null;
  /** The asset the tag was created or applied through (source or table id). */
  asset_id: string;
  object_path: string | null;
  object_type: string | null;
  created_at: number;
}

/** A freshness schedule. */
export interface FreshnessScheduleRecord {
  id: string;
  asset_id: string;
  table_path: string;
  /** The table the path resolved to. */
  table_id: string;
  check_interval: string;
  expected_interval_hours: number | null;
  freshness_column: string | null;
  monitoring_mode: string;
  is_active: boolean;
  created_at: number;
  updated_at: number | null;
  last_check: number | null;
}

/** A status badge. */
export interface BadgeRecord {
  id: string;
  internal_id: number;
  label: string;
  asset_id: string;
  tag_filters: string[];
  schema_drift_enabled: boolean;
  freshness_enabled: boolean;
  include_upstream: boolean;
  is_active: boolean;
  created_at: number;
  updated_at: number;
}

/** A background job (discovery, freshness/schema refresh, intelligence generation). */
export interface JobRecord {
  job_id: string;
  workflow_name: string;
  asset_id: string | null;
  created_at: number;
  /** Set when the job ends `failed`. */
  error: string | null;
  /** Applied exactly once, when the job completes, with the completion time. */
  apply: ((at: number) => void) | null;
  applied: boolean;
}

/** A metric definition (owned by the metrics routes). */
export interface MetricRecord {
  id: string;
  internal_id: number;
  /** Asset the metric was created on (source or table id). */
  asset_id: string;
  table_id: string;
  table_path: string;
  metric_type: string;
  column_name: string | null;
  capture_interval: string;
  sensitivity: number;
  is_active: boolean;
  group_by_columns: string[] | null;
  percentile_value: number | null;
  created_at: number;
  [extra: string]: unknown;
}

/** A metric snapshot. */
export interface MetricSnapshotRecord {
  id: number;
  metric_definition_id: number;
  value: number;
  group_values: Record<string, unknown> | null;
  captured_at: number;
  is_anomaly: boolean;
  z_score: number | null;
  status: string | null;
  [extra: string]: unknown;
}

/** A validity rule (owned by the validity routes). */
export interface ValidityRuleRecord {
  id: number;
  uuid: string;
  asset_id: string;
  table_id: string;
  table_path: string;
  rule_type: string;
  column_name: string | null;
  name: string | null;
  description: string | null;
  rule_config: Record<string, unknown> | null;
  error_message: string | null;
  severity: string;
  is_active: boolean;
  alert_threshold_percent: number | null;
  treat_null_as_valid: boolean;
  check_interval: string;
  created_at: number;
  latest_status: string | null;
  [extra: string]: unknown;
}

/** A validity check result. */
export interface ValidityResultRecord {
  id: number;
  validity_rule_id: number;
  status: string;
  total_rows: number;
  invalid_count: number;
  invalid_percent: number;
  invalid_samples: Record<string, unknown> | null;
  execution_duration_ms: number | null;
  error_message: string | null;
  checked_at: number;
  [extra: string]: unknown;
}

/** A referential check (owned by the referential routes). */
export interface ReferentialCheckRecord {
  id: string;
  internal_id: number;
  asset_id: string;
  child_table_id: string;
  parent_table_id: string;
  child_table_path: string;
  child_column_name: string;
  parent_table_path: string;
  parent_column_name: string;
  name: string | null;
  description: string | null;
  capture_interval: string;
  max_orphan_count: number | null;
  max_orphan_percent: number | null;
  min_child_count: number | null;
  max_child_count: number | null;
  is_active: boolean;
  last_checked_at: number | null;
  created_at: number;
  [extra: string]: unknown;
}

/** A referential check result. */
export interface ReferentialResultRecord {
  id: number;
  referential_check_id: number;
  status: string;
  orphan_count: number;
  orphan_percent: number;
  total_child_rows: number;
  checked_at: number;
  [extra: string]: unknown;
}

/** An alert (owned by the alerts routes). */
export interface AlertRecord {
  id: string;
  rule_id: string | null;
  rule_name: string | null;
  asset_id: string | null;
  event_type: string;
  severity: string;
  /** `triggered`, `acknowledged`, `resolved`, `dismissed`, `snoozed`. */
  status: string;
  title: string;
  message: string;
  triggered_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  dismissed_at: number | null;
  snoozed_until: number | null;
  notes: string | null;
  history: { action: string; timestamp: number; user_id: string | null; notes: string | null }[];
  [extra: string]: unknown;
}

/** An alert rule. */
export interface AlertRuleRecord {
  id: string;
  name: string;
  description: string | null;
  rule_type: string;
  severity: string;
  enabled: boolean;
  destination_ids: string[];
  event_types: string[];
  severities: string[];
  created_at: number;
  [extra: string]: unknown;
}

/** An alert destination. */
export interface AlertDestinationRecord {
  id: string;
  name: string;
  destination_type: string;
  config: Record<string, unknown>;
  is_active: boolean;
  is_verified: boolean;
  created_at: number;
  [extra: string]: unknown;
}

/** Intelligence generated for an asset. */
export interface IntelligenceRecord {
  asset_id: string;
  job_id: string;
  generated_at: number;
  include_schemas: string | null;
  token_count: number;
}

// ---------------------------------------------------------------------------------------------------------
// The store

/** Options the store was built with. */
export interface StateOptions {
  dataset: "demo" | "empty";
  seed: number;
}

/** Milliseconds a job stays `pending`. */
export const JOB_PENDING_MS = 1000;
/** Milliseconds after which a job is `completed`. */
export const JOB_DONE_MS = 5000;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function emptyCollections() {
  return {
    apiKeys: [] as ApiKeyRecord[],
    sources: [] as SourceRecord[],
    tables: [] as TableRecord[],
    schemaChanges: [] as SchemaChangeRecord[],
    baselines: [] as SchemaBaselineRecord[],
    schemaMonitoring: new Map<string, SchemaMonitoringRecord>(),
    lineage: [] as LineageEdgeRecord[],
    tags: [] as TagRecord[],
    schedules: [] as FreshnessScheduleRecord[],
    badges: [] as BadgeRecord[],
    jobs: [] as JobRecord[],
    intelligence: new Map<string, IntelligenceRecord>(),
    metrics: [] as MetricRecord[],
    snapshots: [] as MetricSnapshotRecord[],
    validityRules: [] as ValidityRuleRecord[],
    validityResults: [] as ValidityResultRecord[],
    referentialChecks: [] as ReferentialCheckRecord[],
    referentialResults: [] as ReferentialResultRecord[],
    alerts: [] as AlertRecord[],
    alertRules: [] as AlertRuleRecord[],
    alertDestinations: [] as AlertDestinationRecord[],
    /** Occurrence keys the alert watcher has considered (at most one alert per occurrence, ever). */
    alertKeysSeen: new Set<string>(),
  };
}

type Collections = ReturnType<typeof emptyCollections>;

/** The sandbox store. One instance lives as long as its sandbox; `reset()` rebuilds it in place. */
export class State {
  /** Build options. */
  readonly options: StateOptions;
  /** The clock (shared with the sandbox). */
  readonly clock: InternalClock;
  /** Data PRNG (catalogue rows, simulated values); reseeded on reset. */
  rng!: Rng;
  /** Count of applied state changes per operation name. */
  effects!: Record<string, number>;
  #idRng!: Rng;
  #counters!: Map<string, number>;
  readonly #seeders: ((state: State) => void)[] = [];
  readonly #watchers: ((state: State) => void)[] = [];
  #settling = false;
  /** Operations counted while {@link State.collectEffects} runs. */
  #journal: string[] | undefined;

  // Collections (see emptyCollections); declared for typing, filled by reset().
  apiKeys!: Collections["apiKeys"];
  sources!: Collections["sources"];
  tables!: Collections["tables"];
  schemaChanges!: Collections["schemaChanges"];
  baselines!: Collections["baselines"];
  schemaMonitoring!: Collections["schemaMonitoring"];
  lineage!: Collections["lineage"];
  tags!: Collections["tags"];
  schedules!: Collections["schedules"];
  badges!: Collections["badges"];
  jobs!: Collections["jobs"];
  intelligence!: Collections["intelligence"];
  metrics!: Collections["metrics"];
  snapshots!: Collections["snapshots"];
  validityRules!: Collections["validityRules"];
  validityResults!: Collections["validityResults"];
  referentialChecks!: Collections["referentialChecks"];
  referentialResults!: Collections["referentialResults"];
  alerts!: Collections["alerts"];
  alertRules!: Collections["alertRules"];
  alertDestinations!: Collections["alertDestinations"];
  alertKeysSeen!: Collections["alertKeysSeen"];

  /**
   * @param options - dataset and seed
   * @param clock - the sandbox clock
   */
  constructor(options: StateOptions, clock: InternalClock) {
    this.options = options;
    this.clock = clock;
    this.#clear();
  }

  #clear(): void {
    Object.assign(this, emptyCollections());
    this.rng = createRng(subSeed(this.options.seed, "data"));
    this.#idRng = createRng(subSeed(this.options.seed, "ids"));
    this.#counters = new Map();
    this.effects = {};
  }

  /**
   * Registers a function that fills initial data; it runs now and after every reset, in registration order.
   * Route modules use it for demo records of their own (alert rules, seeded metrics…).
   */
  seeder(fn: (state: State) => void): void {
    this.#seeders.push(fn);
    fn(this);
  }

  /**
   * Registers a function run on every settle (each request, each admin call), after due jobs are applied.
   * What it changes it counts with {@link State.effect}, as any write does.
   */
  watch(fn: (state: State) => void): void {
    this.#watchers.push(fn);
  }

  /** Empties the store, puts the clock back at `start` and runs every seeder again. */
  reset(): void {
    this.clock.reset();
    this.#clear();
    for (const fn of this.#seeders) fn(this);
  }

  // ---- time and ids ----------------------------------------------------------------------------------------

  /** Sandbox time, epoch ms. */
  now(): number {
    return this.clock.nowMs();
  }

  /** An epoch-ms time (default: now) as ISO-8601 with `Z`; `null` stays `null`. */
  iso(ms?: number): string;
  iso(ms: number | null): string | null;
  iso(ms?: number | null): string | null {
    if (ms === null) return null;
    return new Date(ms ?? this.now()).toISOString();
  }

  /** A deterministic v4-shaped UUID (its own PRNG stream, so data generation never shifts ids). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 32; i++) hex.push(Math.floor(this.#idRng.next() * 16).toString(16));
    hex[12] = "4";
    hex[16] = "89ab"[Math.floor(this.#idRng.next() * 4)] as string;
    const h = hex.join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** The next integer id of a kind (1, 2, 3…), for models whose id is an int. */
  nextInt(kind: string): number {
    const n = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, n);
    return n;
  }

  /** Counts `n` applied state changes of an operation. */
  effect(op: string, n = 1): void {
    if (n <= 0) return;
    this.effects[op] = (this.effects[op] ?? 0) + n;
    if (this.#journal) for (let i = 0; i < n; i++) this.#journal.push(op);
  }

  /**
   * Runs `fn` (synchronous: a route handler) and reports the operations it counted, once per count, so
   * that a request's log entry names the changes it applied.
   */
  collectEffects<T>(fn: () => T): { value: T; effects: string[] } {
    const outer = this.#journal;
    const effects: string[] = [];
    this.#journal = effects;
    try {
      return { value: fn(), effects };
    } finally {
      this.#journal = outer;
      outer?.push(...effects);
    }
  }

  // ---- checkpoints -----------------------------------------------------------------------------------------

  /**
   * Remembers everything a handler could change — every record reachable from the collections, in place,
   * the PRNG streams, the id counters and the effects — and returns a function that puts it all back.
   * The router takes one before each write, so that a refused or failed write leaves no trace (not even a
   * consumed id); records keep their identity, so jobs and references made earlier stay valid.
   */
  checkpoint(): () => void {
    const saved = new Map<object, unknown[]>();
    // Rows change only through `admin` and jobs (never inside a handler), and a persisted investigation
    // never changes: their containers are kept, their insides not walked (the walk is what a write costs).
    const opaque = (key: string) => key === "rows" || key === "investigation";
    const visit = (value: unknown, walk = true): void => {
      if (value === null || typeof value !== "object" || saved.has(value)) return;
      if (Array.isArray(value)) {
        saved.set(value, value.slice());
        if (walk) for (const item of value) visit(item);
      } else if (value instanceof Map) {
        const entries = [...value.entries()];
        saved.set(value, entries);
        for (const [, item] of entries) visit(item);
      } else if (value instanceof Set) {
        saved.set(value, [...value]);
      } else if (walk) {
        const entries = Object.entries(value);
        saved.set(value, entries);
        for (const [key, item] of entries) if (!opaque(key) || Array.isArray(item)) visit(item, !opaque(key));
      }
    };
    const fields = Object.keys(emptyCollections()) as (keyof Collections)[];
    const top = fields.map((name) => [name, this[name]] as const);
    for (const [, collection] of top) visit(collection);
    visit(this.effects);
    const effects = this.effects;
    const rng = this.rng.save();
    const idRng = this.#idRng.save();
    const counters = new Map(this.#counters);
    return () => {
      for (const [target, copy] of saved) {
        if (Array.isArray(target)) {
          if (target.length !== copy.length) target.length = copy.length;
          for (let i = 0; i < copy.length; i++) if (target[i] !== copy[i]) target[i] = copy[i];
        } else if (target instanceof Map) {
          target.clear();
          for (const [k, v] of copy as [unknown, unknown][]) target.set(k, v);
        } else if (target instanceof Set) {
          target.clear();
          for (const v of copy) target.add(v);
        } else {
          // Assign only what differs and delete only what was added: records keep their fast shape.
          const record = target as Record<string, unknown>;
          const entries = copy as [string, unknown][];
          if (Object.keys(record).length !== entries.length) {
            const had = new Set(entries.map(([k]) => k));
            for (const key of Object.keys(record)) if (!had.has(key)) delete record[key];
          }
          for (const [k, v] of entries) {
            if (record[k] === v && Object.hasOwn(record, k)) continue;
            Object.defineProperty(record, k, { value: v, writable: true, enumerable: true, configurable: true });
          }
        }
      }
      for (const [name, collection] of top) (this as Record<string, unknown>)[name] = collection;
      this.effects = effects;
      this.rng.load(rng);
      this.#idRng.load(idRng);
      this.#counters = counters;
    };
  }

  // ---- assets ----------------------------------------------------------------------------------------------

  /** Every asset, sources first then tables, in creation order. */
  assets(): AssetRecord[] {
    return [...this.sources, ...this.tables];
  }

  /**
   * Finds an asset by UUID, qualified name or internal id; with `loose`, also by short UUID (≥ 8 leading
   * hex digits) or plain name when unique.
   */
  findAsset(ref: string, loose = false): AssetRecord | undefined {
    const all = this.assets();
    const lower = ref.toLowerCase();
    const exact = UUID_RE.test(ref)
      ? all.find((a) => a.id === lower)
      : (all.find((a) => a.qualified_name === ref) ??
        (/^\d+$/.test(ref) ? this.#byInternalId(Number(ref)) : undefined));
    if (exact || !loose) return exact;
    const matches = /^[0-9a-f-]{8,}$/i.test(ref)
      ? all.filter((a) => a.id.startsWith(lower))
      : all.filter((a) => a.name === ref);
    return matches.length === 1 ? matches[0] : undefined;
  }

  #byInternalId(n: number): AssetRecord | undefined {
    return this.sources.find((s) => s.internal_id === n) ?? this.tables.find((t) => t.internal_id === n);
  }

  /**
   * Like {@link State.findAsset} but answers 404 `ASSET_NOT_FOUND` for an unknown reference.
   * @throws HttpError 404
   */
  asset(ref: string, loose = false): AssetRecord {
    const found = this.findAsset(ref, loose);
    if (!found) throw new HttpError(404, "ASSET_NOT_FOUND", `Asset '${ref}' not found`, { asset_id: ref });
    return found;
  }

  /** The source of an asset (itself for a source). */
  sourceOf(asset: AssetRecord): SourceRecord {
    if (asset.kind === "source") return asset;
    const source = this.sources.find((s) => s.id === asset.source_id);
    if (!source) throw new HttpError(500, "INTERNAL_ERROR", `Table ${asset.qualified_name} has no source`);
    return source;
  }

  /** The tables an asset covers: all of a source's tables, or the table itself. */
  tablesOf(asset: AssetRecord): TableRecord[] {
    return asset.kind === "table" ? [asset] : this.tables.filter((t) => t.source_id === asset.id);
  }

  /**
   * The `asset_id`s a list filtered by `asset` admits: the asset's own id and, for a source, the ids of
   * its tables. An item is listed only when the `asset_id` it carries is one of them.
   */
  idsUnder(asset: AssetRecord): Set<string> {
    return new Set([asset.id, ...(asset.kind === "source" ? this.tablesOf(asset).map((t) => t.id) : [])]);
  }

  /** `<schema>.<table>` of a table. */
  tablePath(table: TableRecord): string {
    return `${table.schema_name}.${table.table_name}`;
  }

  /** Finds a table by `<schema>.<table>` (or its qualified name) within the source of `asset`. */
  findTable(asset: AssetRecord, tablePath: string): TableRecord | undefined {
    const source = this.sourceOf(asset);
    return this.tables.find(
      (t) => t.source_id === source.id && (this.tablePath(t) === tablePath || t.qualified_name === tablePath),
    );
  }

  /**
   * Resolves a `table_path` param within the source of `asset`.
   * @throws HttpError 404 `NOT_FOUND` when no such table exists there
   */
  table(asset: AssetRecord, tablePath: string): TableRecord {
    const found = this.findTable(asset, tablePath);
    if (!found) {
      throw new HttpError(
        404,
        "NOT_FOUND",
        `Table '${tablePath}' not found in ${this.sourceOf(asset).qualified_name}`,
        {
          resource_type: "table",
          resource_id: tablePath,
        },
      );
    }
    return found;
  }

  /** The column of a table, or a 404 `NOT_FOUND`. */
  column(table: TableRecord, name: string): Column {
    const found = table.columns.find((c) => c.name === name);
    if (!found) throw notFound("column", `${this.tablePath(table)}.${name}`);
    return found;
  }

  /** Time of a table's last load, or null. */
  lastLoad(table: TableRecord): number | null {
    return table.loads.length ? (table.loads[table.loads.length - 1] as number) : null;
  }

  /** The threshold in force: an active explicit schedule's interval, else the table's own. */
  thresholdOf(table: TableRecord): number | null {
    const schedule = this.schedules.find(
      (s) => s.table_id === table.id && s.is_active && s.expected_interval_hours !== null,
    );
    return schedule ? Math.ceil(schedule.expected_interval_hours as number) : table.threshold_hours;
  }

  // ---- catalogue changes (used by the demo catalogue, the admin API, assets.create and discovery) -----------

  /**
   * Adds a source. Its qualified name is `<source_type>.<database>`.
   * @throws HttpError 409 `CONFLICT` when that name is taken
   */
  createSource(input: {
    source_type: string;
    database: string;
    name?: string | undefined;
    description?: string | null | undefined;
    connection_config?: Record<string, unknown> | undefined;
    created_at?: number | undefined;
  }): SourceRecord {
    const qualified = `${input.source_type}.${input.database}`;
    if (this.findAsset(qualified))
      throw new HttpError(409, "CONFLICT", `Asset '${qualified}' already exists`, { qualified_name: qualified });
    const at = input.created_at ?? this.now();
    const source: SourceRecord = {
      kind: "source",
      id: this.uuid(),
      internal_id: this.nextInt("asset"),
      name: input.name ?? input.database,
      qualified_name: qualified,
      source_type: input.source_type,
      database_name: input.database,
      description: input.description ?? null,
      connection_config: input.connection_config ?? {},
      is_active: true,
      created_at: at,
      updated_at: at,
      discovered_at: null,
    };
    this.sources.push(source);
    return source;
  }

  /**
   * Adds a table or view to a source. Its qualified name is `<source>.<schema>.<table>`.
   * @throws HttpError 409 `CONFLICT` when that name is taken
   */
  createTable(input: {
    source: SourceRecord;
    schema: string;
    table: string;
    asset_type?: "table" | "view" | undefined;
    columns: Column[];
    rows?: Row[] | undefined;
    loads?: number[] | undefined;
    threshold_hours?: number | null | undefined;
    freshness_enabled?: boolean | undefined;
    description?: string | null | undefined;
    created_at?: number | undefined;
  }): TableRecord {
    const qualified = `${input.source.qualified_name}.${input.schema}.${input.table}`;
    if (this.findAsset(qualified))
      throw new HttpError(409, "CONFLICT", `Asset '${qualified}' already exists`, { qualified_name: qualified });
    const at = input.created_at ?? this.now();
    const table: TableRecord = {
      kind: "table",
      id: this.uuid(),
      internal_id: this.nextInt("asset"),
      source_id: input.source.id,
      name: input.table,
      qualified_name: qualified,
      asset_type: input.asset_type ?? "table",
      schema_name: input.schema,
      table_name: input.table,
      description: input.description ?? null,
      columns: input.columns.map((c) => ({ ...c })),
      rows: input.rows ?? [],
      loads: [...(input.loads ?? [])].sort((a, b) => a - b),
      threshold_hours: input.threshold_hours === undefined ? 24 : input.threshold_hours,
      freshness_enabled: input.freshness_enabled ?? true,
      last_checked_at: null,
      is_active: true,
      created_at: at,
      updated_at: at,
    };
    this.tables.push(table);
    return table;
  }

  /** Records a data load into a table (its freshness restarts from `at`). */
  recordLoad(table: TableRecord, at = this.now()): void {
    table.loads.push(at);
    table.loads.sort((a, b) => a - b);
    table.updated_at = Math.max(table.updated_at, at);
  }

  /**
   * Changes a table's columns and records one schema change per difference: added (info), removed
   * (critical), type changed (warning).
   */
  alterColumns(
    table: TableRecord,
    change: { add?: Column[] | undefined; drop?: string[] | undefined; retype?: Record<string, string> | undefined },
    at = this.now(),
  ): SchemaChangeRecord[] {
    const recorded: SchemaChangeRecord[] = [];
    const record = (
      change_type: SchemaChangeRecord["change_type"],
      severity: SchemaChangeRecord["severity"],
      column: string,
      old_value: string | null,
      new_value: string | null,
    ) => {
      const c: SchemaChangeRecord = {
        id: this.uuid(),
        asset_id: table.id,
        change_type,
        severity,
        column_name: column,
        old_value,
        new_value,
        detected_at: at,
        acknowledged: false,
      };
      this.schemaChanges.push(c);
      recorded.push(c);
    };
    for (const name of change.drop ?? []) {
      const col = table.columns.find((c) => c.name === name);
      if (!col) continue;
      table.columns = table.columns.filter((c) => c.name !== name);
      for (const row of table.rows) delete row[name];
      record("column_removed", "critical", name, col.type, null);
    }
    for (const [name, type] of Object.entries(change.retype ?? {})) {
      const col = table.columns.find((c) => c.name === name);
      if (!col || col.type === type) continue;
      record("type_changed", "warning", name, col.type, type);
      col.type = type;
    }
    for (const col of change.add ?? []) {
      if (table.columns.some((c) => c.name === col.name)) continue;
      table.columns.push({ ...col });
      for (const row of table.rows) row[col.name] = null;
      record("column_added", "info", col.name, null, col.type);
    }
    if (recorded.length) table.updated_at = Math.max(table.updated_at, at);
    return recorded;
  }

  // ---- jobs ------------------------------------------------------------------------------------------------

  /**
   * Starts a job at the current time: `pending`, `running` after 1 s, `completed` after 5 s, when `apply`
   * runs exactly once and `job.<workflow>` is counted in the effects.
   */
  startJob(workflow: string, assetId: string | null, apply?: (at: number) => void): JobRecord {
    const job: JobRecord = {
      job_id: this.uuid(),
      workflow_name: workflow,
      asset_id: assetId,
      created_at: this.now(),
      error: null,
      apply: apply ?? null,
      applied: false,
    };
    this.jobs.push(job);
    return job;
  }

  /** A job by id, or a 404 `NOT_FOUND`. */
  job(id: string): JobRecord {
    const found = this.jobs.find((j) => j.job_id === id);
    if (!found) throw notFound("job", id);
    return found;
  }

  /** Applies every job that is due and runs watchers. Called before each request and admin call. */
  settle(): void {
    if (this.#settling) return;
    this.#settling = true;
    try {
      const now = this.now();
      const due = this.jobs
        .filter((j) => !j.applied && now >= j.created_at + JOB_DONE_MS)
        .sort((a, b) => a.created_at - b.created_at);
      for (const job of due) {
        job.applied = true;
        if (job.error === null) {
          job.apply?.(job.created_at + JOB_DONE_MS);
          this.effect(`job.${job.workflow_name}`);
        }
      }
      for (const fn of this.#watchers) fn(this);
    } finally {
      this.#settling = false;
    }
  }
}
