/**
 * Intelligence: generate (a job) and ask (answered from the catalogue) — `wire.md` §4.7. Asking before
 * generation has completed for the asset (or its source) is a 400 `INTELLIGENCE_NOT_GENERATED`.
 */
import { bool, readBody, str } from "../input";
import { HttpError, ok } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, IntelligenceRecord, State, TableRecord } from "../state";
import { freshnessFacts, round2, traverse } from "../views";

/** The intelligence that covers an asset: its own, else its source's. */
export function intelligenceFor(state: State, asset: AssetRecord): IntelligenceRecord | undefined {
  return state.intelligence.get(asset.id) ?? state.intelligence.get(state.sourceOf(asset).id);
}

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

/** Builds an answer from what the store knows, steered by the question's keywords. */
function answer(state: State, asset: AssetRecord, question: string, related: boolean): { text: string; confidence: string; tables: TableRecord[] } {
  const q = words(question);
  const has = (...keys: string[]) => keys.some((k) => q.some((w) => w.startsWith(k)));
  let tables = state.tablesOf(asset);
  if (related) {
    const ids = new Set(tables.map((t) => t.id));
    for (const id of [...traverse(state, [...ids], "up", 1).ids, ...traverse(state, [...ids], "down", 1).ids]) ids.add(id);
    tables = state.tables.filter((t) => ids.has(t.id));
  }
  const named = tables.filter((t) => q.includes(t.table_name.toLowerCase()) || question.includes(t.qualified_name));
  const focus = named.length ? named : tables;
  const lines: string[] = [];
  if (has("stale", "fresh", "late", "updat")) {
    const stale = focus.filter((t) => freshnessFacts(state, t).status === "stale");
    lines.push(stale.length ? `Stale now: ${stale.map((t) => `${t.qualified_name} (${round2(freshnessFacts(state, t).hours ?? 0)} h since its last load)`).join(", ")}.` : `Every monitored table among ${focus.length} is within its freshness threshold.`);
  }
  if (has("row", "count", "many", "size", "big")) lines.push(focus.map((t) => `${t.qualified_name} has ${t.rows.length} rows`).join("; ") + ".");
  if (has("column", "schema", "field", "type")) lines.push(focus.map((t) => `${t.qualified_name}: ${t.columns.map((c) => `${c.name} ${c.type}`).join(", ")}`).join(". ") + ".");
  if (has("lineage", "upstream", "downstream", "depend", "feed", "source", "come")) {
    const ids = focus.map((t) => t.id);
    const up = traverse(state, ids, "up", 5).ids.map((id) => state.tables.find((t) => t.id === id)?.qualified_name);
    const down = traverse(state, ids, "down", 5).ids.map((id) => state.tables.find((t) => t.id === id)?.qualified_name);
    lines.push(`Upstream: ${up.length ? up.join(", ") : "none"}. Downstream: ${down.length ? down.join(", ") : "none"}.`);
  }
  if (lines.length === 0) {
    lines.push(`${asset.qualified_name} covers ${focus.length} table(s): ${focus.map((t) => `${t.qualified_name}${t.description ? ` — ${t.description}` : ""}`).join("; ")}`);
  }
  return { text: lines.join(" "), confidence: named.length ? "high" : lines.length > 1 || focus.length <= 3 ? "medium" : "low", tables: focus };
}

/** Registers the intelligence routes. */
export function register(router: Router, state: State): void {
  router.post(
    "/sdk/intelligence/generate",
    (ctx) => {
      const b = readBody(ctx.body, { asset_id: str({ required: true, nonEmpty: true }), include_schemas: str(), force_refresh: bool({ dflt: false }) });
      const asset = state.asset(b.asset_id, true);
      const tables = state.tablesOf(asset);
      if (tables.length === 0) {
        throw new HttpError(400, "SCHEMA_NOT_DISCOVERED", `No schema discovered for '${asset.qualified_name}' yet; run discovery first`, { asset_id: asset.id });
      }
      const schemas = b.include_schemas?.split(",").map((s) => s.trim()).filter(Boolean) ?? null;
      const job = state.startJob("intelligence_generation", asset.id, (at) => {
        const covered = schemas ? tables.filter((t) => schemas.includes(t.schema_name)) : tables;
        const tokens = covered.reduce((n, t) => n + 200 + t.columns.length * 40, 0);
        state.intelligence.set(asset.id, { asset_id: asset.id, job_id: job.job_id, generated_at: at, include_schemas: b.include_schemas ?? null, token_count: tokens });
      });
      return ok({ job_id: job.job_id, asset_id: asset.id, status: "started", message: "Intelligence generation started" }, 202);
    },
    { effect: "intelligence.generate" },
  );

  router.post(
    "/sdk/intelligence/ask",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true, nonEmpty: true }),
        question: str({ required: true, min: 3, max: 2000 }),
        include_related_assets: bool({ dflt: false }),
      });
      const asset = state.asset(b.asset_id, true);
      const intel = intelligenceFor(state, asset);
      if (!intel) {
        throw new HttpError(400, "INTELLIGENCE_NOT_GENERATED", `Intelligence has not been generated for '${asset.qualified_name}'; generate it first`, { asset_id: asset.id });
      }
      const a = answer(state, asset, b.question, b.include_related_assets);
      const owner = state.assets().find((x) => x.id === intel.asset_id) ?? asset;
      const tokensIn = Math.ceil(b.question.length / 4) + Math.min(intel.token_count, 4000);
      const tokensOut = Math.ceil(a.text.length / 4);
      return ok({
        question: b.question,
        answer: a.text,
        confidence: a.confidence,
        sources: [
          {
            asset_id: owner.internal_id,
            asset_name: owner.qualified_name,
            domain: state.sourceOf(owner).source_type,
            generated_at: state.iso(intel.generated_at),
            token_count: intel.token_count,
            was_regenerated: false,
          },
        ],
        token_usage: { tokens_in: tokensIn, tokens_out: tokensOut, tokens_total: tokensIn + tokensOut, cost_usd: round2((tokensIn * 3 + tokensOut * 15) / 10_000) / 100 },
      });
    },
    { scope: "read" },
  );
}
