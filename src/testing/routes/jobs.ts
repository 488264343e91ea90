/** Jobs: `GET /sdk/jobs/{job_id}`, state computed from the clock (`docs/protocol.md` §4). */
import type { Router } from "../router";
import { ok } from "../respond";
import type { State } from "../state";
import { jobView } from "../views";

/** Registers the jobs routes. */
export function register(router: Router, state: State): void {
  router.get("/sdk/jobs/{job_id}", (ctx) => ok(jobView(state, ctx.params.job_id as string)));
}
