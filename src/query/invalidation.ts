/**
 * THE invalidation table: every write of the API → the key families it makes stale, each with its
 * reason in the comment above its line (comments, so that reasons cost no bundle bytes; a few lines
 * share a rule defined just above the table, named for what it invalidates). `armorMutations` applies it and nothing else does, so this file is the whole answer to "what
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
  /**
   * Why these families are stale after the write (or why none are). The SDK's own table says it in a
   * comment on each line instead, so that the reasons cost no bundle bytes.
   */
  reason?: string | undefined;
  /** The key prefixes to invalidate. */
  families: (keys: ArmorKeys, write: WriteFacts) => QueryKey[];
  /** Invalidate only once the job the write started (its response's `job_id`) has completed. */
  afterJob?: true;
}

const id = (w: WriteFacts, i = 0): string => w.ids[i] as string;
const param = (w: WriteFacts, name: string): string => String(w.variables?.[name]);
/** Lines that invalidate nothing. */
const NONE: InvalidationRule = { families: () => [] };
/** Lines that invalidate every read of `resource` about the asset in the write's path. */
const ofAsset = (resource: "schema" | "metrics" | "validity" | "referential"): InvalidationRule => ({
  families: (k, w) => [k[resource].asset(id(w))],
});
const metricsOfAsset = ofAsset("metrics");
const validityOfAsset = ofAsset("validity");
const referentialOfAsset = ofAsset("referential");
const schemaOfAsset = ofAsset("schema");
const tagsOfAsset: InvalidationRule = { families: (k, w) => [k.tags.asset(param(w, "asset"))] };
const everyFreshness: InvalidationRule = { families: (k) => [k.freshness.all, k.health.summary()] };
const apiKeysAll: InvalidationRule = { families: (k) => [k.apiKeys.all] };
const badge: InvalidationRule = { families: (k, w) => [[...k.badges.all, "list"], k.badges.get(id(w)), k.badges.getStatus(id(w))] };
const alertState: InvalidationRule = {
  families: (k, w) => [[...k.alerts.all, "list"], [...k.alerts.all, "inbox"], k.alerts.history(id(w)), k.alerts.summary(), k.health.summary()],
};

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

/**
 * Every write method of every resource, by `"<resource>.<method>"`, each line with the reason for what
 * it invalidates in the comment above it.
 */
export const INVALIDATIONS: Readonly<Record<WriteName, InvalidationRule>> = {
  // assets ─────────────────────────────────────────────────────────────────────────────────────────
  // a new asset appears in asset lists
  "assets.create": { families: (k) => [[...k.assets.all, "list"]] },
  // a connection test changes nothing any read returns
  "assets.testConnection": NONE,
  // discovery registers the source's tables as assets and records their schemas and lineage
  "assets.triggerDiscovery": { families: (k) => [k.assets.all, k.schema.all, k.lineage.all], afterJob: true },

  // freshness ──────────────────────────────────────────────────────────────────────────────────────
  // the re-check rewrites the asset's status, which its rows in freshness lists and the freshness
  // summary count; the health summary embeds that summary
  "freshness.refresh": {
    families: (k, w) => [k.freshness.asset(id(w)), [...k.freshness.all, "list"], k.freshness.summary(), k.health.summary()],
    afterJob: true,
  },
  // a schedule appears in schedule lists and sets the threshold the asset's status is computed from
  // (its rows, the summary, and the health summary that embeds it)
  "freshness.createSchedule": {
    families: (k, w) => [
      [...k.freshness.all, "schedules"],
      k.freshness.asset(param(w, "asset_id")),
      [...k.freshness.all, "list"],
      k.freshness.summary(),
      k.health.summary(),
    ],
  },
  // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
  "freshness.updateSchedule": everyFreshness,
  // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
  "freshness.deleteSchedule": everyFreshness,
  // a dry run stores nothing
  "freshness.dryRun": NONE,

  // schema ─────────────────────────────────────────────────────────────────────────────────────────
  // re-discovery may record changes for the asset: its drift detail, change lists and the drift
  // summary (embedded in the health summary)
  "schema.refresh": {
    families: (k, w) => [k.schema.asset(id(w)), [...k.schema.all, "changes"], k.schema.summary(), k.health.summary()],
    afterJob: true,
  },
  // the asset's drift detail is computed against its baseline
  "schema.createBaseline": schemaOfAsset,
  // the asset's drift detail reflects whether it is monitored
  "schema.enableMonitoring": schemaOfAsset,
  // the asset's drift detail reflects whether it is monitored
  "schema.disableMonitoring": schemaOfAsset,
  // a dry run stores nothing
  "schema.dryRun": NONE,

  // tags ───────────────────────────────────────────────────────────────────────────────────────────
  // the tag appears in that asset's tag lists
  "tags.create": tagsOfAsset,
  // the tags appear in that asset's tag lists
  "tags.apply": tagsOfAsset,
  // the tag appears in the tag lists of every asset named
  "tags.bulkApply": {
    families: (k, w) => ((w.variables?.asset_ids as readonly string[] | undefined) ?? []).map((a) => k.tags.asset(a)),
  },

  // intelligence, investigations ───────────────────────────────────────────────────────────────────
  // asking stores nothing a read returns
  "intelligence.ask": NONE,
  // the knowledge base it builds is only read by ask, which is a mutation and never cached
  "intelligence.generate": NONE,
  // an explanation is not persisted (its investigation_id is null)
  "investigations.explain": NONE,

  // metrics ────────────────────────────────────────────────────────────────────────────────────────
  // the metric appears in the asset's metric lists and counts in its metrics summary
  "metrics.create": metricsOfAsset,
  // the metric's definition changes in its get, the asset's lists and (is_active) its summary
  "metrics.update": metricsOfAsset,
  // the metric leaves the asset's lists and summary; its get and snapshots are gone
  "metrics.delete": metricsOfAsset,
  // a capture adds a snapshot and moves the metric's checks, which the asset's summary counts
  "metrics.capture": metricsOfAsset,
  // a dry run stores nothing
  "metrics.dryRun": NONE,

  // validity ───────────────────────────────────────────────────────────────────────────────────────
  // the rule appears in the asset's rule lists and counts in its validity summary
  "validity.create": validityOfAsset,
  // the rule changes in its get, the asset's lists and its summary
  "validity.update": validityOfAsset,
  // the rule leaves the asset's lists and summary; its get and results are gone
  "validity.delete": validityOfAsset,
  // a check adds a result and moves the asset's validity summary
  "validity.check": validityOfAsset,

  // referential ────────────────────────────────────────────────────────────────────────────────────
  // the check appears in the asset's check lists and counts in its referential summary
  "referential.create": referentialOfAsset,
  // the check changes in its get, the asset's lists and its summary
  "referential.update": referentialOfAsset,
  // the check leaves the asset's lists and summary; its get and results are gone
  "referential.delete": referentialOfAsset,
  // an execution adds a result and moves the asset's referential summary
  "referential.execute": referentialOfAsset,

  // alerts ─────────────────────────────────────────────────────────────────────────────────────────
  // the rule appears in rule lists; the alerts summary counts rules (and the health summary embeds it)
  "alerts.createRule": { families: (k) => [[...k.alerts.all, "rules"], k.alerts.summary(), k.health.summary()] },
  // the rule leaves rule lists and its get; the alerts summary counts rules (embedded in the health summary)
  "alerts.deleteRule": {
    families: (k, w) => [[...k.alerts.all, "rules"], k.alerts.getRule(id(w)), k.alerts.summary(), k.health.summary()],
  },
  // the destination appears in destination lists
  "alerts.createDestination": { families: (k) => [[...k.alerts.all, "destinations"]] },
  // the destination leaves destination lists and its get; rules that routed to it change
  "alerts.deleteDestination": {
    families: (k, w) => [[...k.alerts.all, "destinations"], k.alerts.getDestination(id(w)), [...k.alerts.all, "rules"], [...k.alerts.all, "rule"]],
  },
  // acknowledging changes the alert's state in alert and inbox lists and its history, and the
  // unresolved count of the alerts summary (embedded in the health summary)
  "alerts.acknowledge": alertState,
  // resolving changes the alert's state: as acknowledge
  "alerts.resolve": alertState,
  // dismissing changes the alert's state: as acknowledge
  "alerts.dismiss": alertState,
  // snoozing changes the alert's state: as acknowledge
  "alerts.snooze": alertState,
  // a preview stores nothing
  "alerts.preview": NONE,

  // api keys ───────────────────────────────────────────────────────────────────────────────────────
  // the key appears in key lists and counts in usage
  "apiKeys.create": apiKeysAll,
  // the key's get and list rows show it revoked, and usage no longer counts it
  "apiKeys.revoke": apiKeysAll,

  // badges ─────────────────────────────────────────────────────────────────────────────────────────
  // the badge appears in badge lists
  "badges.create": { families: (k) => [[...k.badges.all, "list"]] },
  // the badge changes in lists, its get, and (what it checks) its status
  "badges.update": badge,
  // the badge leaves lists; its get and status are gone
  "badges.delete": badge,
};
