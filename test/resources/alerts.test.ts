import { describe, expect } from "vitest";
import type { Transport } from "../../src/core/http";
import { AlertsResource, type Alert, type AlertRule, type InboxAlert } from "../../src/resources/alerts";
import { errorMapping, invalidParams, iterates, wireCases, type WireCase } from "../helpers/endpoint-cases";
import { useRemote } from "../helpers/remote";

const make = (t: Transport) => new AlertsResource(t);

const DEST = "3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f";
const summary = { total_rules: 50, active_rules: 45, recent_alerts: 10, unresolved_alerts: 3 };
const alert = (i: number) => ({
  id: `alert_${i}`,
  message: "orders is stale",
  severity: "warning",
  status: "triggered",
  triggered_at: "2025-01-08T10:00:00Z",
});
const inbox = (i: number) => ({
  id: `in_${i}`,
  title: "Stale",
  alert_state: "new",
  event_type: "freshness_stale",
  created_at: "2025-01-08T10:00:00Z",
});
const rule = (i: number) => ({ id: `rule_${i}`, name: "Stale tables", rule_type: "freshness" });
const destination = (i: number) => ({ id: `dest_${i}`, name: "Ops", destination_type: "slack" });
const preview = {
  lookback_hours: 168,
  alerts_would_match: 4,
  alerts_by_type: { freshness_stale: 4 },
  alerts_by_severity: { warning: 4 },
  sample_alerts: [{ id: "a1", message: "m", severity: "warning", triggered_at: "2025-01-01" }],
  recommendation: "fine",
};
const one = ["alert-1"];

const cases: WireCase<AlertsResource>[] = [
  {
    name: "summary()",
    call: (r) => r.summary(),
    method: "GET",
    path: () => "/sdk/alerts/summary",
    data: summary,
    malformed: { total_rules: 50 },
  },
  {
    name: "list() with defaults",
    call: (r) => r.list(),
    method: "GET",
    path: () => "/sdk/alerts",
    search: "limit=50&offset=0",
    data: { data: [alert(1)] },
    check: (out) => expect((out as Alert[])[0]).toMatchObject(alert(1)),
    malformed: { data: [{ ...alert(1), message: undefined }] },
  },
  {
    name: "list() fills severity and status defaults",
    call: (r) => r.list(),
    method: "GET",
    path: () => "/sdk/alerts",
    search: "limit=50&offset=0",
    data: { data: [{ id: "x", message: "m", triggered_at: "t", severity: null }] },
    check: (out) => expect((out as Alert[])[0]).toMatchObject({ severity: "info", status: "triggered" }),
  },
  {
    name: "list(every param, dates as strings)",
    call: (r) =>
      r.list({
        alert_type: "freshness",
        to_date: "2025-01-31T00:00:00+00:00",
        from_date: "2025-01-01T00:00:00",
        asset_id: "snowflake.prod.warehouse.orders",
        severity: "critical",
        status: "acknowledged",
        offset: 50,
        limit: 25,
      }),
    method: "GET",
    path: () => "/sdk/alerts",
    search:
      "limit=25&offset=50&status=acknowledged&severity=critical&asset_id=snowflake.prod.warehouse.orders" +
      "&from_date=2025-01-01T00%3A00%3A00&to_date=2025-01-31T00%3A00%3A00%2B00%3A00&alert_type=freshness",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "list(dates as Date, empty strings dropped)",
    call: (r) => r.list({ from_date: new Date("2025-01-01T00:00:00Z"), asset_id: "", alert_type: "" }),
    method: "GET",
    path: () => "/sdk/alerts",
    search: "limit=50&offset=0&from_date=2025-01-01T00%3A00%3A00.000Z",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "listInbox() with defaults",
    call: (r) => r.listInbox(),
    method: "GET",
    path: () => "/sdk/alerts/inbox",
    search: "limit=50&offset=0",
    data: { alerts: [inbox(1)] },
    check: (out) => expect((out as InboxAlert[])[0]).toMatchObject({ ...inbox(1), severity: "info" }),
    malformed: { alerts: [{ ...inbox(1), alert_state: undefined }] },
  },
  {
    name: "listInbox(every param)",
    call: (r) =>
      r.listInbox({ event_type: "schema_drift", severity: "info", state: "dismissed", limit: 10, offset: 0 }),
    method: "GET",
    path: () => "/sdk/alerts/inbox",
    search: "limit=10&offset=0&state=dismissed&severity=info&event_type=schema_drift",
    data: { alerts: [] },
    check: (out) => expect(out).toEqual([]),
    malformed: { data: [inbox(1)], alerts: "x" },
  },
  {
    name: "rules() with defaults",
    call: (r) => r.rules(),
    method: "GET",
    path: () => "/sdk/alerts/rules",
    search: "limit=50&offset=0",
    data: { data: [rule(1)] },
    check: (out) =>
      expect((out as AlertRule[])[0]).toEqual({
        ...rule(1),
        alert_type: "freshness",
        severity: "warning",
        enabled: true,
      }),
    malformed: { data: [{ ...rule(1), rule_type: undefined }] },
  },
  {
    name: "rules({ enabled_only: true })",
    call: (r) => r.rules({ enabled_only: true }),
    method: "GET",
    path: () => "/sdk/alerts/rules",
    search: "limit=50&offset=0&enabled_only=true",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "rules({ enabled_only: false }) sends nothing for it",
    call: (r) => r.rules({ enabled_only: false }),
    method: "GET",
    path: () => "/sdk/alerts/rules",
    search: "limit=50&offset=0",
    data: { data: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "rules() keeps a seed alert_type",
    call: (r) => r.rules(),
    method: "GET",
    path: () => "/sdk/alerts/rules",
    search: "limit=50&offset=0",
    data: { data: [{ ...rule(1), alert_type: "schema_change" }] },
    check: (out) =>
      expect((out as AlertRule[])[0]).toMatchObject({ rule_type: "freshness", alert_type: "schema_change" }),
  },
  {
    name: "createRule(required only)",
    call: (r) => r.createRule({ name: "Stale", destination_ids: [DEST] }),
    method: "POST",
    path: () => "/sdk/alerts/rules",
    body: { name: "Stale", destination_ids: [DEST], is_active: true },
    data: rule(1),
    malformed: { ...rule(1), name: 1 },
  },
  {
    name: "createRule(every param)",
    call: (r) =>
      r.createRule({
        tag_filter_tags: ["pii"],
        tag_filter_mode: "all",
        severities: ["critical", "warning"],
        event_types: ["schema_drift"],
        is_active: false,
        description: "desc",
        destination_ids: [DEST],
        name: "Drift",
      }),
    method: "POST",
    path: () => "/sdk/alerts/rules",
    body: {
      name: "Drift",
      destination_ids: [DEST],
      is_active: false,
      description: "desc",
      event_types: ["schema_drift"],
      severities: ["critical", "warning"],
      tag_filter_mode: "all",
      tag_filter_tags: ["pii"],
    },
    data: rule(2),
  },
  {
    name: "createRule(empty optionals dropped)",
    call: (r) =>
      r.createRule({
        name: "N",
        destination_ids: [],
        description: "",
        event_types: [],
        severities: [],
        tag_filter_tags: [],
      }),
    method: "POST",
    path: () => "/sdk/alerts/rules",
    body: { name: "N", destination_ids: [], is_active: true },
    data: rule(3),
  },
  {
    name: "getRule(ruleId)",
    ids: ["rule-1"],
    call: (r, [a]) => r.getRule(a!),
    method: "GET",
    path: ([a]) => `/sdk/alerts/rules/${a}`,
    data: rule(1),
    malformed: { ...rule(1), enabled: "yes" },
  },
  {
    name: "deleteRule(ruleId)",
    ids: ["rule-1"],
    call: (r, [a]) => r.deleteRule(a!),
    method: "DELETE",
    path: ([a]) => `/sdk/alerts/rules/${a}`,
    data: undefined,
  },
  {
    name: "listDestinations() with defaults",
    call: (r) => r.listDestinations(),
    method: "GET",
    path: () => "/sdk/alerts/destinations",
    search: "limit=50&offset=0",
    data: { destinations: [destination(1)] },
    check: (out) => expect(out).toEqual([{ ...destination(1), is_active: true, is_verified: false }]),
    malformed: { destinations: [{ ...destination(1), destination_type: null }] },
  },
  {
    name: "listDestinations(every param)",
    call: (r) => r.listDestinations({ active_only: true, offset: 5, limit: 5 }),
    method: "GET",
    path: () => "/sdk/alerts/destinations",
    search: "limit=5&offset=5&active_only=true",
    data: { destinations: [] },
    check: (out) => expect(out).toEqual([]),
  },
  {
    name: "createDestination(params)",
    call: (r) =>
      r.createDestination({
        config: { webhook_url: "https://hooks.slack.test/x" },
        destination_type: "slack",
        name: "Ops",
      }),
    method: "POST",
    path: () => "/sdk/alerts/destinations",
    body: { name: "Ops", destination_type: "slack", config: { webhook_url: "https://hooks.slack.test/x" } },
    data: destination(1),
    malformed: { ...destination(1), id: undefined },
  },
  {
    name: "getDestination(destinationId)",
    ids: ["dest-1"],
    call: (r, [a]) => r.getDestination(a!),
    method: "GET",
    path: ([a]) => `/sdk/alerts/destinations/${a}`,
    data: destination(1),
    malformed: { ...destination(1), is_verified: 0 },
  },
  {
    name: "deleteDestination(destinationId)",
    ids: ["dest-1"],
    call: (r, [a]) => r.deleteDestination(a!),
    method: "DELETE",
    path: ([a]) => `/sdk/alerts/destinations/${a}`,
    data: undefined,
  },
  {
    name: "acknowledge(alertId) sends {}",
    ids: one,
    call: (r, [a]) => r.acknowledge(a!),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/acknowledge`,
    body: {},
    data: { id: "alert-1", status: "acknowledged" },
    malformed: { id: 1 },
  },
  {
    name: "acknowledge(alertId, { notes })",
    ids: one,
    call: (r, [a]) => r.acknowledge(a!, { notes: "looking" }),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/acknowledge`,
    body: { notes: "looking" },
    data: { id: "alert-1", status: "acknowledged" },
  },
  {
    name: "resolve(alertId, { notes })",
    ids: one,
    call: (r, [a]) => r.resolve(a!, { notes: "fixed" }),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/resolve`,
    body: { notes: "fixed" },
    data: { id: "alert-1", status: "resolved" },
    malformed: { status: false },
  },
  {
    name: "resolve(alertId) sends {}",
    ids: one,
    call: (r, [a]) => r.resolve(a!),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/resolve`,
    body: {},
    data: {},
    check: (out) => expect(out).toEqual({}),
  },
  {
    name: "dismiss(alertId)",
    ids: one,
    call: (r, [a]) => r.dismiss(a!, { notes: "" }),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/dismiss`,
    body: {},
    data: { id: "alert-1", status: "dismissed", extra: 1 },
    malformed: { id: "alert-1", status: ["dismissed"] },
  },
  {
    name: "snooze(alertId, { duration_hours })",
    ids: one,
    call: (r, [a]) => r.snooze(a!, { duration_hours: 24 }),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/snooze`,
    body: { duration_hours: 24 },
    data: { id: "alert-1", status: "snoozed", snoozed_until: "2025-01-09T10:00:00Z" },
    malformed: { snoozed_until: 5 },
  },
  {
    name: "snooze(alertId, every param)",
    ids: one,
    call: (r, [a]) => r.snooze(a!, { notes: "weekend", duration_hours: 720 }),
    method: "POST",
    path: ([a]) => `/sdk/alerts/${a}/snooze`,
    body: { duration_hours: 720, notes: "weekend" },
    data: { id: "alert-1", status: "snoozed" },
  },
  {
    name: "history(alertId)",
    ids: one,
    call: (r, [a]) => r.history(a!),
    method: "GET",
    path: ([a]) => `/sdk/alerts/${a}/history`,
    data: {
      history: [{ action: "acknowledged", timestamp: "2025-01-08T10:00:00Z", user_id: "u1", notes: null, extra: true }],
    },
    check: (out) =>
      expect(out).toEqual([
        { action: "acknowledged", timestamp: "2025-01-08T10:00:00Z", user_id: "u1", notes: null, extra: true },
      ]),
    malformed: { history: [{ action: 3 }] },
  },
  {
    name: "trends() sends period=7d",
    call: (r) => r.trends(),
    method: "GET",
    path: () => "/sdk/alerts/trends",
    search: "period=7d",
    data: { period: "7d", trends: [{ date: "2025-01-01", count: 2 }] },
    malformed: { trends: {} },
  },
  {
    name: "trends({ period: '90d' })",
    call: (r) => r.trends({ period: "90d" }),
    method: "GET",
    path: () => "/sdk/alerts/trends",
    search: "period=90d",
    data: { period: "90d", trends: [] },
  },
  {
    name: "preview() with defaults",
    call: (r) => r.preview(),
    method: "POST",
    path: () => "/sdk/alerts/preview",
    body: { lookback_days: 7 },
    data: preview,
    malformed: { ...preview, lookback_hours: "7d" },
  },
  {
    name: "preview(every param)",
    call: (r) =>
      r.preview({ severities: ["info"], event_types: ["freshness_stale"], rule_id: "rule-1", lookback_days: 30 }),
    method: "POST",
    path: () => "/sdk/alerts/preview",
    body: { lookback_days: 30, rule_id: "rule-1", event_types: ["freshness_stale"], severities: ["info"] },
    data: { lookback_hours: 720, alerts_would_match: 0, recommendation: "none" },
    check: (out) =>
      expect(out).toEqual({
        lookback_hours: 720,
        alerts_would_match: 0,
        recommendation: "none",
        alerts_by_type: {},
        alerts_by_severity: {},
        sample_alerts: [],
      }),
  },
  {
    name: "preview({ event_types: [] }) sends the empty list",
    call: (r) => r.preview({ event_types: [] }),
    method: "POST",
    path: () => "/sdk/alerts/preview",
    body: { lookback_days: 7, event_types: [] },
    data: preview,
  },
];

describe("AlertsResource", () => {
  const remote = useRemote();
  wireCases(remote, make, cases);

  iterates(remote, make, {
    name: "iterate()",
    container: "data",
    item: alert,
    iterate: (r, p) => r.iterate({ ...p, status: "triggered" }),
    path: "/sdk/alerts",
    search: (at) => `limit=2&offset=${at}&status=triggered`,
  });
  iterates(remote, make, {
    name: "iterateInbox()",
    container: "alerts",
    item: inbox,
    iterate: (r, p) => r.iterateInbox({ ...p, state: "new" }),
    path: "/sdk/alerts/inbox",
    search: (at) => `limit=2&offset=${at}&state=new`,
  });
  iterates(remote, make, {
    name: "iterateRules()",
    container: "data",
    item: rule,
    iterate: (r, p) => r.iterateRules({ ...p, enabled_only: true }),
    path: "/sdk/alerts/rules",
    search: (at) => `limit=2&offset=${at}&enabled_only=true`,
  });
  iterates(remote, make, {
    name: "iterateDestinations()",
    container: "destinations",
    item: destination,
    iterate: (r, p) => r.iterateDestinations(p),
    path: "/sdk/alerts/destinations",
    search: (at) => `limit=2&offset=${at}`,
  });

  invalidParams<AlertsResource>(remote, make, [
    ["list with status 'open'", (r) => r.list({ status: "open" as never })],
    ["list with severity 'high'", (r) => r.list({ severity: "high" as never })],
    ["list with limit 101", (r) => r.list({ limit: 101 })],
    ["list with an invalid Date", (r) => r.list({ from_date: new Date("nope") })],
    ["list with an unknown key", (r) => r.list({ rule_id: "x" } as never)],
    ["iterate with limit 0", (r) => r.iterate({ limit: 0 })],
    ["listInbox with state 'triggered'", (r) => r.listInbox({ state: "triggered" as never })],
    ["iterateInbox with a negative offset", (r) => r.iterateInbox({ offset: -1 })],
    ["rules with enabled_only 'yes'", (r) => r.rules({ enabled_only: "yes" as never })],
    ["iterateRules with limit 1000", (r) => r.iterateRules({ limit: 1000 })],
    ["createRule without destination_ids", (r) => r.createRule({ name: "n" } as never)],
    [
      "createRule with a destination id that is not a UUID",
      (r) => r.createRule({ name: "n", destination_ids: ["dest-1"] }),
    ],
    [
      "createRule with tag_filter_mode 'some'",
      (r) => r.createRule({ name: "n", destination_ids: [DEST], tag_filter_mode: "some" as never }),
    ],
    [
      "createRule with severity 'high' in severities",
      (r) => r.createRule({ name: "n", destination_ids: [DEST], severities: ["high" as never] }),
    ],
    ["getRule with an empty id", (r) => r.getRule("")],
    ["deleteRule with a non-string id", (r) => r.deleteRule(1 as never)],
    ["listDestinations with limit 0", (r) => r.listDestinations({ limit: 0 })],
    ["iterateDestinations with limit 101", (r) => r.iterateDestinations({ limit: 101 })],
    [
      "createDestination with destination_type 'sms'",
      (r) => r.createDestination({ name: "n", destination_type: "sms" as never, config: {} }),
    ],
    [
      "createDestination with config as an array",
      (r) => r.createDestination({ name: "n", destination_type: "email", config: [] as never }),
    ],
    ["getDestination with the literal id 'destinations'", (r) => r.getDestination("destinations")],
    ["deleteDestination with a '..' id", (r) => r.deleteDestination("..")],
    ["acknowledge with the literal id 'inbox'", (r) => r.acknowledge("inbox")],
    ["acknowledge with notes as a number", (r) => r.acknowledge("a", { notes: 5 as never })],
    ["resolve with an unknown key", (r) => r.resolve("a", { action_category: "other" } as never)],
    ["dismiss with the literal id 'rules'", (r) => r.dismiss("rules")],
    ["snooze with duration_hours 0", (r) => r.snooze("a", { duration_hours: 0 })],
    ["snooze with duration_hours 721", (r) => r.snooze("a", { duration_hours: 721 })],
    ["snooze without duration_hours", (r) => r.snooze("a", {} as never)],
    ["history with the literal id 'trends'", (r) => r.history("trends")],
    ["trends with period '1y'", (r) => r.trends({ period: "1y" as never })],
    ["preview with lookback_days 0", (r) => r.preview({ lookback_days: 0 })],
    ["preview with severities ['fatal']", (r) => r.preview({ severities: ["fatal" as never] })],
  ]);

  errorMapping(remote, make, (r) => r.list());
});
