/**
 * Investigations (paths in `docs/protocol.md` §4): `explain` answers from the store as it is now, `get`
 * the capsule persisted when an alert fired. The capsules come from `engines/investigations.ts`.
 */
import { explain, investigate } from "../engines/investigations";
import { oneOf, readBody, str } from "../input";
import { notFound, ok } from "../respond";
import type { Router } from "../router";
import type { State } from "../state";

/** Registers the investigation routes. */
export function register(router: Router, state: State): void {
  router.post(
    "/sdk/investigations/explain",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true, uuid: true }),
        question: str({ min: 3, max: 2000 }),
        event_type: oneOf(["anomaly", "freshness", "schema_change", "validity"] as const, { dflt: "anomaly" }),
      });
      const asset = state.asset(b.asset_id);
      return ok({
        ...explain(state, asset, b.event_type, b.question),
        asset_id: asset.id,
        event_type: b.event_type,
      });
    },
    { scope: "read" },
  );

  router.get("/sdk/investigations/{investigation_id}", (ctx) => {
    const id = (ctx.params.investigation_id as string).toLowerCase();
    const alert = state.alerts.find((a) => a["investigation_id"] === id);
    if (!alert) throw notFound("investigation", ctx.params.investigation_id as string);
    // Alerts raised before capsules were persisted (none in practice) get theirs on first read.
    const persisted =
      (alert["investigation"] as Record<string, unknown> | undefined) ??
      (alert["investigation"] = investigate(state, alert));
    return ok({
      ...persisted,
      alert_id: alert.id,
      alert_status: alert.status,
      asset_id: alert.asset_id,
      event_type: alert.event_type,
    });
  });
}
