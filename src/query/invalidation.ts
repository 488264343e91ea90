/**
 * THE invalidation table: every write of the API → the key families it makes stale, each with its
 * reason. `armorMutations` applies it and nothing else does, so this file is the whole answer to "what
 * does this write refresh?". A family is a key prefix from `armorKeys`; a write never touches another
 * asset's entries, and reaches into another resource only where its line says why.
 */
import type { QueryKey } from "@tanstack/query-core";
import type { ArmorKeys } from "./keys";

/** What the table knows about one completed write. */
export interface WriteFacts {
  /** The path ids the mutation options were built with, in order (`assetId`, then `metricId`, …). */
  ids: readonly string[];
  /** The params object `mutate()` was called with, if any. */
  variables: Readonly<Record<string, unknown>> | undefined;
}

/** One line of the table. */
export interface InvalidationRule {
  /** Why these families are stale after the write (or why none are). */
  reason: string;
  /** The key prefixes to invalidate. */
  families: (keys: ArmorKeys, write: WriteFacts) => QueryKey[];
  /** Invalidate only once the job the write started (its response's `job_id`) has completed. */
  afterJob?: true;
}

const none = (): QueryKey[] => [];
const id = (w: WriteFacts, i = 0): string => w.ids[i] as string;
const param = (w: WriteFacts, name: string): string => String(w.variables?.[name]);

/**
 * A write the table covers, as `"<resource>.<method>"`. Spelled out rather than inferred from the table:
 * the inferred type is too large for declaration emit, and an explicit list makes a new write a
 * deliberate change here.
 */
export type WriteName =
  | "assets.create"
  | "assets.testConnection"
  | "assets.triggerDiscovery"
  | "freshness.refresh"
  | "freshness.createSchedule"
  | "freshness.updateSchedule"
  | "freshness.deleteSchedule"
  | "freshness.dryRun"
  | "schema.refresh"
  | "schema.createBaseline"
  | "schema.enableMonitoring"
  | "schema.disableMonitoring"
  | "schema.dryRun"
  | "tags.create"
  | "tags.apply"
  | "tags.bulkApply"
  | "intelligence.ask"
  | "intelligence.generate"
  | "investigations.explain"
  | "metrics.create"
  | "metrics.update"
  | "metrics.delete"
  | "metrics.capture"
  | "metrics.dryRun"
  | "validity.create"
  | "validity.update"
  | "validity.delete"
  | "validity.check"
  | "referential.create"
  | "referential.update"
  | "referential.delete"
  | "referential.execute"
  | "alerts.createRule"
  | "alerts.deleteRule"
  | "alerts.createDestination"
  | "alerts.deleteDestination"
  | "alerts.acknowledge"
  | "alerts.resolve"
  | "alerts.dismiss"
  | "alerts.snooze"
  | "alerts.preview"
  | "apiKeys.create"
  | "apiKeys.revoke"
  | "badges.create"
  | "badges.update"
  | "badges.delete";

/** Every write method of every resource, by `"<resource>.<method>"`. */
export const INVALIDATIONS: Readonly<Record<WriteName, InvalidationRule>> = {
  // assets ─────────────────────────────────────────────────────────────────────────────────────────
  "assets.create": {
    reason: "a new asset appears in asset lists",
    families: (k) => [[...k.assets.all, "list"]],
  },
  "assets.testConnection": {
    reason: "a connection test changes nothing any read returns",
    families: none,
  },
  "assets.triggerDiscovery": {
    reason: "discovery registers the source's tables as assets and records their schemas and lineage",
    families: (k) => [k.assets.all, k.schema.all, k.lineage.all],
    afterJob: true,
  },

  // freshness ──────────────────────────────────────────────────────────────────────────────────────
  "freshness.refresh": {
    reason:
      "the re-check rewrites the asset's status, which its rows in freshness lists and the freshness summary count; the health summary embeds that summary",
    families: (k, w) => [
      k.freshness.asset(id(w)),
      [...k.freshness.all, "list"],
      k.freshness.summary(),
      k.health.summary(),
    ],
    afterJob: true,
  },
  "freshness.createSchedule": {
    reason:
      "a schedule appears in schedule lists and sets the threshold the asset's status is computed from (its rows, the summary, and the health summary that embeds it)",
    families: (k, w) => [
      [...k.freshness.all, "schedules"],
      k.freshness.asset(param(w, "asset_id")),
      [...k.freshness.all, "list"],
      k.freshness.summary(),
      k.health.summary(),
    ],
  },
  "freshness.updateSchedule": {
    reason: "as createSchedule, but the schedule id does not name its asset, so every asset's freshness",
    families: (k) => [k.freshness.all, k.health.summary()],
  },
  "freshness.deleteSchedule": {
    reason: "as createSchedule, but the schedule id does not name its asset, so every asset's freshness",
    families: (k) => [k.freshness.all, k.health.summary()],
  },
  "freshness.dryRun": {
    reason: "a dry run stores nothing",
    families: none,
  },

  // schema ─────────────────────────────────────────────────────────────────────────────────────────
  "schema.refresh": {
    reason:
      "re-discovery may record changes for the asset: its drift detail, change lists and the drift summary (embedded in the health summary)",
    families: (k, w) => [k.schema.asset(id(w)), [...k.schema.all, "changes"], k.schema.summary(), k.health.summary()],
    afterJob: true,
  },
  "schema.createBaseline": {
    reason: "the asset's drift detail is computed against its baseline",
    families: (k, w) => [k.schema.asset(id(w))],
  },
  "schema.enableMonitoring": {
    reason: "the asset's drift detail reflects whether it is monitored",
    families: (k, w) => [k.schema.asset(id(w))],
  },
  "schema.disableMonitoring": {
    reason: "the asset's drift detail reflects whether it is monitored",
    families: (k, w) => [k.schema.asset(id(w))],
  },
  "schema.dryRun": {
    reason: "a dry run stores nothing",
    families: none,
  },

  // tags ───────────────────────────────────────────────────────────────────────────────────────────
  "tags.create": {
    reason: "the tag appears in that asset's tag lists",
    families: (k, w) => [k.tags.asset(param(w, "asset"))],
  },
  "tags.apply": {
    reason: "the tags appear in that asset's tag lists",
    families: (k, w) => [k.tags.asset(param(w, "asset"))],
  },
  "tags.bulkApply": {
    reason: "the tag appears in the tag lists of every asset named",
    families: (k, w) => ((w.variables?.asset_ids as readonly string[] | undefined) ?? []).map((a) => k.tags.asset(a)),
  },

  // intelligence, investigations ───────────────────────────────────────────────────────────────────
  "intelligence.ask": {
    reason: "asking stores nothing a read returns",
    families: none,
  },
  "intelligence.generate": {
    reason: "the knowledge base it builds is only read by ask, which is a mutation and never cached",
    families: none,
  },
  "investigations.explain": {
    reason: "an explanation is not persisted (its investigation_id is null)",
    families: none,
  },

  // metrics ────────────────────────────────────────────────────────────────────────────────────────
  "metrics.create": {
    reason: "the metric appears in the asset's metric lists and counts in its metrics summary",
    families: (k, w) => [k.metrics.asset(id(w))],
  },
  "metrics.update": {
    reason: "the metric's definition changes in its get, the asset's lists and (is_active) its summary",
    families: (k, w) => [k.metrics.asset(id(w))],
  },
  "metrics.delete": {
    reason: "the metric leaves the asset's lists and summary; its get and snapshots are gone",
    families: (k, w) => [k.metrics.asset(id(w))],
  },
  "metrics.capture": {
    reason: "a capture adds a snapshot and moves the metric's checks, which the asset's summary counts",
    families: (k, w) => [k.metrics.asset(id(w))],
  },
  "metrics.dryRun": {
    reason: "a dry run stores nothing",
    families: none,
  },

  // validity ───────────────────────────────────────────────────────────────────────────────────────
  "validity.create": {
    reason: "the rule appears in the asset's rule lists and counts in its validity summary",
    families: (k, w) => [k.validity.asset(id(w))],
  },
  "validity.update": {
    reason: "the rule changes in its get, the asset's lists and its summary",
    families: (k, w) => [k.validity.asset(id(w))],
  },
  "validity.delete": {
    reason: "the rule leaves the asset's lists and summary; its get and results are gone",
    families: (k, w) => [k.validity.asset(id(w))],
  },
  "validity.check": {
    reason: "a check adds a result and moves the asset's validity summary",
    families: (k, w) => [k.validity.asset(id(w))],
  },

  // referential ────────────────────────────────────────────────────────────────────────────────────
  "referential.create": {
    reason: "the check appears in the asset's check lists and counts in its referential summary",
    families: (k, w) => [k.referential.asset(id(w))],
  },
  "referential.update": {
    reason: "the check changes in its get, the asset's lists and its summary",
    families: (k, w) => [k.referential.asset(id(w))],
  },
  "referential.delete": {
    reason: "the check leaves the asset's lists and summary; its get and results are gone",
    families: (k, w) => [k.referential.asset(id(w))],
  },
  "referential.execute": {
    reason: "an execution adds a result and moves the asset's referential summary",
    families: (k, w) => [k.referential.asset(id(w))],
  },

  // alerts ─────────────────────────────────────────────────────────────────────────────────────────
  "alerts.createRule": {
    reason: "the rule appears in rule lists; the alerts summary counts rules (and the health summary embeds it)",
    families: (k) => [[...k.alerts.all, "rules"], k.alerts.summary(), k.health.summary()],
  },
  "alerts.deleteRule": {
    reason: "the rule leaves rule lists and its get; the alerts summary counts rules (embedded in the health summary)",
    families: (k, w) => [[...k.alerts.all, "rules"], k.alerts.getRule(id(w)), k.alerts.summary(), k.health.summary()],
  },
  "alerts.createDestination": {
    reason: "the destination appears in destination lists",
    families: (k) => [[...k.alerts.all, "destinations"]],
  },
  "alerts.deleteDestination": {
    reason: "the destination leaves destination lists and its get; rules that routed to it change",
    families: (k, w) => [
      [...k.alerts.all, "destinations"],
      k.alerts.getDestination(id(w)),
      [...k.alerts.all, "rules"],
      [...k.alerts.all, "rule"],
    ],
  },
  ...alertAction("acknowledge"),
  ...alertAction("resolve"),
  ...alertAction("dismiss"),
  ...alertAction("snooze"),
  "alerts.preview": {
    reason: "a preview stores nothing",
    families: none,
  },

  // api keys ───────────────────────────────────────────────────────────────────────────────────────
  "apiKeys.create": {
    reason: "the key appears in key lists and counts in usage",
    families: (k) => [k.apiKeys.all],
  },
  "apiKeys.revoke": {
    reason: "the key's get and list rows show it revoked, and usage no longer counts it",
    families: (k) => [k.apiKeys.all],
  },

  // badges ─────────────────────────────────────────────────────────────────────────────────────────
  "badges.create": {
    reason: "the badge appears in badge lists",
    families: (k) => [[...k.badges.all, "list"]],
  },
  "badges.update": {
    reason: "the badge changes in lists, its get, and (what it checks) its status",
    families: (k, w) => [[...k.badges.all, "list"], k.badges.get(id(w)), k.badges.getStatus(id(w))],
  },
  "badges.delete": {
    reason: "the badge leaves lists; its get and status are gone",
    families: (k, w) => [[...k.badges.all, "list"], k.badges.get(id(w)), k.badges.getStatus(id(w))],
  },
};

function alertAction<const A extends string>(action: A) {
  const rule: InvalidationRule = {
    reason: `${action} changes the alert's state in alert and inbox lists and its history, and the unresolved count of the alerts summary (embedded in the health summary)`,
    families: (k, w) => [
      [...k.alerts.all, "list"],
      [...k.alerts.all, "inbox"],
      k.alerts.history(id(w)),
      k.alerts.summary(),
      k.health.summary(),
    ],
  };
  return { [`alerts.${action}`]: rule } as { [K in `alerts.${A}`]: InvalidationRule };
}

