/** Investigations: root-cause analysis of an asset, returned as a citable evidence capsule. */
import * as v from "valibot";
import type { RequestOptions } from "../core/config";
import type { Transport } from "../core/http";
import { dflt, oneOf, opt, req, serialize, uuid, type Fields } from "../core/params";
import { invalid } from "../core/check";
import { path } from "../core/path";

const EVENT_TYPES = ["anomaly", "freshness", "schema_change", "validity"] as const;
import { dict, maybe, model, num, openEnum, str, timestamp, withDefault } from "../core/schemas";

/** Schema of {@link Evidence}. */
export const EvidenceSchema = model({
  event_type: openEnum(["schema_change", "freshness_cascade", "metric_anomaly"]),
  confidence: num,
  timestamp,
  summary: str,
  details: withDefault(dict, {}),
  source: maybe(openEnum(["alert", "schema_change", "intelligence", "metric", "lineage"])),
  source_id: maybe(str),
});
/** One cited signal in a capsule (a trigger or a consequence). */
export interface Evidence {
  /** Kind of signal (`schema_change`, `freshness_cascade`, `metric_anomaly`). */
  event_type: "schema_change" | "freshness_cascade" | "metric_anomaly" | (string & {});
  /** How strongly the signal supports the hypothesis, 0–1. */
  confidence: number;
  /** When it happened (ISO-8601, kept as sent). */
  timestamp: string;
  /** The signal in one sentence. */
  summary: string;
  /** Signal-specific detail. Empty when the server omits it. */
  details: Record<string, unknown>;
  /** What produced the signal (`alert`, `metric`, `lineage`, …). */
  source?: "alert" | "schema_change" | "intelligence" | "metric" | "lineage" | (string & {}) | null | undefined;
  /** Id of that source record. */
  source_id?: string | null | undefined;
}

/** Schema of {@link EvidenceCapsule}. */
export const EvidenceCapsuleSchema = model(
  {
    investigation_id: maybe(str),
    question: str,
    root_cause_hypothesis: maybe(str),
    root_cause: maybe(str),
    triggers: withDefault(v.array(EvidenceSchema), []),
    consequences: withDefault(v.array(EvidenceSchema), []),
    confidence: maybe(num),
    suggested_fix: maybe(str),
    open_questions: withDefault(v.array(str), []),
  },
  (c) => ({
    root_cause_hypothesis: c.root_cause_hypothesis ?? c.root_cause ?? null,
    root_cause: c.root_cause ?? c.root_cause_hypothesis ?? null,
  }),
);
/**
 * The outcome of an investigation. Carries both `root_cause_hypothesis` (seed) and `root_cause` (the
 * vendor's short name for it), the missing one filled from the other.
 */
export interface EvidenceCapsule {
  /** Id of the investigation. */
  investigation_id?: string | null | undefined;
  /** What was investigated. */
  question: string;
  /** Most likely cause (seed name; filled from `root_cause`). */
  root_cause_hypothesis: string | null;
  /** Most likely cause (short name; filled from `root_cause_hypothesis`). */
  root_cause: string | null;
  /** Signals that point to the cause. Empty when the server omits it. */
  triggers: Evidence[];
  /** Effects seen downstream. Empty when the server omits it. */
  consequences: Evidence[];
  /** Confidence in the hypothesis, 0–1. */
  confidence?: number | null | undefined;
  /** What to do about it. */
  suggested_fix?: string | null | undefined;
  /** What the evidence does not settle. Empty when the server omits it. */
  open_questions: string[];
}

/** Params of `investigations.explain`. */
export interface InvestigationsExplainParams {
  /** Public UUID of the asset to investigate. */
  asset_id: string;
  /** The question to anchor the capsule; derived from `event_type` when absent. */
  question?: string | null;
  /** What kind of incident to explain. @default "anomaly" */
  event_type?: (typeof EVENT_TYPES)[number];
}
const explainFields = {
  asset_id: req(uuid),
  // nullish, the models' own wrapper, rather than nullable: `undefined` never reaches the check anyway.
  question: opt(v.nullish(v.string()), "truthy"),
  event_type: dflt(oneOf(EVENT_TYPES), "anomaly"),
} satisfies Fields<InvestigationsExplainParams>;

/** `client.investigations`: structured root-cause investigations. */
export class InvestigationsResource {
  /** The transport its calls go through: its `Client`'s, or one from `createTransport` when used alone. */
  readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Runs an ad-hoc investigation on an asset; nothing is persisted. `POST /sdk/investigations/explain`
   * @param params - asset UUID, optional question, event type
   * @returns the capsule (`investigation_id` null, `consequences` empty)
   * @throws ValidationError when `asset_id` is not a UUID or params are bad (nothing is sent);
   *   NotFoundError when the asset does not exist
   */
  async explain(params: InvestigationsExplainParams, options?: RequestOptions): Promise<EvidenceCapsule> {
    const body = serialize("investigations.explain", explainFields, params);
    return this.transport.request(
      { method: "POST", path: "/sdk/investigations/explain", body, schema: EvidenceCapsuleSchema },
      options,
    );
  }

  /**
   * A persisted investigation (one created when an alert fired). `GET /sdk/investigations/{investigation_id}`
   * @param investigationId - public UUID of the investigation
   * @returns the capsule
   * @throws ValidationError when the id is not a usable path segment (`explain` included; nothing is sent);
   *   NotFoundError when no investigation matches
   */
  async get(investigationId: string, options?: RequestOptions): Promise<EvidenceCapsule> {
    // `explain` is a literal segment at the id's position under `/sdk/investigations/`, besides the ones
    // every path refuses: the server would route it to that endpoint, not to an investigation.
    if (investigationId === "explain") {
      invalid("investigationId must not equal the route segment 'explain'", "investigationId");
    }
    return this.transport.request(
      { method: "GET", path: path`/sdk/investigations/${investigationId}`, schema: EvidenceCapsuleSchema },
      options,
    );
  }
}
