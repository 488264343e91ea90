/**
 * Every route module of the sandbox, registered in this order. To add a resource, write
 * `routes/<resource>.ts` exporting `register(router, state)` (see the comment at the top of `router.ts`)
 * and add one line here; registration order never decides which route wins.
 */
import type { Router } from "../router";
import type { State } from "../state";
import * as jobs from "./jobs";

/** A route module. */
export interface RouteModule {
  /** Registers the module's routes (and any seeders/watchers) once per sandbox. */
  register(router: Router, state: State): void;
}

/** The modules a sandbox registers. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  jobs,
];
