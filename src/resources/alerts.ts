/** Alerts: what fired, the inbox, alert rules and destinations, alert actions, trends and rule previews. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { iteratePages, listPage } from "../core/pagination";
import {
  dflt,
  flag,
  intIn,
  limit,
  offset,
  oneOf,
  opt,
  record,
  req,
  serialize,
  text,
  textList,
  uuid,
  type Fields,
} from "../core/params";
import { path } from "../core/path";
import { anyList, bool, int, maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";

const SEVERITIES = ["info", "warning", "critical"] as const;
// 0.2.x names the first three; newer servers (armor-mcp) also dismiss and snooze.
const STATUSES = ["triggered", "acknowledged", "resolved", "dismissed", "snoozed"] as const;
const STATES = ["new", "acknowledged", "resolved", "dismissed"] as const;
const DESTINATION_TYPES = ["email", "slack", "webhook", "teams", "pagerduty"] as const;
const PERIODS = ["24h", "7d", "30d", "90d"] as const;
const TAG_FILTER_MODES = ["any", "all"] as const;

type Severity = (typeof SEVERITIES)[number];

/** Schema of {@link AlertSummary}. */
export const AlertSummarySchema = model({
  total_rules: int,
  active_rules: int,
  recent_alerts: int,
  unresolved_alerts: int,
  triggered: maybe(int),
  triggered_last_24h: maybe(int),
});
/** Alert counts. Carries the 0.2.x fields; the seed's `triggered` / `triggered_last_24h` when the server sends them. */
export interface AlertSummary {
  /** Number of rules. */
  total_rules: number;
  /** Rules that are enabled. */
  active_rules: number;
  /** Alerts fired recently. */
  recent_alerts: number;
  /** Alerts not yet resolved. */
  unresolved_alerts: number;
  /** Alerts in the triggered state (seed field, when sent). */
  triggered?: number | null | undefined;
  /** Alerts fired in the last 24 hours (seed field, when sent). */
  triggered_last_24h?: number | null | undefined;
}

/** Schema of {@link Alert}. */
export const AlertSchema = model({
  id: str,
  rule_id: maybe(str),
  rule_name: maybe(str),
  asset_id: maybe(str),
  qualified_name: maybe(str),
  severity: withDefault(openEnum(SEVERITIES), "info"),
  status: withDefault(openEnum(STATUSES), "triggered"),
  message: str,
  triggered_at: timestamp,
  resolved_at: maybe(timestamp),
});
/** One alert that fired. */
export interface Alert {
  /** Public identifier. */
  id: string;
  /** Id of the rule that fired. */
  rule_id?: string | null | undefined;
  /** Name of the rule that fired. */
  rule_name?: string | null | undefined;
  /** Asset the alert is about. */
  asset_id?: string | null | undefined;
  /** Qualified name of the asset the alert is about. */
  qualified_name?: string | null | undefined;
  /** `info`, `warning` or `critical`; other values from newer servers pass through. `info` when the server omits it. */
  severity: "info" | "warning" | "critical" | (string & {});
  /** Where the alert stands: `triggered`, `acknowledged`, `resolved`, `dismissed` or `snoozed`. `triggered` when the server omits it. */
  status: "triggered" | "acknowledged" | "resolved" | "dismissed" | "snoozed" | (string & {});
  /** What happened, in words. */
  message: string;
  /** When it fired (ISO-8601). */
  triggered_at: string;
  /** When it was resolved (ISO-8601). */
  resolved_at?: string | null | undefined;
}

/** Schema of {@link InboxAlert}. */
export const InboxAlertSchema = model({
  id: str,
  title: str,
  description: maybe(str),
  severity: withDefault(openEnum(SEVERITIES), "info"),
  alert_state: openEnum(STATES),
  event_type: openEnum(["freshness_stale", "schema_drift", "metric_anomaly", "validity_failure", "custom_sql"]),
  created_at: timestamp,
  acknowledged_at: maybe(timestamp),
  resolved_at: maybe(timestamp),
  dismissed_at: maybe(timestamp),
  notes: maybe(str),
  rule_name: maybe(str),
  asset_name: maybe(str),
  destination_name: maybe(str),
});
/** One alert of the inbox (0.2.1). */
export interface InboxAlert {
  /** Public identifier. */
  id: string;
  /** One-line title. */
  title: string;
  /** More detail on what happened. */
  description?: string | null | undefined;
  /** `info`, `warning` or `critical`; other values from newer servers pass through. `info` when the server omits it. */
  severity: "info" | "warning" | "critical" | (string & {});
  /** Inbox state: `new`, `acknowledged`, `resolved` or `dismissed`. */
  alert_state: "acknowledged" | "resolved" | "dismissed" | "new" | (string & {});
  /** What raised it (`freshness_stale`, `schema_drift`, `metric_anomaly`, …). */
  event_type: "freshness_stale" | "schema_drift" | "metric_anomaly" | "validity_failure" | "custom_sql" | (string & {});
  /** When it reached the inbox (ISO-8601). */
  created_at: string;
  /** When it was acknowledged (ISO-8601). */
  acknowledged_at?: string | null | undefined;
  /** When it was resolved (ISO-8601). */
  resolved_at?: string | null | undefined;
  /** When it was dismissed (ISO-8601). */
  dismissed_at?: string | null | undefined;
  /** Note left by the last action. */
  notes?: string | null | undefined;
  /** Name of the rule that fired. */
  rule_name?: string | null | undefined;
  /** Display name of the asset. */
  asset_name?: string | null | undefined;
  /** Destination it was delivered to. */
  destination_name?: string | null | undefined;
}

/** Schema of {@link AlertRule}. */
export const AlertRuleSchema = model(
  {
    id: str,
    name: str,
    description: maybe(str),
    rule_type: str,
    alert_type: maybe(str),
    severity: withDefault(openEnum(SEVERITIES), "warning"),
    enabled: withDefault(bool, true),
    created_at: maybe(timestamp),
  },
  (r) => ({ alert_type: r.alert_type ?? r.rule_type }),
);
/** An alert rule. Carries the 0.2.x `rule_type` and the seed's `alert_type`, the missing one filled from the other. */
export interface AlertRule {
  /** Public identifier. */
  id: string;
  /** Rule name. */
  name: string;
  /** Free-text description. */
  description?: string | null | undefined;
  /** Kind of rule (0.2.x name; filled from `alert_type` when absent). */
  rule_type: string;
  /** Kind of rule (seed name; filled from `rule_type` when absent). */
  alert_type: string;
  /** `info`, `warning` or `critical`; other values from newer servers pass through. `warning` when the server omits it. */
  severity: "info" | "warning" | "critical" | (string & {});
  /** Whether the rule fires. `true` when the server omits it. */
  enabled: boolean;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Schema of {@link AlertDestination}. */
export const AlertDestinationSchema = model({
  id: str,
  name: str,
  destination_type: openEnum(DESTINATION_TYPES),
  is_active: withDefault(bool, true),
  is_verified: withDefault(bool, false),
  created_at: maybe(timestamp),
});
/** Where alerts are delivered. */
export interface AlertDestination {
  /** Public identifier. */
  id: string;
  /** Destination name. */
  name: string;
  /** Channel: `email`, `slack`, `webhook`, `teams` or `pagerduty`. */
  destination_type: "email" | "slack" | "webhook" | "teams" | "pagerduty" | (string & {});
  /** Whether it is enabled. `true` when the server omits it. */
  is_active: boolean;
  /** Whether a test delivery succeeded. `false` when the server omits it. */
  is_verified: boolean;
  /** When it was created (ISO-8601). */
  created_at?: string | null | undefined;
}

/** Schema of {@link AlertActionResult}. */
export const AlertActionResultSchema = model({ id: maybe(str), status: maybe(str), snoozed_until: maybe(timestamp) });
/** What acknowledge, resolve, dismiss and snooze answer (a plain object on the wire; these are its documented keys). */
export interface AlertActionResult {
  /** Id of the alert acted on. */
  id?: string | null | undefined;
  /** The alert's state after the action. */
  status?: string | null | undefined;
  /** When a snooze ends (ISO-8601). */
  snoozed_until?: string | null | undefined;
}

/** Schema of {@link AlertHistoryEntry}. */
export const AlertHistoryEntrySchema = model({
  action: maybe(str),
  timestamp: maybe(timestamp),
  user_id: maybe(str),
  notes: maybe(str),
});
/** One entry of an alert's history (a plain object on the wire; these are its documented keys). */
export interface AlertHistoryEntry {
  /** What was done (`acknowledged`, `resolved`, …). */
  action?: string | null | undefined;
  /** When it was done (ISO-8601). */
  timestamp?: string | null | undefined;
  /** Who did it. */
  user_id?: string | null | undefined;
  /** Note left with the action. */
  notes?: string | null | undefined;
}

/** Schema of {@link AlertTrends}. */
export const AlertTrendsSchema = model({ period: maybe(str), trends: maybe(anyList) });
/** Alert counts over time (a plain object on the wire; these are its documented keys). */
export interface AlertTrends {
  /** Period the counts cover (e.g. `7d`). */
  period?: string | null | undefined;
  /** Counts per time bucket, as the server sends them. */
  trends?: unknown[] | null | undefined;
}

/** Schema of {@link AlertPreviewSample}. */
export const AlertPreviewSampleSchema = model({
  id: str,
  message: str,
  severity: str,
  triggered_at: str,
  asset_name: maybe(str),
});
/** One past alert a rule preview would have matched. `triggered_at` is not parsed. */
export interface AlertPreviewSample {
  /** Id of the past alert. */
  id: string;
  /** What the past alert said. */
  message: string;
  /** Severity of the past alert. */
  severity: string;
  /** When it fired (kept as sent). */
  triggered_at: string;
  /** Asset the past alert was about. */
  asset_name?: string | null | undefined;
}

/** Schema of {@link AlertPreviewResponse}. */
export const AlertPreviewResponseSchema = model({
  lookback_hours: int,
  alerts_would_match: int,
  alerts_by_type: withDefault(v.record(v.string(), int), {}),
  alerts_by_severity: withDefault(v.record(v.string(), int), {}),
  sample_alerts: withDefault(v.array(AlertPreviewSampleSchema), []),
  recommendation: str,
});
/** How many past alerts a rule would have matched. */
export interface AlertPreviewResponse {
  /** Hours of history the preview looked at. */
  lookback_hours: number;
  /** How many past alerts the rule would have matched. */
  alerts_would_match: number;
  /** Matches per event type. Empty when the server omits it. */
  alerts_by_type: Record<string, number>;
  /** Matches per severity. Empty when the server omits it. */
  alerts_by_severity: Record<string, number>;
  /** A sample of the matched alerts. Empty when the server omits it. */
  sample_alerts: AlertPreviewSample[];
  /** What the server advises, in words. */
  recommendation: string;
}

// A date filter travels as an ISO-8601 string; a Date is converted the way JSON would. `""` is
// accepted and, like every `?` field, dropped (the Python client sends only truthy values).
// One custom check rather than a union of a string and a date schema: two schemas' code for one field.
const isoDate = v.pipe(
  v.custom<string | Date>(
    (value) => typeof value === "string" || (value instanceof Date && !Number.isNaN(value.getTime())),
    (issue) => `Invalid type: Expected (string | Date) but received ${issue.received}`,
  ),
  v.transform((value) => (typeof value === "string" ? value : value.toISOString())),
);

/** Params of `alerts.list` and `alerts.iterate`. */
export interface AlertsListParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only alerts in this state. */
  status?: (typeof STATUSES)[number];
  /** Only alerts of this severity. */
  severity?: Severity;
  /** Only alerts of this asset (UUID or qualified name). */
  asset_id?: string;
  /** Only alerts triggered at or after this time (ISO-8601 string or Date). */
  from_date?: string | Date;
  /** Only alerts triggered at or before this time (ISO-8601 string or Date). */
  to_date?: string | Date;
  /** Seed filter by alert type (`freshness`, `schema_change`, `row_count`, …), sent as given. */
  alert_type?: string;
}
const listFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  status: opt(oneOf(STATUSES), "truthy"),
  severity: opt(oneOf(SEVERITIES), "truthy"),
  asset_id: opt(v.string(), "truthy"),
  from_date: opt(isoDate, "truthy"),
  to_date: opt(isoDate, "truthy"),
  alert_type: opt(v.string(), "truthy"),
} satisfies Fields<AlertsListParams>;

/** Params of `alerts.listInbox` and `alerts.iterateInbox`. */
export interface AlertsListInboxParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only alerts in this inbox state. */
  state?: (typeof STATES)[number];
  /** Only alerts of this severity. */
  severity?: Severity;
  /** Only alerts of this event type (`freshness_stale`, `schema_drift`, …). */
  event_type?: string;
}
const inboxFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  state: opt(oneOf(STATES), "truthy"),
  severity: opt(oneOf(SEVERITIES), "truthy"),
  event_type: opt(v.string(), "truthy"),
} satisfies Fields<AlertsListInboxParams>;

/** Params of `alerts.rules` and `alerts.iterateRules`. */
export interface AlertsRulesParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only enabled rules. @default false */
  enabled_only?: boolean;
}
const rulesFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  enabled_only: opt(flag, "true"),
} satisfies Fields<AlertsRulesParams>;

/** Params of `alerts.createRule`. */
export interface AlertsCreateRuleParams {
  /** Rule name. */
  name: string;
  /** UUIDs of the destinations to notify. */
  destination_ids: string[];
  /** Free-text description. */
  description?: string;
  /** Create the rule enabled. @default true */
  is_active?: boolean;
  /** Event types that trigger the rule (`freshness_stale`, `schema_drift`, …). */
  event_types?: string[];
  /** Severities that trigger the rule. */
  severities?: Severity[];
  /** Whether an asset needs `any` or `all` of `tag_filter_tags`. */
  tag_filter_mode?: (typeof TAG_FILTER_MODES)[number];
  /** Tags that scope the rule to assets. */
  tag_filter_tags?: string[];
}
const createRuleFields = {
  name: req(text),
  destination_ids: req(v.array(uuid)),
  is_active: dflt(flag, true),
  description: opt(v.string(), "truthy"),
  event_types: opt(textList, "truthy"),
  severities: opt(v.array(oneOf(SEVERITIES)), "truthy"),
  tag_filter_mode: opt(oneOf(TAG_FILTER_MODES), "truthy"),
  tag_filter_tags: opt(textList, "truthy"),
} satisfies Fields<AlertsCreateRuleParams>;

/** Params of `alerts.listDestinations` and `alerts.iterateDestinations`. */
export interface AlertsListDestinationsParams {
  /** Page size, 1–100. @default 50 */
  limit?: number;
  /** Items to skip. @default 0 */
  offset?: number;
  /** Only active destinations. @default false */
  active_only?: boolean;
}
const destinationsFields = {
  limit: dflt(limit(), 50),
  offset: dflt(offset, 0),
  active_only: opt(flag, "true"),
} satisfies Fields<AlertsListDestinationsParams>;

/** Params of `alerts.createDestination`. */
export interface AlertsCreateDestinationParams {
  /** Destination name. */
  name: string;
  /** `email`, `slack`, `webhook`, `teams` or `pagerduty`. */
  destination_type: (typeof DESTINATION_TYPES)[number];
  /** Type-specific settings: email `{ email }` or `{ recipients }`, slack/teams `{ webhook_url }`, webhook `{ url, headers }`, pagerduty `{ api_token, routing_key }`. */
  config: Record<string, unknown>;
}
const createDestinationFields = {
  name: req(text),
  destination_type: req(oneOf(DESTINATION_TYPES)),
  config: req(record),
} satisfies Fields<AlertsCreateDestinationParams>;

/** Params of `alerts.acknowledge`, `alerts.resolve` and `alerts.dismiss`. */
export interface AlertsActionParams {
  /** A note kept in the alert's history. */
  notes?: string;
}
const actionFields = {
  notes: opt(v.string(), "truthy"),
} satisfies Fields<AlertsActionParams>;
/** Params of `alerts.acknowledge`. */
export type AlertsAcknowledgeParams = AlertsActionParams;
/** Params of `alerts.resolve`. */
export type AlertsResolveParams = AlertsActionParams;
/** Params of `alerts.dismiss`. */
export type AlertsDismissParams = AlertsActionParams;

/** Params of `alerts.snooze`. */
export interface AlertsSnoozeParams {
  /** Hours to snooze, 1–720. */
  duration_hours: number;
  /** A note kept in the alert's history. */
  notes?: string;
}
const snoozeFields = {
  duration_hours: req(intIn(1, 720)),
  notes: opt(v.string(), "truthy"),
} satisfies Fields<AlertsSnoozeParams>;

/** Params of `alerts.trends`. */
export interface AlertsTrendsParams {
  /** `24h`, `7d`, `30d` or `90d`. @default "7d" */
  period?: (typeof PERIODS)[number];
}
const trendsFields = {
  period: dflt(oneOf(PERIODS), "7d"),
} satisfies Fields<AlertsTrendsParams>;

/** Params of `alerts.preview`: an existing rule, or event types and severities to try. */
export interface AlertsPreviewParams {
  /** An existing rule to preview. */
  rule_id?: string;
  /** Event types to match. */
  event_types?: string[];
  /** Severities to match. */
  severities?: Severity[];
  /** Days of history to replay, ≥ 1. @default 7 */
  lookback_days?: number;
}
const previewFields = {
  lookback_days: dflt(intIn(1), 7),
  rule_id: opt(text),
  event_types: opt(textList),
  severities: opt(v.array(oneOf(SEVERITIES))),
} satisfies Fields<AlertsPreviewParams>;

/** `client.alerts`: alerts, the inbox, rules, destinations and alert actions. */
export class AlertsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Alert counts. `GET /sdk/alerts/summary`
   * @returns rule and alert counts
   * @throws AuthenticationError for a rejected key
   */
  async summary(options?: RequestOptions): Promise<AlertSummary> {
    return this.transport.request({ method: "GET", path: "/sdk/alerts/summary", schema: AlertSummarySchema }, options);
  }

  /**
   * Alerts that fired, one page. `GET /sdk/alerts`
   * @returns the alerts in `data.data`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async list(params?: AlertsListParams, options?: RequestOptions): Promise<Alert[]> {
    return listPage(
      this.transport,
      "alerts.list",
      listFields,
      params,
      { path: "/sdk/alerts", schema: AlertSchema, list: "data" },
      options,
    );
  }

  /**
   * Every alert across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterate(params?: AlertsListParams, options?: RequestOptions): AsyncGenerator<Alert, void, undefined> {
    return iteratePages(
      this.transport,
      "alerts.iterate",
      listFields,
      params,
      { path: "/sdk/alerts", schema: AlertSchema, list: "data" },
      options,
    );
  }

  /**
   * The alert inbox, one page. `GET /sdk/alerts/inbox`
   * @returns the alerts in `data.alerts`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async listInbox(params?: AlertsListInboxParams, options?: RequestOptions): Promise<InboxAlert[]> {
    return listPage(
      this.transport,
      "alerts.listInbox",
      inboxFields,
      params,
      { path: "/sdk/alerts/inbox", schema: InboxAlertSchema, list: "alerts" },
      options,
    );
  }

  /**
   * The whole inbox across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateInbox(params?: AlertsListInboxParams, options?: RequestOptions): AsyncGenerator<InboxAlert, void, undefined> {
    return iteratePages(
      this.transport,
      "alerts.iterateInbox",
      inboxFields,
      params,
      { path: "/sdk/alerts/inbox", schema: InboxAlertSchema, list: "alerts" },
      options,
    );
  }

  /**
   * Alert rules, one page. `GET /sdk/alerts/rules`
   * @returns the rules in `data.data`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async rules(params?: AlertsRulesParams, options?: RequestOptions): Promise<AlertRule[]> {
    return listPage(
      this.transport,
      "alerts.rules",
      rulesFields,
      params,
      { path: "/sdk/alerts/rules", schema: AlertRuleSchema, list: "data" },
      options,
    );
  }

  /**
   * Every alert rule across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateRules(params?: AlertsRulesParams, options?: RequestOptions): AsyncGenerator<AlertRule, void, undefined> {
    return iteratePages(
      this.transport,
      "alerts.iterateRules",
      rulesFields,
      params,
      { path: "/sdk/alerts/rules", schema: AlertRuleSchema, list: "data" },
      options,
    );
  }

  /**
   * Creates an alert rule. `POST /sdk/alerts/rules`
   * @returns the rule created
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without write scope
   */
  async createRule(params: AlertsCreateRuleParams, options?: RequestOptions): Promise<AlertRule> {
    const body = serialize("alerts.createRule", createRuleFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/alerts/rules", body, schema: AlertRuleSchema },
      options,
    );
  }

  /**
   * One alert rule. `GET /sdk/alerts/rules/{rule_id}`
   * @throws NotFoundError when the rule does not exist
   */
  async getRule(ruleId: string, options?: RequestOptions): Promise<AlertRule> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/alerts/rules/${ruleId}`, schema: AlertRuleSchema },
      options,
    );
  }

  /**
   * Deletes an alert rule. `DELETE /sdk/alerts/rules/{rule_id}`
   * @returns nothing (an empty 204 is fine)
   * @throws NotFoundError when the rule does not exist
   */
  async deleteRule(ruleId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/alerts/rules/${ruleId}` }, options);
  }

  /**
   * Alert destinations, one page. `GET /sdk/alerts/destinations`
   * @returns the destinations in `data.destinations`
   * @throws ValidationError on bad params (nothing is sent)
   */
  async listDestinations(params?: AlertsListDestinationsParams, options?: RequestOptions): Promise<AlertDestination[]> {
    return listPage(
      this.transport,
      "alerts.listDestinations",
      destinationsFields,
      params,
      { path: "/sdk/alerts/destinations", schema: AlertDestinationSchema, list: "destinations" },
      options,
    );
  }

  /**
   * Every alert destination across all pages, lazily.
   * @throws ValidationError on bad params, at once
   */
  iterateDestinations(
    params?: AlertsListDestinationsParams,
    options?: RequestOptions,
  ): AsyncGenerator<AlertDestination, void, undefined> {
    return iteratePages(
      this.transport,
      "alerts.iterateDestinations",
      destinationsFields,
      params,
      { path: "/sdk/alerts/destinations", schema: AlertDestinationSchema, list: "destinations" },
      options,
    );
  }

  /**
   * Creates an alert destination. `POST /sdk/alerts/destinations`
   * @returns the destination created
   * @throws ValidationError on bad params (nothing is sent); AuthorizationError without write scope
   */
  async createDestination(params: AlertsCreateDestinationParams, options?: RequestOptions): Promise<AlertDestination> {
    const body = serialize("alerts.createDestination", createDestinationFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/alerts/destinations", body, schema: AlertDestinationSchema },
      options,
    );
  }

  /**
   * One alert destination. `GET /sdk/alerts/destinations/{destination_id}`
   * @throws NotFoundError when the destination does not exist
   */
  async getDestination(destinationId: string, options?: RequestOptions): Promise<AlertDestination> {
    return this.transport.request(
      { method: "GET", path: path`/sdk/alerts/destinations/${destinationId}`, schema: AlertDestinationSchema },
      options,
    );
  }

  /**
   * Deletes an alert destination. `DELETE /sdk/alerts/destinations/{destination_id}`
   * @returns nothing (an empty 204 is fine)
   * @throws NotFoundError when the destination does not exist
   */
  async deleteDestination(destinationId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: "DELETE", path: path`/sdk/alerts/destinations/${destinationId}` }, options);
  }

  /**
   * Acknowledges an alert. `POST /sdk/alerts/{alert_id}/acknowledge` (`{}` without notes)
   * @returns the alert's id and new status
   * @throws NotFoundError when the alert does not exist
   */
  async acknowledge(
    alertId: string,
    params?: AlertsAcknowledgeParams,
    options?: RequestOptions,
  ): Promise<AlertActionResult> {
    return this.#act(alertId, "acknowledge", serialize("alerts.acknowledge", actionFields, params), options);
  }

  /**
   * Resolves an alert. `POST /sdk/alerts/{alert_id}/resolve` (`{}` without notes)
   * @returns the alert's id and new status
   * @throws NotFoundError when the alert does not exist
   */
  async resolve(alertId: string, params?: AlertsResolveParams, options?: RequestOptions): Promise<AlertActionResult> {
    return this.#act(alertId, "resolve", serialize("alerts.resolve", actionFields, params), options);
  }

  /**
   * Dismisses an alert. `POST /sdk/alerts/{alert_id}/dismiss` (`{}` without notes)
   * @returns the alert's id and new status
   * @throws NotFoundError when the alert does not exist
   */
  async dismiss(alertId: string, params?: AlertsDismissParams, options?: RequestOptions): Promise<AlertActionResult> {
    return this.#act(alertId, "dismiss", serialize("alerts.dismiss", actionFields, params), options);
  }

  /**
   * Snoozes an alert for 1–720 hours. `POST /sdk/alerts/{alert_id}/snooze`
   * @returns the alert's id, status and `snoozed_until`
   * @throws ValidationError on bad params (nothing is sent); NotFoundError when the alert does not exist
   */
  async snooze(alertId: string, params: AlertsSnoozeParams, options?: RequestOptions): Promise<AlertActionResult> {
    return this.#act(alertId, "snooze", serialize("alerts.snooze", snoozeFields, params), options);
  }

  /**
   * What happened to an alert, oldest first as the server sends it. `GET /sdk/alerts/{alert_id}/history`
   * @returns the entries in `data.history`
   * @throws NotFoundError when the alert does not exist
   */
  async history(alertId: string, options?: RequestOptions): Promise<AlertHistoryEntry[]> {
    const url = path`/sdk/alerts/${alertId}/history`;
    return (
      await this.transport.requestPage<AlertHistoryEntry>(
        { method: "GET", path: url, schema: AlertHistoryEntrySchema, list: "history" },
        options,
      )
    ).items;
  }

  /**
   * Alert counts over a period. `GET /sdk/alerts/trends` (always sends `period`)
   * @returns the period and its trend points
   * @throws ValidationError on bad params (nothing is sent)
   */
  async trends(params?: AlertsTrendsParams, options?: RequestOptions): Promise<AlertTrends> {
    const query = serialize("alerts.trends", trendsFields, params);
    return this.transport.request(
      { method: "GET", path: "/sdk/alerts/trends", query, schema: AlertTrendsSchema },
      options,
    );
  }

  /**
   * Replays history to see what a rule would have matched. `POST /sdk/alerts/preview`
   * @returns match counts by type and severity, samples and a recommendation
   * @throws ValidationError on bad params (nothing is sent)
   */
  async preview(params?: AlertsPreviewParams, options?: RequestOptions): Promise<AlertPreviewResponse> {
    const body = serialize("alerts.preview", previewFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/alerts/preview", body, schema: AlertPreviewResponseSchema },
      options,
    );
  }

  #act(
    alertId: string,
    action: string,
    body: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<AlertActionResult> {
    return this.transport.request(
      { method: "POST", path: `${path`/sdk/alerts/${alertId}`}/${action}`, body, schema: AlertActionResultSchema },
      options,
    );
  }
}
