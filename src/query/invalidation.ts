/**
 * THE invalidation table: every write of the API → the key families it makes stale, each with its
 * reason in the comment above its line (comments, so that reasons cost no bundle bytes). Families are
 * written as key paths (see `on`), which read like the keys they name and ship as a few short strings.
 * `armorMutations` applies it and nothing else does, so this file is the whole answer to "what does
 * this write refresh?". A family is a key prefix from `armorKeys`; a write never touches another
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

/** One line of the table: its rule, and how `armorMutations` calls the write. */
export interface WriteLine extends InvalidationRule {
  /** The write's arguments (see {@link on}). */
  readonly call: string;
}

/**
 * A line of the table.
 * @param call - how the write's builder and method take their arguments: one `i` per path id (the
 *   builder's arguments, passed first to the method), then `v` to pass `mutate()`'s params on, `g` to
 *   pass them on with `null` read as absent (methods whose params are optional), nothing for writes
 *   without params; `w` where the effects land with a job: the builder also takes `JobWaitOptions`, and
 *   the families are invalidated once that job has completed
 * @param families - key prefixes: a resource, then the segments below its `all`, `/`-separated; `:0`
 *   stands for the write's first path id, `=asset_id` for that field of its params. `"metrics/asset/:0"`
 *   is `keys.metrics.asset(ids[0])`, `"health/summary"` is `keys.health.summary()`. Space-separated
 *   prefixes are each invalidated; a write without families invalidates nothing.
 */
const on = (call: string, families?: string): WriteLine => ({
  call,
  families: (k, w) =>
    // A resource's `all` is the client's `all` plus the resource's name, so a path extends the latter.
    (families?.split(" ") ?? []).map((family) => [
      ...k.all,
      ...family
        .split("/")
        .map((s) => (s[0] === ":" ? w.ids[+s.slice(1)] : s[0] === "=" ? String(w.variables?.[s.slice(1)]) : s)),
    ]),
  ...(call.includes("w") && { afterJob: true as const }),
});

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
 * Every write method of every resource, by `"<resource>.<method>"`: how it is called and what it
 * invalidates (see {@link on}), with the reason in the comment above its line. `armorMutations` builds
 * one mutation per line.
 */
export const INVALIDATIONS: Readonly<Record<WriteName, WriteLine>> = {
  // assets ─────────────────────────────────────────────────────────────────────────────────────────
  // a new asset appears in asset lists
  "assets.create": on("v", "assets/list"),
  // a connection test changes nothing any read returns
  "assets.testConnection": on("i"),
  // discovery registers the source's tables as assets and records their schemas and lineage
  "assets.triggerDiscovery": on("iw", "assets schema lineage"),

  // freshness ──────────────────────────────────────────────────────────────────────────────────────
  // the re-check rewrites the asset's status, which its rows in freshness lists and the freshness
  // summary count; the health summary embeds that summary
  "freshness.refresh": on("iw", "freshness/asset/:0 freshness/list freshness/summary health/summary"),
  // a schedule appears in schedule lists and sets the threshold the asset's status is computed from
  // (its rows, the summary, and the health summary that embeds it)
  "freshness.createSchedule": on(
    "v",
    "freshness/schedules freshness/asset/=asset_id freshness/list freshness/summary health/summary",
  ),
  // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
  "freshness.updateSchedule": on("iv", "freshness health/summary"),
  // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
  "freshness.deleteSchedule": on("i", "freshness health/summary"),
  // a dry run stores nothing
  "freshness.dryRun": on("v"),

  // schema ─────────────────────────────────────────────────────────────────────────────────────────
  // re-discovery may record changes for the asset: its drift detail, change lists and the drift
  // summary (embedded in the health summary)
  "schema.refresh": on("iw", "schema/asset/:0 schema/changes schema/summary health/summary"),
  // the asset's drift detail is computed against its baseline
  "schema.createBaseline": on("ig", "schema/asset/:0"),
  // the asset's drift detail reflects whether it is monitored
  "schema.enableMonitoring": on("ig", "schema/asset/:0"),
  // the asset's drift detail reflects whether it is monitored
  "schema.disableMonitoring": on("i", "schema/asset/:0"),
  // a dry run stores nothing
  "schema.dryRun": on("v"),

  // tags ───────────────────────────────────────────────────────────────────────────────────────────
  // the tag appears in that asset's tag lists
  "tags.create": on("v", "tags/asset/=asset"),
  // the tags appear in that asset's tag lists
  "tags.apply": on("v", "tags/asset/=asset"),
  // the tag appears in the tag lists of every asset named
  "tags.bulkApply": {
    call: "v",
    families: (k, w) => ((w.variables?.asset_ids as readonly string[] | undefined) ?? []).map((a) => k.tags.asset(a)),
  },

  // intelligence, investigations ───────────────────────────────────────────────────────────────────
  // asking stores nothing a read returns
  "intelligence.ask": on("v"),
  // the knowledge base it builds is only read by ask, which is a mutation and never cached
  "intelligence.generate": on("v"),
  // an explanation is not persisted (its investigation_id is null)
  "investigations.explain": on("v"),

  // metrics ────────────────────────────────────────────────────────────────────────────────────────
  // the metric appears in the asset's metric lists and counts in its metrics summary
  "metrics.create": on("iv", "metrics/asset/:0"),
  // the metric's definition changes in its get, the asset's lists and (is_active) its summary
  "metrics.update": on("iiv", "metrics/asset/:0"),
  // the metric leaves the asset's lists and summary; its get and snapshots are gone
  "metrics.delete": on("ii", "metrics/asset/:0"),
  // a capture adds a snapshot and moves the metric's checks, which the asset's summary counts
  "metrics.capture": on("ii", "metrics/asset/:0"),
  // a dry run stores nothing
  "metrics.dryRun": on("v"),

  // validity ───────────────────────────────────────────────────────────────────────────────────────
  // the rule appears in the asset's rule lists and counts in its validity summary
  "validity.create": on("iv", "validity/asset/:0"),
  // the rule changes in its get, the asset's lists and its summary
  "validity.update": on("iiv", "validity/asset/:0"),
  // the rule leaves the asset's lists and summary; its get and results are gone
  "validity.delete": on("ii", "validity/asset/:0"),
  // a check adds a result and moves the asset's validity summary
  "validity.check": on("iig", "validity/asset/:0"),

  // referential ────────────────────────────────────────────────────────────────────────────────────
  // the check appears in the asset's check lists and counts in its referential summary
  "referential.create": on("iv", "referential/asset/:0"),
  // the check changes in its get, the asset's lists and its summary
  "referential.update": on("iiv", "referential/asset/:0"),
  // the check leaves the asset's lists and summary; its get and results are gone
  "referential.delete": on("ii", "referential/asset/:0"),
  // an execution adds a result and moves the asset's referential summary
  "referential.execute": on("ii", "referential/asset/:0"),

  // alerts ─────────────────────────────────────────────────────────────────────────────────────────
  // the rule appears in rule lists; the alerts summary counts rules (and the health summary embeds it)
  "alerts.createRule": on("v", "alerts/rules alerts/summary health/summary"),
  // the rule leaves rule lists and its get; the alerts summary counts rules (embedded in the health summary)
  "alerts.deleteRule": on("i", "alerts/rules alerts/rule/:0 alerts/summary health/summary"),
  // the destination appears in destination lists
  "alerts.createDestination": on("v", "alerts/destinations"),
  // the destination leaves destination lists and its get; rules that routed to it change
  "alerts.deleteDestination": on("i", "alerts/destinations alerts/destination/:0 alerts/rules alerts/rule"),
  // acknowledging changes the alert's state in alert and inbox lists and its history, and the
  // unresolved count of the alerts summary (embedded in the health summary)
  "alerts.acknowledge": on("ig", "alerts/list alerts/inbox alerts/history/:0 alerts/summary health/summary"),
  // resolving changes the alert's state: as acknowledge
  "alerts.resolve": on("ig", "alerts/list alerts/inbox alerts/history/:0 alerts/summary health/summary"),
  // dismissing changes the alert's state: as acknowledge
  "alerts.dismiss": on("ig", "alerts/list alerts/inbox alerts/history/:0 alerts/summary health/summary"),
  // snoozing changes the alert's state: as acknowledge
  "alerts.snooze": on("iv", "alerts/list alerts/inbox alerts/history/:0 alerts/summary health/summary"),
  // a preview stores nothing
  "alerts.preview": on("g"),

  // api keys ───────────────────────────────────────────────────────────────────────────────────────
  // the key appears in key lists and counts in usage
  "apiKeys.create": on("v", "apiKeys"),
  // the key's get and list rows show it revoked, and usage no longer counts it
  "apiKeys.revoke": on("i", "apiKeys"),

  // badges ─────────────────────────────────────────────────────────────────────────────────────────
  // the badge appears in badge lists
  "badges.create": on("v", "badges/list"),
  // the badge changes in lists, its get, and (what it checks) its status
  "badges.update": on("ig", "badges/list badges/get/:0 badges/status/:0"),
  // the badge leaves lists; its get and status are gone
  "badges.delete": on("i", "badges/list badges/get/:0 badges/status/:0"),
};
