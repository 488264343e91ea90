/**
 * The demo dataset: four sources, fourteen tables wired raw → staging → warehouse → marts, rows with
 * deliberate faults (so checks fail), load histories (so some tables are fresh and some stale at `start`),
 * schema history, tags, a schema baseline, and alert rules and destinations. Everything random comes from `state.rng`, so a seed always
 * builds the same catalogue. README.md in this folder documents what is here and why.
 */
import { evaluateAlerts, ruleSeverityOf, ruleTypeOf } from "./engines/alerts";
import type { AlertDestinationRecord, Column, Rng, Row, SourceRecord, State, TableRecord } from "./state";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Compact column declaration: `"name:type"`, with a trailing `?` for nullable. */
function cols(...specs: string[]): Column[] {
  return specs.map((spec) => {
    const nullable = spec.endsWith("?");
    const [name, type] = (nullable ? spec.slice(0, -1) : spec).split(":") as [string, string];
    return { name, type, nullable };
  });
}

const FIRST = [
  "ada",
  "grace",
  "alan",
  "edsger",
  "barbara",
  "ken",
  "linus",
  "margaret",
  "donald",
  "radia",
  "tim",
  "frances",
  "john",
  "katherine",
  "niklaus",
];
const LAST = [
  "lovelace",
  "hopper",
  "turing",
  "dijkstra",
  "liskov",
  "thompson",
  "torvalds",
  "hamilton",
  "knuth",
  "perlman",
  "berners",
  "allen",
  "backus",
  "johnson",
  "wirth",
];
const COUNTRIES = ["US", "GB", "DE", "FR", "NL", "SE", "JP", "BR", "CA", "AU"];
const STATUSES = ["pending", "shipped", "delivered", "cancelled"];
const METHODS = ["card", "paypal", "bank_transfer"];
const CATEGORIES = ["books", "electronics", "garden", "toys", "kitchen"];

const money = (rng: Rng, min: number, max: number) => Math.round((min + rng.next() * (max - min)) * 100) / 100;
const isoAt = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => isoAt(ms).slice(0, 10);

/**
 * Load times ending at `last`: one every `every` hours (± 10 % jitter) back over `days` days, never before
 * the table existed.
 */
function history(rng: Rng, last: number, everyHours: number, days: number): number[] {
  const out: number[] = [];
  const from = last - days * DAY;
  for (let t = last; t >= from; t -= everyHours * HOUR) {
    const jitter = t === last ? 0 : Math.round((rng.next() - 0.5) * 0.2 * everyHours * HOUR);
    out.push(t + jitter);
  }
  return out.reverse();
}

/**
 * Fills `state` with the demo catalogue as of the clock's current time (the sandbox's `start`).
 */
export function loadDemo(state: State): void {
  const rng = state.rng;
  const now = state.now();
  const born = now - 120 * DAY;

  const source = (source_type: string, database: string, name: string, description: string): SourceRecord =>
    state.createSource({ source_type, database, name, description, connection_config: { database }, created_at: born });

  const pg = source(
    "postgresql",
    "analytics",
    "Postgres analytics (app replica)",
    "Read replica of the shop's operational database: raw tables.",
  );
  const sf = source(
    "snowflake",
    "prod",
    "Snowflake production warehouse",
    "Staging, warehouse and marts built by the nightly dbt run.",
  );
  const db = source("databricks", "lakehouse", "Databricks lakehouse", "Clickstream events and ML feature tables.");
  const bq = source("bigquery", "marketing", "BigQuery marketing", "Ad spend and attribution exports.");

  interface Spec {
    source: SourceRecord;
    path: string;
    view?: boolean;
    columns: Column[];
    rows: Row[];
    /** Hours before `start` of the last load; null: never loaded. */
    lastAgo: number | null;
    everyHours: number;
    threshold: number | null;
    enabled?: boolean;
    description: string;
  }
  const make = (s: Spec): TableRecord => {
    const [schema, table] = s.path.split(".") as [string, string];
    const loads = s.lastAgo === null ? [] : history(rng, now - s.lastAgo * HOUR, s.everyHours, 14);
    return state.createTable({
      source: s.source,
      schema,
      table,
      asset_type: s.view ? "view" : "table",
      columns: s.columns,
      rows: s.rows,
      loads,
      threshold_hours: s.threshold,
      freshness_enabled: s.enabled ?? true,
      description: s.description,
      created_at: born + DAY,
    });
  };

  // ---- raw: postgresql.analytics.public -------------------------------------------------------------------
  const customers: Row[] = [];
  for (let id = 1; id <= 120; id++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    customers.push({
      id,
      email: `${first}.${last}${id}@example.com`,
      full_name: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`,
      country: rng.pick(COUNTRIES),
      created_at: isoAt(born + rng.int(0, 110) * DAY),
    });
  }
  // Faults: null emails (rows 7, 42, 88), malformed emails (15, 63, 97, 111), duplicated ids (two extra rows).
  for (const i of [7, 42, 88]) customers[i - 1]!.email = null;
  customers[14]!.email = "not-an-email";
  customers[62]!.email = "n/a";
  customers[96]!.email = "grace.hopper@";
  customers[110]!.email = "@example.com";
  customers.push({ ...customers[9]!, full_name: "Duplicate Row" }, { ...customers[49]!, country: "XX" });

  const orders: Row[] = [];
  for (let id = 1; id <= 200; id++) {
    orders.push({
      id,
      customer_id: rng.int(1, 120),
      amount: money(rng, 5, 500),
      status: rng.pick(STATUSES),
      created_at: isoAt(now - rng.int(1, 60 * 24) * HOUR),
    });
  }
  // Faults: orphan customers (ids ≥ 900), negative and absurd amounts, null amounts, an unknown status.
  for (const [i, c] of [
    [12, 901],
    [57, 902],
    [103, 903],
    [150, 904],
    [188, 905],
  ] as const)
    orders[i]!.customer_id = c;
  orders[20]!.amount = -42.5;
  orders[77]!.amount = -1;
  orders[91]!.amount = 250000;
  orders[140]!.amount = 999999.99;
  orders[33]!.amount = null;
  orders[166]!.amount = null;
  orders[45]!.status = "shipd";

  const payments: Row[] = [];
  for (let id = 1; id <= 150; id++) {
    const order = orders[rng.int(0, 199)]!;
    payments.push({
      id,
      order_id: order.id,
      amount: typeof order.amount === "number" ? Math.abs(order.amount) : 10,
      method: rng.pick(METHODS),
      paid_at: isoAt(now - rng.int(1, 60 * 24) * HOUR),
    });
  }
  for (const [i, o] of [
    [5, 4001],
    [70, 4002],
    [121, 4003],
    [149, 4004],
  ] as const)
    payments[i]!.order_id = o;

  const products: Row[] = [];
  for (let id = 1; id <= 40; id++) {
    products.push({
      id,
      sku: `SKU-${String(1000 + id)}`,
      name: `${rng.pick(CATEGORIES)} item ${id}`,
      price: money(rng, 2, 300),
      category: rng.pick(CATEGORIES),
    });
  }

  const tCustomers = make({
    source: pg,
    path: "public.customers",
    columns: cols("id:integer", "email:varchar?", "full_name:varchar", "country:varchar", "created_at:timestamp"),
    rows: customers,
    lastAgo: 1,
    everyHours: 4,
    threshold: 6,
    description: "Customers as the shop records them (raw; contains duplicates and bad emails).",
  });
  const tOrders = make({
    source: pg,
    path: "public.orders",
    columns: cols("id:integer", "customer_id:integer", "amount:numeric?", "status:varchar", "created_at:timestamp"),
    rows: orders,
    lastAgo: 0.5,
    everyHours: 1,
    threshold: 2,
    description: "Orders, replicated hourly (raw; orphan customers and out-of-range amounts).",
  });
  const tPayments = make({
    source: pg,
    path: "public.payments",
    columns: cols("id:integer", "order_id:integer", "amount:numeric", "method:varchar", "paid_at:timestamp"),
    rows: payments,
    lastAgo: 0.75,
    everyHours: 1,
    threshold: 2,
    description: "Payments, replicated hourly (raw; a few point at orders that do not exist).",
  });
  const tProducts = make({
    source: pg,
    path: "public.products",
    columns: cols("id:integer", "sku:varchar", "name:varchar", "price:numeric", "category:varchar"),
    rows: products,
    lastAgo: 72,
    everyHours: 72,
    threshold: 168,
    description: "Product catalogue, refreshed every few days (clean).",
  });

  // ---- staging / warehouse / marts: snowflake.prod ----------------------------------------------------------
  const seen = new Set<unknown>();
  const stgCustomers = customers
    .filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)))
    .map((c) => ({
      customer_id: c.id,
      email: typeof c.email === "string" ? c.email.toLowerCase() : null,
      country: c.country,
      signup_date: day(Date.parse(c.created_at as string)),
    }));
  const stgOrders = orders.map((o) => ({
    order_id: o.id,
    customer_id: o.customer_id,
    amount: o.amount,
    status: o.status,
    order_date: day(Date.parse(o.created_at as string)),
  }));

  const whCustomers = stgCustomers.slice(0, 115).map((c) => ({
    customer_id: c.customer_id,
    email: c.email,
    country: c.country,
    segment: rng.pick(["consumer", "smb", "enterprise"]),
    lifetime_value: money(rng, 0, 5000),
  }));
  const whOrders: Row[] = stgOrders.slice(0, 180).map((o) => ({
    order_id: o.order_id,
    customer_id: o.customer_id,
    order_date: o.order_date,
    amount: o.amount,
    status: o.status,
    currency: "USD",
  }));
  // Faults: customers 116–120 never reached the warehouse, so their orders are orphans here; one duplicated order.
  whOrders.push({ ...whOrders[3]!, status: "delivered" });

  const revenueDaily: Row[] = [];
  for (let d = 30; d >= 1; d--) {
    const date = day(now - d * DAY);
    const dayOrders = whOrders.filter((o) => o.order_date === date);
    revenueDaily.push({
      date,
      revenue: Math.round(dayOrders.reduce((s, o) => s + (typeof o.amount === "number" ? o.amount : 0), 0) * 100) / 100,
      order_count: dayOrders.length,
    });
  }
  const customerLtv = whCustomers.slice(0, 100).map((c) => ({
    customer_id: c.customer_id,
    ltv: c.lifetime_value,
    predicted_churn: Math.round(rng.next() * 100) / 100,
  }));
  customerLtv[8]!.predicted_churn = 1.7;
  customerLtv[61]!.predicted_churn = -0.2;

  const tStgCustomers = make({
    source: sf,
    path: "staging.stg_customers",
    view: true,
    columns: cols("customer_id:integer", "email:varchar?", "country:varchar", "signup_date:date"),
    rows: stgCustomers,
    lastAgo: 3,
    everyHours: 24,
    threshold: 24,
    description: "Deduplicated, lower-cased customers.",
  });
  const tStgOrders = make({
    source: sf,
    path: "staging.stg_orders",
    view: true,
    columns: cols("order_id:integer", "customer_id:integer", "amount:numeric?", "status:varchar", "order_date:date"),
    rows: stgOrders,
    lastAgo: 3,
    everyHours: 24,
    threshold: 24,
    description: "Typed orders.",
  });
  const tWhCustomers = make({
    source: sf,
    path: "warehouse.customers",
    columns: cols(
      "customer_id:integer",
      "email:varchar?",
      "country:varchar",
      "segment:varchar",
      "lifetime_value:numeric",
    ),
    rows: whCustomers,
    lastAgo: 4,
    everyHours: 24,
    threshold: 24,
    description: "Customer dimension.",
  });
  const tWhOrders = make({
    source: sf,
    path: "warehouse.orders",
    columns: cols(
      "order_id:integer",
      "customer_id:integer",
      "order_date:date",
      "amount:numeric?",
      "status:varchar",
      "currency:varchar",
      "discount_code:varchar?",
    ),
    rows: whOrders.map((o) => ({ ...o, discount_code: null })),
    lastAgo: 2.5,
    everyHours: 24,
    threshold: 24,
    description: "Order fact table; the flagship asset.",
  });
  const tRevenue = make({
    source: sf,
    path: "marts.revenue_daily",
    view: true,
    columns: cols("date:date", "revenue:numeric", "order_count:integer"),
    rows: revenueDaily,
    lastAgo: 26.5,
    everyHours: 24,
    threshold: 24,
    description: "Daily revenue; last night's build failed, so it is stale.",
  });
  const tLtv = make({
    source: sf,
    path: "marts.customer_ltv",
    columns: cols("customer_id:integer", "ltv:numeric", "predicted_churn:numeric"),
    rows: customerLtv,
    lastAgo: 30,
    everyHours: 24,
    threshold: 48,
    description: "Customer lifetime value with churn scores (two scores outside 0–1).",
  });

  // ---- databricks.lakehouse ------------------------------------------------------------------------------
  const pageViews: Row[] = [];
  for (let id = 1; id <= 300; id++) {
    pageViews.push({
      event_id: `evt_${String(id).padStart(5, "0")}`,
      user_id: rng.chance(0.06) ? null : rng.int(1, 120),
      url: rng.pick(["/", "/cart", "/checkout", "/product", "/search"]),
      session_id: `s_${rng.int(1, 90)}`,
      viewed_at: isoAt(now - 6 * HOUR - rng.int(0, 72 * 60) * 60_000),
    });
  }
  const churnFeatures = whCustomers.slice(0, 100).map((c) => ({
    customer_id: c.customer_id,
    sessions_30d: rng.int(0, 40),
    orders_90d: rng.int(0, 12),
    days_since_last_visit: rng.int(0, 90),
  }));
  const tPageViews = make({
    source: db,
    path: "events.page_views",
    columns: cols("event_id:varchar", "user_id:integer?", "url:varchar", "session_id:varchar", "viewed_at:timestamp"),
    rows: pageViews,
    lastAgo: 6,
    everyHours: 0.5,
    threshold: 1,
    description: "Clickstream; ingestion stalled six hours ago, so it is stale.",
  });
  const tChurn = make({
    source: db,
    path: "ml.churn_features",
    columns: cols("customer_id:integer", "sessions_30d:integer", "orders_90d:integer", "days_since_last_visit:integer"),
    rows: churnFeatures,
    lastAgo: 48,
    everyHours: 168,
    threshold: 168,
    description: "Weekly churn-model features.",
  });

  // ---- bigquery.marketing --------------------------------------------------------------------------------
  const spend: Row[] = [];
  for (let i = 0; i < 60; i++)
    spend.push({
      campaign_id: `cmp_${1 + (i % 6)}`,
      date: day(now - (1 + Math.floor(i / 6)) * DAY),
      spend: money(rng, 50, 2000),
      clicks: rng.int(10, 5000),
    });
  const attribution: Row[] = [];
  for (let i = 0; i < 50; i++)
    attribution.push({
      order_id: 1 + i * 3,
      campaign_id: `cmp_${rng.int(1, 6)}`,
      weight: Math.round(rng.next() * 100) / 100,
    });
  const tSpend = make({
    source: bq,
    path: "ads.campaign_spend",
    columns: cols("campaign_id:varchar", "date:date", "spend:numeric", "clicks:integer"),
    rows: spend,
    lastAgo: 20,
    everyHours: 24,
    threshold: null,
    description: "Ad spend export; no threshold configured yet, so freshness is unknown.",
  });
  const tAttribution = make({
    source: bq,
    path: "ads.attribution",
    columns: cols("order_id:integer", "campaign_id:varchar", "weight:numeric"),
    rows: attribution,
    lastAgo: 20,
    everyHours: 24,
    threshold: 24,
    enabled: false,
    description: "Attribution model output; freshness monitoring switched off.",
  });

  // ---- lineage: raw → staging → warehouse → marts (and across sources) -------------------------------------
  const edge = (a: TableRecord, b: TableRecord, confidence = 1) =>
    state.lineage.push({ source: a.id, target: b.id, edge_type: "data_flow", confidence });
  edge(tCustomers, tStgCustomers);
  edge(tOrders, tStgOrders);
  edge(tStgCustomers, tWhCustomers);
  edge(tStgOrders, tWhOrders);
  edge(tPayments, tWhOrders, 0.9);
  edge(tProducts, tWhOrders, 0.6);
  edge(tWhOrders, tRevenue);
  edge(tWhOrders, tLtv);
  edge(tWhCustomers, tLtv);
  edge(tWhCustomers, tChurn);
  edge(tPageViews, tChurn, 0.8);
  edge(tSpend, tAttribution);
  edge(tWhOrders, tAttribution, 0.7);

  // ---- schema history, baseline and monitoring --------------------------------------------------------------
  state.baselines.push({
    id: state.uuid(),
    asset_id: sf.id,
    description: "Initial baseline",
    captured_at: now - 7 * DAY,
    // As the schema was a week ago: before discount_code was added and signup_date became a date.
    tables: Object.fromEntries(
      state
        .tablesOf(sf)
        .map((t) => [
          state.tablePath(t),
          t.columns
            .filter((c) => !(t === tWhOrders && c.name === "discount_code"))
            .map((c) => (t === tStgCustomers && c.name === "signup_date" ? { ...c, type: "timestamp" } : { ...c })),
        ]),
    ),
  });
  state.schemaMonitoring.set(sf.id, {
    asset_id: sf.id,
    enabled: true,
    schedule_type: "daily",
    baseline_id: state.baselines[0]!.id,
    enabled_at: now - 7 * DAY,
    last_check_at: now - 2 * HOUR,
  });
  state.schemaChanges.push(
    {
      id: state.uuid(),
      asset_id: tWhOrders.id,
      change_type: "column_added",
      severity: "info",
      column_name: "discount_code",
      old_value: null,
      new_value: "varchar",
      detected_at: now - 2 * DAY,
      acknowledged: true,
    },
    {
      id: state.uuid(),
      asset_id: tPayments.id,
      change_type: "column_removed",
      severity: "critical",
      column_name: "currency",
      old_value: "varchar",
      new_value: null,
      detected_at: now - 20 * HOUR,
      acknowledged: false,
    },
    {
      id: state.uuid(),
      asset_id: tStgCustomers.id,
      change_type: "type_changed",
      severity: "warning",
      column_name: "signup_date",
      old_value: "timestamp",
      new_value: "date",
      detected_at: now - 5 * HOUR,
      acknowledged: false,
    },
  );

  // ---- tags, a freshness schedule, intelligence for the warehouse -------------------------------------------
  const tag = (
    asset: SourceRecord | TableRecord,
    name: string,
    category: string,
    object_path: string,
    object_type: string,
    description: string | null = null,
  ) =>
    state.tags.push({
      id: state.uuid(),
      name,
      category,
      description,
      asset_id: asset.id,
      object_path,
      object_type,
      created_at: now - 30 * DAY,
    });
  tag(pg, "pii", "governance", "public.customers.email", "column", "Personal data");
  tag(sf, "pii", "governance", "warehouse.customers.email", "column", "Personal data");
  tag(sf, "finance", "business", "warehouse.orders", "table", "Feeds revenue reporting");
  tag(sf, "finance", "business", "marts.revenue_daily", "table", "Feeds revenue reporting");
  tag(sf, "tier-1", "technical", "warehouse.orders", "table", "Paged on failure");

  state.schedules.push({
    id: state.uuid(),
    asset_id: sf.id,
    table_path: "warehouse.orders",
    table_id: tWhOrders.id,
    check_interval: "1h",
    expected_interval_hours: null,
    freshness_column: "order_date",
    monitoring_mode: "auto_learn",
    is_active: true,
    created_at: now - 30 * DAY,
    updated_at: null,
    last_check: now - 30 * 60_000,
  });

  state.intelligence.set(sf.id, {
    asset_id: sf.id,
    job_id: state.uuid(),
    generated_at: now - 3 * DAY,
    include_schemas: null,
    token_count: 18_432,
  });
}

/**
 * Demo rules and destinations: stale data to Slack; data-quality failures (validity, referential,
 * metric anomalies) of warning or worse to e-mail and Slack; critical schema changes to e-mail; and a
 * disabled info digest. Alerts for what the demo already shows are raised here, so the first request
 * finds them and `effects` starts empty.
 */
export function loadDemoAlerting(state: State): void {
  if (state.options.dataset !== "demo") return;
  const now = state.now();
  const destination = (name: string, destination_type: string, config: Record<string, unknown>): string => {
    const d: AlertDestinationRecord = {
      id: state.uuid(),
      name,
      destination_type,
      config,
      is_active: true,
      is_verified: true,
      created_at: now - 60 * DAY,
    };
    state.alertDestinations.push(d);
    return d.id;
  };
  const email = destination("Data team e-mail", "email", { recipients: ["data-team@example.com"] });
  const slack = destination("#data-alerts", "slack", {
    webhook_url: "https://hooks.slack.com/services/T000/B000/sandbox",
  });
  const rule = (
    name: string,
    description: string,
    event_types: string[],
    severities: string[],
    destination_ids: string[],
    enabled = true,
  ) =>
    state.alertRules.push({
      id: state.uuid(),
      name,
      description,
      rule_type: ruleTypeOf(event_types),
      severity: ruleSeverityOf(severities),
      enabled,
      destination_ids,
      event_types,
      severities,
      tag_filter_mode: null,
      tag_filter_tags: null,
      asset_ids: [],
      created_at: now - 60 * DAY,
    });
  rule("Stale data", "Any monitored table past its freshness threshold.", ["freshness_stale"], [], [slack]);
  rule(
    "Data quality failures",
    "Failing validity rules and referential checks, and metric anomalies.",
    ["validity_failure", "referential_failure", "metric_anomaly"],
    ["warning", "critical"],
    [email, slack],
  );
  rule(
    "Breaking schema changes",
    "Columns removed or otherwise critical schema drift.",
    ["schema_drift"],
    ["critical"],
    [email],
  );
  rule("Info digest", "Everything informational (switched off).", [], ["info"], [email], false);
  evaluateAlerts(state);
}
