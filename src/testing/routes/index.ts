/**
 * Every route module of the sandbox, registered in this order. To add a resource, write
 * `routes/<resource>.ts` exporting `register(router, state)` (see the comment at the top of `router.ts`)
 * and add one line here; registration order never decides which route wins.
 */
import type { Router } from "../router";
import type { State } from "../state";
import * as apiKeys from "./api-keys";
import * as alerts from "./alerts";
import * as assets from "./assets";
import * as badges from "./badges";
import * as freshness from "./freshness";
import * as health from "./health";
import * as intelligence from "./intelligence";
import * as investigations from "./investigations";
import * as jobs from "./jobs";
import * as lineage from "./lineage";
import * as metrics from "./metrics";
import * as recommendations from "./recommendations";
import * as referential from "./referential";
import * as schema from "./schema";
import * as tags from "./tags";
import * as validity from "./validity";

/** A route module. */
export interface RouteModule {
  /** Registers the module's routes (and any seeders/watchers) once per sandbox. */
  register(router: Router, state: State): void;
}

/** The modules a sandbox registers. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  assets,
  freshness,
  schema,
  lineage,
  tags,
  jobs,
  apiKeys,
  intelligence,
  badges,
  health,
  recommendations,
  metrics,
  validity,
  referential,
  alerts,
  investigations,
];
