/**
 * Alerts: routes and wire views of alerts, rules and destinations. What raises and clears alerts is the
 * engine in `engines/alerts.ts`, run by the watcher registered here; each alert carries the id of the
 * investigation that `GET /sdk/investigations/{id}` answers for it.
 * Requests: `docs/python-parity.md`.
 */
import { loadDemoAlerting } from "../catalogue";
import {
  evaluateAlerts,
  listens,
  occurrences,
  raisedFor,
  ruleSeverityOf,
  ruleTypeOf,
  type Occurrence,
} from "../engines/alerts";
import { arrayOf, bool, int, num, obj, oneOf, paging, readBody, readQuery, str } from "../input";
import { HttpError, invalid, noContent, notFound, ok, paged } from "../respond";
import type { Ctx, Router } from "../router";
import type { AlertDestinationRecord, AlertRecord, AlertRuleRecord, State } from "../state";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SEVERITIES = ["info", "warning", "critical"] as const;
export const STATUSES = ["triggered", "acknowledged", "resolved", "dismissed", "snoozed"] as const;
export const INBOX_STATES = ["new", "acknowledged", "resolved", "dismissed"] as const;
export const DESTINATION_TYPES = ["email", "slack", "webhook", "teams", "pagerduty"] as const;
export const PERIODS = {
  "24h": { buckets: 24, size: HOUR },
  "7d": { buckets: 7, size: DAY },
  "30d": { buckets: 30, size: DAY },
  "90d": { buckets: 90, size: DAY },
} as const;

/** An alert by id. @throws HttpError 404 */
function alertById(state: State, id: string): AlertRecord {
  const found = state.alerts.find((a) => a.id === id.toLowerCase());
  if (!found) throw notFound("alert", id);
  return found;
}

function assetName(state: State, a: AlertRecord): string | null {
  return state.tables.find((t) => t.id === a.asset_id)?.qualified_name ?? null;
}

/** `Alert` (plus event type, title and the action timestamps). */
export function alertView(state: State, a: AlertRecord): Record<string, unknown> {
  return {
    id: a.id,
    rule_id: a.rule_id,
    rule_name: a.rule_name,
    asset_id: a.asset_id,
    qualified_name: assetName(state, a),
    event_type: a.event_type,
    alert_type: a.event_type,
    severity: a.severity,
    status: a.status,
    title: a.title,
    message: a.message,
    triggered_at: state.iso(a.triggered_at),
    acknowledged_at: state.iso(a.acknowledged_at),
    resolved_at: state.iso(a.resolved_at),
    dismissed_at: state.iso(a.dismissed_at),
    snoozed_until: state.iso(a.snoozed_until),
    notes: a.notes,
    source: a["source"] ?? null,
    source_id: a["source_id"] ?? null,
    investigation_id: a["investigation_id"] ?? null,
  };
}

function inboxState(a: AlertRecord): string {
  return a.status === "triggered" || a.status === "snoozed" ? "new" : a.status;
}

/** `InboxAlert`. */
function inboxView(state: State, a: AlertRecord): Record<string, unknown> {
  const rule = state.alertRules.find((r) => r.id === a.rule_id);
  const destination = rule?.destination_ids
    .map((id) => state.alertDestinations.find((d) => d.id === id))
    .find((d) => d?.is_active);
  return {
    id: a.id,
    title: a.title,
    description: a.message,
    severity: a.severity,
    alert_state: inboxState(a),
    event_type: a.event_type,
    created_at: state.iso(a.triggered_at),
    acknowledged_at: state.iso(a.acknowledged_at),
    resolved_at: state.iso(a.resolved_at),
    dismissed_at: state.iso(a.dismissed_at),
    notes: a.notes,
    rule_name: a.rule_name,
    asset_name: assetName(state, a),
    asset_id: a.asset_id,
    destination_name: destination?.name ?? null,
  };
}

/** `AlertRule` (plus what it listens to and where it delivers). */
function ruleView(state: State, r: AlertRuleRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    rule_type: r.rule_type,
    alert_type: r.rule_type,
    severity: r.severity,
    enabled: r.enabled,
    is_active: r.enabled,
    event_types: r.event_types,
    severities: r.severities,
    destination_ids: r.destination_ids,
    tag_filter_mode: r["tag_filter_mode"] ?? null,
    tag_filter_tags: r["tag_filter_tags"] ?? null,
    asset_ids: r["asset_ids"] ?? [],
    created_at: state.iso(r.created_at),
  };
}

const SECRET_KEYS = new Set(["api_token", "routing_key", "password", "secret"]);

/** `AlertDestination`, config included with secrets masked. */
function destinationView(state: State, d: AlertDestinationRecord): Record<string, unknown> {
  const config = Object.fromEntries(Object.entries(d.config).map(([k, v]) => [k, SECRET_KEYS.has(k) ? "********" : v]));
  return {
    id: d.id,
    name: d.name,
    destination_type: d.destination_type,
    is_active: d.is_active,
    is_verified: d.is_verified,
    config,
    created_at: state.iso(d.created_at),
  };
}

/** What a destination of each type needs in its config. */
function configProblem(type: string, config: Record<string, unknown>): string | undefined {
  const has = (k: string) => typeof config[k] === "string" && config[k].trim() !== "";
  switch (type) {
    case "email":
      if (has("email")) return undefined;
      if (
        Array.isArray(config["recipients"]) &&
        config["recipients"].length > 0 &&
        config["recipients"].every((x) => typeof x === "string")
      )
        return undefined;
      return "email needs config.email or config.recipients (a non-empty list)";
    case "slack":
    case "teams":
      return has("webhook_url") ? undefined : `${type} needs config.webhook_url`;
    case "webhook":
      return has("url") ? undefined : "webhook needs config.url";
    case "pagerduty":
      return has("routing_key") || has("api_token")
        ? undefined
        : "pagerduty needs config.routing_key or config.api_token";
    default:
      return undefined;
  }
}

/** Parses an ISO date as the Python client sends it (a naive datetime is UTC). */
function dateParam(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes("T") ? value : `${value}Z`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalid(field, "must be an ISO-8601 date");
  return ms;
}

function newestFirst(alerts: readonly AlertRecord[]): AlertRecord[] {
  return alerts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.triggered_at - x.a.triggered_at || y.i - x.i)
    .map((x) => x.a);
}

function unresolved(a: AlertRecord): boolean {
  return a.status === "triggered" || a.status === "acknowledged";
}

function destinationIds(state: State, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const d = state.alertDestinations.find((x) => x.id === id.toLowerCase());
    if (!d) throw invalid("destination_ids", `Unknown destination '${id}'`);
    if (!out.includes(d.id)) out.push(d.id);
  }
  return out;
}

function assetIds(state: State, refs: readonly string[]): string[] {
  return refs.map((ref) => {
    const a = state.findAsset(ref);
    if (!a) throw invalid("asset_ids", `Unknown asset '${ref}'`);
    return a.id;
  });
}

/** The `asset_id`s an `asset_id` filter admits (none for an unknown asset); `undefined` when not filtered. */
function assetScope(state: State, ref: string | undefined): Set<string> | undefined {
  if (ref === undefined) return undefined;
  const asset = state.findAsset(ref);
  return asset ? state.idsUnder(asset) : new Set();
}

/** Applies one action to an alert, or reports that the alert's state does not allow it. */
function act(ctx: Ctx, action: "acknowledge" | "resolve" | "dismiss" | "snooze"): Response {
  const state = ctx.state;
  const alert = alertById(state, ctx.params.alert_id as string);
  const b = readBody(ctx.body, {
    notes: str(),
    duration_hours: action === "snooze" ? num({ required: true, min: 1, max: 720 }) : num(),
    action_category: str(),
    root_cause_category: str(),
  });
  const now = state.now();
  const done = { acknowledge: "acknowledged", resolve: "resolved", dismiss: "dismissed", snooze: "snoozed" }[action];
  const from = alert.status;
  const closed = from === "resolved" || from === "dismissed";
  if (closed && from !== done)
    throw new HttpError(409, "CONFLICT", `Alert '${alert.id}' is ${from}; it cannot be ${done}`, { status: from });
  let changed = from !== done;
  if (action === "acknowledge" && from === "acknowledged") changed = false;
  if (action === "snooze") {
    const until = now + (b.duration_hours as number) * HOUR;
    if (from !== "snoozed") alert["status_before_snooze"] = from;
    changed = alert.snoozed_until !== until;
    alert.snoozed_until = until;
  }
  if (changed) {
    alert.status = done;
    if (action === "acknowledge") alert.acknowledged_at = now;
    if (action === "resolve") alert.resolved_at = now;
    if (action === "dismiss") alert.dismissed_at = now;
    if (action !== "snooze") alert.snoozed_until = null;
    if (b.notes !== undefined) alert.notes = b.notes;
    if (b.action_category !== undefined) alert["action_category"] = b.action_category;
    if (b.root_cause_category !== undefined) alert["root_cause_category"] = b.root_cause_category;
    alert.history.push({ action: done, timestamp: now, user_id: ctx.key.id, notes: b.notes ?? null });
    state.effect(`alerts.${action}`);
  }
  return ok({
    id: alert.id,
    status: alert.status,
    alert_state: inboxState(alert),
    snoozed_until: state.iso(alert.snoozed_until),
    updated_at: state.iso(now),
  });
}

/** Registers the alert routes, the demo rules and destinations, and the alert watcher. */
export function register(router: Router, state: State): void {
  router.get("/sdk/alerts/summary", () => {
    const dayAgo = state.now() - DAY;
    return ok({
      total_rules: state.alertRules.length,
      active_rules: state.alertRules.filter((r) => r.enabled).length,
      recent_alerts: state.alerts.filter((a) => a.triggered_at >= dayAgo).length,
      unresolved_alerts: state.alerts.filter(unresolved).length,
      triggered: state.alerts.filter((a) => a.status === "triggered").length,
      triggered_last_24h: state.alerts.filter((a) => a.triggered_at >= dayAgo).length,
    });
  });

  router.get("/sdk/alerts", (ctx) => {
    const q = readQuery(ctx.query, {
      ...paging(50, 100),
      status: oneOf(STATUSES),
      severity: oneOf(SEVERITIES),
      asset_id: str(),
      from_date: str(),
      to_date: str(),
      alert_type: str(),
      event_type: str(),
    });
    const from = dateParam("from_date", q.from_date);
    const to = dateParam("to_date", q.to_date);
    const scope = assetScope(state, q.asset_id);
    const type = q.event_type ?? q.alert_type;
    const rows = newestFirst(state.alerts).filter((a) => {
      if (q.status !== undefined && a.status !== q.status) return false;
      if (q.severity !== undefined && a.severity !== q.severity) return false;
      if (type !== undefined && a.event_type !== type) return false;
      if (from !== undefined && a.triggered_at < from) return false;
      if (to !== undefined && a.triggered_at > to) return false;
      if (scope !== undefined && (a.asset_id === null || !scope.has(a.asset_id))) return false;
      return true;
    });
    return paged("data", rows, q.limit, q.offset, (a) => alertView(state, a));
  });

  router.get("/sdk/alerts/inbox", (ctx) => {
    const q = readQuery(ctx.query, {
      ...paging(50, 100),
      state: oneOf(INBOX_STATES),
      severity: oneOf(SEVERITIES),
      event_type: str(),
      asset_id: str(),
    });
    const scope = assetScope(state, q.asset_id);
    // Snoozed alerts stay out of the inbox until their snooze ends.
    const rows = newestFirst(state.alerts).filter((a) => {
      if (a.status === "snoozed") return false;
      if (q.state !== undefined && inboxState(a) !== q.state) return false;
      if (q.severity !== undefined && a.severity !== q.severity) return false;
      if (q.event_type !== undefined && a.event_type !== q.event_type) return false;
      if (scope !== undefined && (a.asset_id === null || !scope.has(a.asset_id))) return false;
      return true;
    });
    return paged("alerts", rows, q.limit, q.offset, (a) => inboxView(state, a));
  });

  router.get("/sdk/alerts/trends", (ctx) => {
    const q = readQuery(ctx.query, { period: oneOf(Object.keys(PERIODS) as (keyof typeof PERIODS)[], { dflt: "7d" }) });
    const { buckets, size } = PERIODS[q.period];
    // Buckets align on UTC hours or days; the last one is the current, partial bucket.
    const current = Math.floor(state.now() / size) * size;
    const start = current - (buckets - 1) * size;
    const trends = [];
    for (let i = 0; i < buckets; i++) {
      const from = start + i * size;
      const inside = state.alerts.filter((a) => a.triggered_at >= from && a.triggered_at < from + size);
      trends.push({
        timestamp: state.iso(from),
        date: state
          .iso(from)
          .slice(0, size === DAY ? 10 : 13)
          .replace(/T(\d\d)$/, "T$1:00"),
        count: inside.length,
        critical: inside.filter((a) => a.severity === "critical").length,
        warning: inside.filter((a) => a.severity === "warning").length,
        info: inside.filter((a) => a.severity === "info").length,
        resolved: inside.filter((a) => a.status === "resolved").length,
      });
    }
    const total = trends.reduce((s, t) => s + t.count, 0);
    return ok({ period: q.period, bucket: size === DAY ? "day" : "hour", total, trends });
  });

  router.post(
    "/sdk/alerts/preview",
    (ctx) => {
      const b = readBody(ctx.body, {
        lookback_days: int({ dflt: 7, min: 1 }),
        rule_id: str(),
        event_types: arrayOf(str({ required: true })),
        severities: arrayOf(oneOf(SEVERITIES, { required: true })),
      });
      const rule =
        b.rule_id === undefined ? undefined : state.alertRules.find((r) => r.id === b.rule_id?.toLowerCase());
      if (b.rule_id !== undefined && !rule) throw notFound("alert rule", b.rule_id);
      // The rule as it would be with the body's overrides, switched on: a disabled rule previews too.
      const probe: AlertRuleRecord = {
        ...(rule ?? {
          id: "preview",
          name: "preview",
          description: null,
          rule_type: "preview",
          severity: "warning",
          destination_ids: [],
          created_at: 0,
          event_types: [],
          severities: [],
        }),
        enabled: true,
        event_types: b.event_types ?? rule?.event_types ?? [],
        severities: b.severities ?? rule?.severities ?? [],
      };
      const since = state.now() - b.lookback_days * DAY;
      const matched = occurrences(state, since).filter((o) => listens(state, probe, o));
      const raised = matched.map((o) => raisedFor(state, o));
      const tally = (key: (o: Occurrence) => string) => {
        const out: Record<string, number> = {};
        for (const o of matched) out[key(o)] = (out[key(o)] ?? 0) + 1;
        return out;
      };
      const dismissed = raised.filter((a) => a?.status === "dismissed").length;
      const perDay = matched.length / b.lookback_days;
      const recommendation =
        matched.length === 0
          ? `Nothing of the last ${b.lookback_days} days matches: the rule may be too narrow.`
          : dismissed * 2 >= matched.length && dismissed > 0
            ? `${dismissed} of the ${matched.length} matching alerts were dismissed: raise the threshold or narrow the rule to cut false positives.`
            : perDay > 10
              ? `About ${perDay.toFixed(1)} alerts a day would match: narrow the event types or severities to reduce noise.`
              : `${matched.length} alert(s) of the last ${b.lookback_days} days would match: the rule looks well scoped.`;
      return ok({
        lookback_hours: b.lookback_days * 24,
        alerts_would_match: matched.length,
        alerts_by_type: tally((o) => o.event_type),
        alerts_by_severity: tally((o) => o.severity),
        alerts_raised: raised.filter(Boolean).length,
        alerts_dismissed: dismissed,
        sample_alerts: matched.slice(0, 10).map((o, i) => ({
          id: raised[i]?.id ?? o.source_id,
          message: o.message,
          severity: o.severity,
          triggered_at: state.iso(o.at),
          asset_name: o.table.qualified_name,
          asset_id: o.table.id,
          event_type: o.event_type,
          source: o.source,
          source_id: o.source_id,
          raised_alert_id: raised[i]?.id ?? null,
        })),
        recommendation,
      });
    },
    { scope: "read" },
  );

  // ---- rules ----
  router.get("/sdk/alerts/rules", (ctx) => {
    const q = readQuery(ctx.query, {
      ...paging(50, 100),
      enabled_only: bool({ dflt: false }),
      active_only: bool({ dflt: false }),
      asset_id: str(),
    });
    const asset = q.asset_id === undefined ? undefined : state.findAsset(q.asset_id);
    const rows = state.alertRules.filter((r) => {
      if ((q.enabled_only || q.active_only) && !r.enabled) return false;
      if (q.asset_id !== undefined) {
        const scoped = (r["asset_ids"] as string[] | undefined) ?? [];
        if (!asset || (scoped.length > 0 && !scoped.includes(asset.id))) return false;
      }
      return true;
    });
    return paged("data", rows, q.limit, q.offset, (r) => ruleView(state, r));
  });

  router.post("/sdk/alerts/rules", (ctx) => {
    const b = readBody(ctx.body, {
      name: str({ required: true, nonEmpty: true }),
      destination_ids: arrayOf(str({ required: true }), { dflt: [] }),
      is_active: bool({ dflt: true }),
      description: str(),
      event_types: arrayOf(str({ required: true, nonEmpty: true })),
      severities: arrayOf(oneOf(SEVERITIES, { required: true })),
      tag_filter_mode: oneOf(["any", "all"] as const),
      tag_filter_tags: arrayOf(str({ required: true, nonEmpty: true })),
      asset_ids: arrayOf(str({ required: true })),
    });
    const eventTypes = b.event_types ?? [];
    const severities = b.severities ?? [];
    const rule: AlertRuleRecord = {
      id: state.uuid(),
      name: b.name,
      description: b.description ?? null,
      rule_type: ruleTypeOf(eventTypes),
      severity: ruleSeverityOf(severities),
      enabled: b.is_active,
      destination_ids: destinationIds(state, b.destination_ids),
      event_types: eventTypes,
      severities,
      tag_filter_mode: b.tag_filter_mode ?? (b.tag_filter_tags ? "any" : null),
      tag_filter_tags: b.tag_filter_tags ?? null,
      asset_ids: assetIds(state, b.asset_ids ?? []),
      created_at: state.now(),
    };
    state.alertRules.push(rule);
    state.effect("alerts.create_rule");
    return ok(ruleView(state, rule), 201);
  });

  const ruleById = (id: string) => {
    const found = state.alertRules.find((r) => r.id === id.toLowerCase());
    if (!found) throw notFound("alert rule", id);
    return found;
  };
  router.get("/sdk/alerts/rules/{rule_id}", (ctx) => ok(ruleView(state, ruleById(ctx.params.rule_id as string))));

  router.patch("/sdk/alerts/rules/{rule_id}", (ctx) => {
    const rule = ruleById(ctx.params.rule_id as string);
    const b = readBody(ctx.body, {
      name: str({ nonEmpty: true }),
      description: str(),
      is_active: bool(),
      event_types: arrayOf(str({ required: true, nonEmpty: true })),
      severities: arrayOf(oneOf(SEVERITIES, { required: true })),
      destination_ids: arrayOf(str({ required: true })),
      tag_filter_mode: oneOf(["any", "all"] as const),
      tag_filter_tags: arrayOf(str({ required: true, nonEmpty: true })),
    });
    const next: Record<string, unknown> = {
      name: b.name,
      description: b.description,
      enabled: b.is_active,
      event_types: b.event_types,
      severities: b.severities,
      destination_ids: b.destination_ids === undefined ? undefined : destinationIds(state, b.destination_ids),
      tag_filter_mode: b.tag_filter_mode,
      tag_filter_tags: b.tag_filter_tags,
    };
    let changed = false;
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || JSON.stringify(rule[key]) === JSON.stringify(value)) continue;
      rule[key] = value;
      changed = true;
    }
    rule.rule_type = ruleTypeOf(rule.event_types);
    rule.severity = ruleSeverityOf(rule.severities);
    if (changed) state.effect("alerts.update_rule");
    return ok(ruleView(state, rule));
  });

  router.delete("/sdk/alerts/rules/{rule_id}", (ctx) => {
    const rule = ruleById(ctx.params.rule_id as string);
    state.alertRules.splice(state.alertRules.indexOf(rule), 1);
    state.effect("alerts.delete_rule");
    return noContent();
  });

  // ---- destinations ----
  router.get("/sdk/alerts/destinations", (ctx) => {
    const q = readQuery(ctx.query, {
      ...paging(50, 100),
      active_only: bool({ dflt: false }),
      destination_type: oneOf(DESTINATION_TYPES),
    });
    const rows = state.alertDestinations.filter(
      (d) =>
        (!q.active_only || d.is_active) &&
        (q.destination_type === undefined || d.destination_type === q.destination_type),
    );
    return paged("destinations", rows, q.limit, q.offset, (d) => destinationView(state, d));
  });

  router.post("/sdk/alerts/destinations", (ctx) => {
    const b = readBody(ctx.body, {
      name: str({ required: true, nonEmpty: true }),
      destination_type: oneOf(DESTINATION_TYPES, { required: true }),
      config: obj({ required: true }),
    });
    const problem = configProblem(b.destination_type, b.config);
    if (problem) throw invalid("config", problem);
    const d: AlertDestinationRecord = {
      id: state.uuid(),
      name: b.name,
      destination_type: b.destination_type,
      config: b.config,
      is_active: true,
      is_verified: false,
      created_at: state.now(),
    };
    state.alertDestinations.push(d);
    state.effect("alerts.create_destination");
    return ok(destinationView(state, d), 201);
  });

  const destinationById = (id: string) => {
    const found = state.alertDestinations.find((d) => d.id === id.toLowerCase());
    if (!found) throw notFound("alert destination", id);
    return found;
  };
  router.get("/sdk/alerts/destinations/{destination_id}", (ctx) =>
    ok(destinationView(state, destinationById(ctx.params.destination_id as string))),
  );

  router.patch("/sdk/alerts/destinations/{destination_id}", (ctx) => {
    const d = destinationById(ctx.params.destination_id as string);
    const b = readBody(ctx.body, { name: str({ nonEmpty: true }), config: obj(), is_active: bool() });
    if (b.config !== undefined) {
      const problem = configProblem(d.destination_type, b.config);
      if (problem) throw invalid("config", problem);
    }
    let changed = false;
    for (const [key, value] of Object.entries(b)) {
      if (value === undefined || JSON.stringify(d[key]) === JSON.stringify(value)) continue;
      d[key] = value;
      changed = true;
    }
    if (changed) {
      if (b.config !== undefined) d.is_verified = false;
      state.effect("alerts.update_destination");
    }
    return ok(destinationView(state, d));
  });

  router.post("/sdk/alerts/destinations/{destination_id}/test", (ctx) => {
    const d = destinationById(ctx.params.destination_id as string);
    if (!d.is_verified) {
      d.is_verified = true;
      state.effect("alerts.test_destination");
    }
    return ok({ id: d.id, success: true, message: `Test notification delivered to ${d.name}`, tested_at: state.iso() });
  });

  router.delete("/sdk/alerts/destinations/{destination_id}", (ctx) => {
    const d = destinationById(ctx.params.destination_id as string);
    state.alertDestinations.splice(state.alertDestinations.indexOf(d), 1);
    for (const r of state.alertRules) r.destination_ids = r.destination_ids.filter((id) => id !== d.id);
    state.effect("alerts.delete_destination");
    return noContent();
  });

  // ---- one alert ----
  router.get("/sdk/alerts/{alert_id}", (ctx) => ok(alertView(state, alertById(state, ctx.params.alert_id as string))));
  router.get("/sdk/alerts/{alert_id}/history", (ctx) => {
    const alert = alertById(state, ctx.params.alert_id as string);
    const history = alert.history.map((h) => ({
      action: h.action,
      timestamp: state.iso(h.timestamp),
      user_id: h.user_id,
      notes: h.notes,
    }));
    return paged("history", history, Math.max(history.length, 1), 0);
  });
  router.post("/sdk/alerts/{alert_id}/acknowledge", (ctx) => act(ctx, "acknowledge"));
  router.post("/sdk/alerts/{alert_id}/resolve", (ctx) => act(ctx, "resolve"));
  router.post("/sdk/alerts/{alert_id}/dismiss", (ctx) => act(ctx, "dismiss"));
  router.post("/sdk/alerts/{alert_id}/snooze", (ctx) => act(ctx, "snooze"));

  state.seeder(loadDemoAlerting);
  // What the watcher changes is counted like a write; what the demo seeding raises is not (effects start empty).
  state.watch((s) => {
    const changes = evaluateAlerts(s);
    s.effect("alerts.raise", changes.raised);
    s.effect("alerts.auto_resolve", changes.resolved);
    s.effect("alerts.unsnooze", changes.unsnoozed);
  });
}
