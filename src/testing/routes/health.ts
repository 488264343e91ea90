/** Health summary: alerts, freshness and schema drift rolled up, with what needs attention. */
import { ok } from "../respond";
import type { Router } from "../router";
import type { State } from "../state";
import {
  alertSummaryView,
  freshnessFacts,
  freshnessSummaryView,
  round2,
  schemaChangeView,
  schemaSummaryView,
} from "../views";

const RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/** Registers the health route. */
export function register(router: Router, state: State): void {
  router.get("/sdk/health/summary", () => {
    const attention: {
      type: string;
      severity: string;
      title: string;
      asset_id: string | null;
      asset_name: string | null;
    }[] = [];
    for (const a of state.alerts.filter((x) => x.status === "triggered" || x.status === "acknowledged")) {
      const asset = a.asset_id ? state.findAsset(a.asset_id) : undefined;
      attention.push({
        type: "alert",
        severity: a.severity,
        title: a.title || a.message,
        asset_id: asset?.id ?? a.asset_id,
        asset_name: asset?.qualified_name ?? null,
      });
    }
    for (const t of state.tables) {
      const f = freshnessFacts(state, t);
      if (f.status === "stale") {
        // Same severity as the alert a stale table raises: critical past twice its threshold.
        attention.push({
          type: "stale_data",
          severity: (f.hours ?? 0) > 2 * (f.threshold ?? Infinity) ? "critical" : "warning",
          title: `${t.qualified_name} is stale (${round2(f.hours ?? 0)} h since the last load, threshold ${f.threshold} h)`,
          asset_id: t.id,
          asset_name: t.qualified_name,
        });
      }
    }
    for (const c of state.schemaChanges.filter((x) => !x.acknowledged && x.severity !== "info")) {
      const v = schemaChangeView(state, c);
      attention.push({
        type: "schema_change",
        severity: c.severity,
        title: `${String(v.qualified_name)}: ${c.change_type.replace(/_/g, " ")}${c.column_name ? ` (${c.column_name})` : ""}`,
        asset_id: c.asset_id,
        asset_name: String(v.qualified_name),
      });
    }
    attention.sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
    const alerts = alertSummaryView(state);
    const freshness = freshnessSummaryView(state);
    const overall = attention.some((x) => x.severity === "critical")
      ? "critical"
      : attention.length
        ? "warning"
        : "healthy";
    return ok({
      overall_status: overall,
      alerts,
      freshness,
      schema_drift: schemaSummaryView(state),
      needs_attention: attention,
      generated_at: state.iso(),
    });
  });
}
