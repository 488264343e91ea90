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
import type { ArgsOf, ParamsAt, Writes } from "./tables";

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

/** The facts of write `M` of resource `R`: its path ids, named as its method names them. */
type FactsOf<R extends keyof Writes, M extends keyof Writes[R]> = WriteFacts<ArgsOf<R, M, ParamsAt<Writes[R][M]>>>;

/** A line of a write that makes nothing stale. */
const NOTHING = (): QueryKey[] => [];

/**
 * The line of every write that changes an alert's state: alert and inbox lists, its history, the
 * alerts summary and the health summary that embeds it.
 */
const alertState = (k: ArmorKeys, { ids: [alertId] }: WriteFacts<readonly [alertId: string]>): QueryKey[] => [
  [...k.alerts.all, "list"],
  [...k.alerts.all, "inbox"],
  k.alerts.history(alertId),
  k.alerts.summary(),
  k.health.summary(),
];

/**
 * Every write of every resource, by resource then method (the write `"<resource>.<method>"`): what it
 * invalidates, with the reason in the comment above its line. Typed by `WRITES`, so a write has exactly
 * one line here.
 */
export const INVALIDATIONS: {
  readonly [R in keyof Writes]: { readonly [M in keyof Writes[R]]: InvalidationRule<FactsOf<R, M>>["families"] };
} = {
  assets: {
    // a new asset appears in asset lists
    create: (k) => [[...k.assets.all, "list"]],
    // a connection test changes nothing any read returns
    testConnection: NOTHING,
    // discovery registers the source's tables as assets and records their schemas and lineage
    triggerDiscovery: (k) => [k.assets.all, k.schema.all, k.lineage.all],
  },

  freshness: {
    // the re-check rewrites the asset's status, which its rows in freshness lists and the freshness
    // summary count; the health summary embeds that summary
    refresh: (k, { ids: [assetId] }) => [
      k.freshness.asset(assetId),
      [...k.freshness.all, "list"],
      k.freshness.summary(),
      k.health.summary(),
    ],
    // a schedule appears in schedule lists and sets the threshold the asset's status is computed from
    // (its rows, the summary, and the health summary that embeds it)
    createSchedule: (k, { variables }) => [
      [...k.freshness.all, "schedules"],
      k.freshness.asset(String(variables?.asset_id)),
      [...k.freshness.all, "list"],
      k.freshness.summary(),
      k.health.summary(),
    ],
    // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
    updateSchedule: (k) => [k.freshness.all, k.health.summary()],
    // as createSchedule, but the schedule id does not name its asset, so every asset's freshness
    deleteSchedule: (k) => [k.freshness.all, k.health.summary()],
    // a dry run stores nothing
    dryRun: NOTHING,
  },

  schema: {
    // re-discovery may record changes for the asset: its drift detail, change lists and the drift
    // summary (embedded in the health summary)
    refresh: (k, { ids: [assetId] }) => [
      k.schema.asset(assetId),
      [...k.schema.all, "changes"],
      k.schema.summary(),
      k.health.summary(),
    ],
    // the asset's drift detail is computed against its baseline
    createBaseline: (k, { ids: [assetId] }) => [k.schema.asset(assetId)],
    // the asset's drift detail reflects whether it is monitored
    enableMonitoring: (k, { ids: [assetId] }) => [k.schema.asset(assetId)],
    // the asset's drift detail reflects whether it is monitored
    disableMonitoring: (k, { ids: [assetId] }) => [k.schema.asset(assetId)],
    // a dry run stores nothing
    dryRun: NOTHING,
  },

  tags: {
    // the tag appears in that asset's tag lists
    create: (k, { variables }) => [k.tags.asset(String(variables?.asset))],
    // the tags appear in that asset's tag lists
    apply: (k, { variables }) => [k.tags.asset(String(variables?.asset))],
    // the tag appears in the tag lists of every asset named
    bulkApply: (k, { variables }) =>
      ((variables?.asset_ids as readonly string[] | undefined) ?? []).map((a) => k.tags.asset(a)),
  },

  intelligence: {
    // asking stores nothing a read returns
    ask: NOTHING,
    // the knowledge base it builds is only read by ask, which is a mutation and never cached
    generate: NOTHING,
  },

  investigations: {
    // an explanation is not persisted (its investigation_id is null)
    explain: NOTHING,
  },

  metrics: {
    // the metric appears in the asset's metric lists and counts in its metrics summary
    create: (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
    // the metric's definition changes in its get, the asset's lists and (is_active) its summary
    update: (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
    // the metric leaves the asset's lists and summary; its get and snapshots are gone
    delete: (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
    // a capture adds a snapshot and moves the metric's checks, which the asset's summary counts
    capture: (k, { ids: [assetId] }) => [k.metrics.asset(assetId)],
    // a dry run stores nothing
    dryRun: NOTHING,
  },

  validity: {
    // the rule appears in the asset's rule lists and counts in its validity summary
    create: (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
    // the rule changes in its get, the asset's lists and its summary
    update: (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
    // the rule leaves the asset's lists and summary; its get and results are gone
    delete: (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
    // a check adds a result and moves the asset's validity summary
    check: (k, { ids: [assetId] }) => [k.validity.asset(assetId)],
  },

  referential: {
    // the check appears in the asset's check lists and counts in its referential summary
    create: (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
    // the check changes in its get, the asset's lists and its summary
    update: (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
    // the check leaves the asset's lists and summary; its get and results are gone
    delete: (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
    // an execution adds a result and moves the asset's referential summary
    execute: (k, { ids: [assetId] }) => [k.referential.asset(assetId)],
  },

  alerts: {
    // the rule appears in rule lists; the alerts summary counts rules (and the health summary embeds it)
    createRule: (k) => [[...k.alerts.all, "rules"], k.alerts.summary(), k.health.summary()],
    // the rule leaves rule lists and its get; the alerts summary counts rules (embedded in the health summary)
    deleteRule: (k, { ids: [ruleId] }) => [
      [...k.alerts.all, "rules"],
      k.alerts.getRule(ruleId),
      k.alerts.summary(),
      k.health.summary(),
    ],
    // the destination appears in destination lists
    createDestination: (k) => [[...k.alerts.all, "destinations"]],
    // the destination leaves destination lists and its get; rules that routed to it change
    deleteDestination: (k, { ids: [destinationId] }) => [
      [...k.alerts.all, "destinations"],
      k.alerts.getDestination(destinationId),
      [...k.alerts.all, "rules"],
      [...k.alerts.all, "rule"],
    ],
    // acknowledging changes the alert's state (see alertState)
    acknowledge: alertState,
    // resolving changes the alert's state: as acknowledge
    resolve: alertState,
    // dismissing changes the alert's state: as acknowledge
    dismiss: alertState,
    // snoozing changes the alert's state: as acknowledge
    snooze: alertState,
    // a preview stores nothing
    preview: NOTHING,
  },

  apiKeys: {
    // the key appears in key lists and counts in usage
    create: (k) => [k.apiKeys.all],
    // the key's get and list rows show it revoked, and usage no longer counts it
    revoke: (k) => [k.apiKeys.all],
  },

  badges: {
    // the badge appears in badge lists
    create: (k) => [[...k.badges.all, "list"]],
    // the badge changes in lists, its get, and (what it checks) its status
    update: (k, { ids: [badgeId] }) => [[...k.badges.all, "list"], k.badges.get(badgeId), k.badges.getStatus(badgeId)],
    // the badge leaves lists; its get and status are gone
    delete: (k, { ids: [badgeId] }) => [[...k.badges.all, "list"], k.badges.get(badgeId), k.badges.getStatus(badgeId)],
  },
};
