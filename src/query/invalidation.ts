/**
 * THE invalidation table: every write of `WRITES` (tables.ts) → the key families it makes stale, as a
 * function of the write's path ids and params over `armorKeys`, with its reason in the comment above
 * its line (comments, so that reasons cost no bundle bytes). `armorMutations` applies it and nothing
 * else does, so this file is the whole answer to "what does this write refresh?". A family is a key
 * prefix from `armorKeys`; a write never touches another asset's entries, and reaches into another
 * resource only where its line says why.
 */
import type { QueryKey } from "@tanstack/query-core";
import type { ArmorKeys } from "./keys";
import type { ArgsOf, ParamsAt, WriteName, Writes } from "./tables";

/** What the table knows about one completed write. */
export interface WriteFacts<Ids extends readonly string[] = readonly string[]> {
  /** The path ids the mutation options were built with, in order (`assetId`, then `metricId`, …). */
  ids: Ids;
  /** The params object `mutate()` was called with, if any. */
  variables: Readonly<Record<string, unknown>> | undefined;
}

/** One line of the table. */
export interface InvalidationRule<Facts extends WriteFacts = WriteFacts> {
  /**
   * Why these families are stale after the write (or why none are). The SDK's own table says it in a
   * comment on each line instead, so that the reasons cost no bundle bytes.
   */
  reason?: string | undefined;
  /** The key prefixes to invalidate. */
  families(keys: ArmorKeys, write: Facts): QueryKey[];
  /**
   * Invalidate only once the job the write started (its response's `job_id`) has completed. The SDK's
   * own writes say so in `WRITES` (`job`), beside how they are called.
   */
  afterJob?: true;
}

/** The facts of write `W`: its path ids, named as its method names them. */
type FactsOf<W extends WriteName> = W extends `${infer R extends keyof Writes}.${infer M extends string}`
  ? M extends keyof Writes[R]
    ? WriteFacts<ArgsOf<R, M, ParamsAt<Writes[R][M]>>>
    : never
  : never;

/** A line of a write that makes nothing stale. */
const NOTHING = (): QueryKey[] => [];

/** What a change to an alert's state makes stale: alert and inbox lists, its history, the alerts summary and the health summary that embeds it. */
const alertState = (k: ArmorKeys, alertId: string): QueryKey[] => [
  [...k.alerts.all, "list"],
  [...k.alerts.all, "inbox"],
  k.alerts.history(alertId),
  k.alerts.summary(),
  k.health.summary(),
];

/**
 * Every write of every resource, by `"<resource>.<method>"`: what it invalidates, with the reason in
 * the comment above its line. Typed by `WRITES`, so a write has exactly one line here.
 */
export const INVALIDATIONS: { readonly [W in WriteName]: InvalidationRule<FactsOf<W>>["families"] } = {
  // assets ─────────────────────────────────────────────────────────────────────────────────────────
  // a new asset appears in asset lists
  "assets.create": (k) => [[...k.assets.all, "list"]],
  // a connection test changes nothing any read returns
  "assets.testConnection": NOTHING,
  // discovery registers the source's tables as assets and records their schemas and lineage
  "assets.triggerDiscovery": (k) => [k.assets.all, k.schema.all, k.lineage.all],

  // freshness ──────────────────────────────────────────────────────────────────────────────────────
  // the re-check rewrites the asset's status, which its rows in freshness lists and the freshness
  // summary count; the health summary embeds that summary
  "freshness.refresh": (k, { ids: [assetId] }) => [
    k.freshness.asset(assetId),
    [...k.freshness.all, "list"],
    k.freshness.summary(),
    k.health.summary(),
  ],
  // a schedule appears in schedule lists and sets the threshold the asset's status is computed from
  // (its rows, the summary, and the health summary that embeds it)
  "freshness.createSchedule": (k, { variables }) => [
    [...k.freshness.all, "schedules"],
    k.freshness.asset(String(variables?.asset_id)),
    [...k.freshness.all, "list"],
    k.freshness.summary(),
    k.health.summary(),
  ],
  // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
  "freshness.updateSchedule": (k) => [k.freshness.all, k.health.summary()],
  // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
  "freshness.deleteSchedule": (k) => [k.freshness.all, k.health.summary()],
  // a dry run stores nothing
  "freshness.dryRun": NOTHING,

  // schema ─────────────────────────────────────────────────────────────────────────────────────────
  // re-discovery may record changes for the asset: its drift detail, change lists and the drift
  // summary (embedded in the health summary)
  "schema.refresh": (k, { ids: [assetId] }) => [
    k.schema.asset(assetId),
    [...k.schema.all, "changes"],
    k.schema.summary(),
    k.health.summary(),
  ],
  // the asset's drift detail is computed against its baseline
  "schema.createBaseline": (k, { ids: [assetId] }) => [k.schema.asset(assetId)],
  // the asset's drift detail reflects whether it is monitored
  "schema.enableMonitoring": (k, { ids: [assetId] }) => [k.schema.asset(assetId)],
  // the asset's drift detail reflects whether it is monitored
  "schema.disableMonitoring": (k, { ids: [assetId] }) => [k.schema.asset(assetId)],
  // a dry run stores nothing
  "schema.dryRun": NOTHING,

  // tags ───────────────────────────────────────────────────────────────────────────────────────────
  // the tag appears in that asset's tag lists
  "tags.create": (k, { variables }) => [k.tags.asset(String(variables?.asset))],
  // the tags appear in that asset's tag lists
  "tags.apply": (k, { variables }) => [k.tags.asset(String(variables?.asset))],
  // the tag appears in the tag lists of every asset named
  "tags.bulkApply": (k, { variables }) =>
    ((variables?.asset_ids as readonly string[] | undefined) ?? []).map((a) => k.tags.asset(a)),

  // intelligence, investigations ───────────────────────────────────────────────────────────────────
  // asking stores nothing a read returns
  "intelligence.ask": NOTHING,
  // the knowledge base it builds is only read by ask, which is a mutation and never cached
  "intelligence.generate": NOTHING,
  // an explanation is not persisted (its investigation_id is null)
  "investigations.explain": NOTHING,

  // metrics ────────────────────────────────────────────────────────────────────────────────────────
  // the metric appears in the asset's metric lists and counts in its metrics summary
  "metrics.create": (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
  // the metric's definition changes in its get, the asset's lists and (is_active) its summary
  "metrics.update": (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
  // the metric leaves the asset's lists and summary; its get and snapshots are gone
  "metrics.delete": (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
  // a capture adds a snapshot and moves the metric's checks, which the asset's summary counts
  "metrics.capture": (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
  // a dry run stores nothing
  "metrics.dryRun": NOTHING,

  // validity ───────────────────────────────────────────────────────────────────────────────────────
  // the rule appears in the asset's rule lists and counts in its validity summary
  "validity.create": (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
  // the rule changes in its get, the asset's lists and its summary
  "validity.update": (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
  // the rule leaves the asset's lists and summary; its get and results are gone
  "validity.delete": (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
  // a check adds a result and moves the asset's validity summary
  "validity.check": (k, { ids: [assetId] }) => [k.validity.asset(assetId)],

  // referential ────────────────────────────────────────────────────────────────────────────────────
  // the check appears in the asset's check lists and counts in its referential summary
  "referential.create": (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
  // the check changes in its get, the asset's lists and its summary
  "referential.update": (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
  // the check leaves the asset's lists and summary; its get and results are gone
  "referential.delete": (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
  // an execution adds a result and moves the asset's referential summary
  "referential.execute": (k, { ids: [assetId] }) => [k.referential.asset(assetId)],

  // alerts ─────────────────────────────────────────────────────────────────────────────────────────
  // the rule appears in rule lists; the alerts summary counts rules (and the health summary embeds it)
  "alerts.createRule": (k) => [[...k.alerts.all, "rules"], k.alerts.summary(), k.health.summary()],
  // the rule leaves rule lists and its get; the alerts summary counts rules (embedded in the health summary)
  "alerts.deleteRule": (k, { ids: [ruleId] }) => [
    [...k.alerts.all, "rules"],
    k.alerts.getRule(ruleId),
    k.alerts.summary(),
    k.health.summary(),
  ],
  // the destination appears in destination lists
  "alerts.createDestination": (k) => [[...k.alerts.all, "destinations"]],
  // the destination leaves destination lists and its get; rules that routed to it change
  "alerts.deleteDestination": (k, { ids: [destinationId] }) => [
    [...k.alerts.all, "destinations"],
    k.alerts.getDestination(destinationId),
    [...k.alerts.all, "rules"],
    [...k.alerts.all, "rule"],
  ],
  // acknowledging changes the alert's state (see alertState)
  "alerts.acknowledge": (k, { ids: [alertId] }) => alertState(k, alertId),
  // resolving changes the alert's state: as acknowledge
  "alerts.resolve": (k, { ids: [alertId] }) => alertState(k, alertId),
  // dismissing changes the alert's state: as acknowledge
  "alerts.dismiss": (k, { ids: [alertId] }) => alertState(k, alertId),
  // snoozing changes the alert's state: as acknowledge
  "alerts.snooze": (k, { ids: [alertId] }) => alertState(k, alertId),
  // a preview stores nothing
  "alerts.preview": NOTHING,

  // api keys ───────────────────────────────────────────────────────────────────────────────────────
  // the key appears in key lists and counts in usage
  "apiKeys.create": (k) => [k.apiKeys.all],
  // the key's get and list rows show it revoked, and usage no longer counts it
  "apiKeys.revoke": (k) => [k.apiKeys.all],

  // badges ─────────────────────────────────────────────────────────────────────────────────────────
  // the badge appears in badge lists
  "badges.create": (k) => [[...k.badges.all, "list"]],
  // the badge changes in lists, its get, and (what it checks) its status
  "badges.update": (k, { ids: [badgeId] }) => [
    [...k.badges.all, "list"],
    k.badges.get(badgeId),
    k.badges.getStatus(badgeId),
  ],
  // the badge leaves lists; its get and status are gone
  "badges.delete": (k, { ids: [badgeId] }) => [
    [...k.badges.all, "list"],
    k.badges.get(badgeId),
    k.badges.getStatus(badgeId),
  ],
};
