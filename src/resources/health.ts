/** Health: one overview of alerts, freshness and schema drift, with what needs attention. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { maybe, model, openEnum, str, timestamp, withDefault } from "../core/schemas";
import { AlertSummarySchema, type AlertSummary } from "./alerts";
import { FreshnessSummarySchema, type FreshnessSummary } from "./freshness";
import { SchemaSummarySchema, type SchemaSummary } from "./schema";

/** Schema of {@link AttentionItem}. */
export const AttentionItemSchema = model({
  type: openEnum(["alert", "stale_data", "schema_change"]),
  severity: str,
  title: str,
  asset_id: maybe(str),
  asset_name: maybe(str),
});
/** Something in the overview that needs a human. */
export interface AttentionItem {
  /** What needs attention: `alert`, `stale_data` or `schema_change`. */
  type: "alert" | "stale_data" | "schema_change" | (string & {});
  /** How urgent it is. */
  severity: string;
  /** One-line title. */
  title: string;
  /** Asset concerned, when there is one. */
  asset_id?: string | null | undefined;
  /** Name of the asset concerned. */
  asset_name?: string | null | undefined;
}

/** Schema of {@link HealthSummary}. */
export const HealthSummarySchema = model({
  overall_status: openEnum(["healthy", "warning", "critical"]),
  alerts: AlertSummarySchema,
  freshness: FreshnessSummarySchema,
  schema_drift: SchemaSummarySchema,
  needs_attention: withDefault(v.array(AttentionItemSchema), []),
  generated_at: timestamp,
});
/** The overall health of the organisation's data. */
export interface HealthSummary {
  /** `healthy`, `warning` or `critical`. */
  overall_status: "healthy" | "warning" | "critical" | (string & {});
  /** Alert counts. */
  alerts: AlertSummary;
  /** Freshness counts. */
  freshness: FreshnessSummary;
  /** Schema change counts. */
  schema_drift: SchemaSummary;
  /** What to look at first. Empty when the server omits it. */
  needs_attention: AttentionItem[];
  /** When it was generated (ISO-8601). */
  generated_at: string;
}

/** `client.health`: the overall data-health overview. */
export class HealthResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Alerts, freshness and drift in one call, with the items that need attention. `GET /sdk/health/summary`
   * @returns the overview
   * @throws AuthenticationError for a bad key
   */
  async summary(options?: RequestOptions): Promise<HealthSummary> {
    return this.transport.request({ method: "GET", path: "/sdk/health/summary", schema: HealthSummarySchema }, options);
  }
}
