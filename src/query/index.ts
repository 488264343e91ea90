/**
 * `anomalyarmor/query`: cached, invalidatable server state for every resource on top of
 * `@tanstack/query-core` — keys, query and mutation options, one invalidation table, and polling —
 * usable from plain query-core and from every TanStack framework adapter.
 *
 * @module anomalyarmor/query
 */
export { armorKeys } from "./keys";
export type { ArmorInfiniteData, ArmorKey, ArmorKeys, ScopedClient } from "./keys";
export { armorQueries } from "./queries";
export type { ArmorQueries, FreshnessPollOptions, JobPollOptions } from "./queries";
export type { ArmorInfiniteQueryOptions, ArmorQueryOptions } from "./options";
export { armorMutations } from "./mutations";
export type { ArmorMutationOptions, ArmorMutations, JobWaitOptions } from "./mutations";
export type { InvalidationRule, WriteFacts } from "./invalidation";
export type { WriteName } from "./tables";
export { pollJob, waitForFresh } from "./polling";
export type {
  FreshnessReader,
  JobLike,
  JobsReader,
  PollJobOptions,
  PollOptions,
  PolledQuery,
  WaitForFreshOptions,
} from "./polling";
export type { ArmorClient, ArmorPage } from "./types";
