/**
 * Intelligence: generate (a job) and ask (answered from the catalogue) (`docs/python-parity.md`). Asking before
 * generation has completed for the asset (or its source) is a 400 `INTELLIGENCE_NOT_GENERATED`.
 *
 * `ask` reads the question for what it names (tables, columns, tags of the asset) and what it is about
 * (tables, columns, tags, freshness, lineage, row counts), and answers from the store as it is now. The
 * generated intelligence covers the tables that existed when its job completed: a table added later is
 * still answered for, flagged as undocumented and with less confidence, until intelligence is generated
 * again. `sources` lists the intelligence consulted: the asset it was generated for, then each table the
 * answer draws on.
 */
import { bool, readBody, str } from "../input";
import { HttpError, ok } from "../respond";
import type { Router } from "../router";
import type { AssetRecord, IntelligenceRecord, State, TableRecord, TagRecord } from "../state";
import { freshnessFacts, round2, traverse } from "../views";

/** The intelligence that covers an asset: its own, else its source's. */
export function intelligenceFor(state: State, asset: AssetRecord): IntelligenceRecord | undefined {
  return state.intelligence.get(asset.id) ?? state.intelligence.get(state.sourceOf(asset).id);
}

/** Tokens the generated documentation of one table takes. */
const tokensOf = (t: TableRecord) => 200 + t.columns.length * 40;

/** Whether generated intelligence documents a table (it existed, and its schema was included, at generation). */
function documents(intel: IntelligenceRecord, table: TableRecord): boolean {
  if (table.created_at > intel.generated_at) return false;
  if (intel.include_schemas === null) return true;
  return intel.include_schemas
    .split(",")
    .map((s) => s.trim())
    .includes(table.schema_name);
}

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

/** Words too common to name a table or column. */
const STOP = new Set([
  "the",
  "a",
  "an",
  "of",
  "in",
  "on",
  "is",
  "are",
  "and",
  "or",
  "to",
  "for",
  "what",
  "which",
  "who",
  "how",
  "many",
  "does",
  "do",
  "have",
  "has",
  "with",
  "data",
  "table",
  "tables",
  "column",
  "columns",
  "me",
  "about",
  "it",
  "its",
  "that",
  "this",
  "there",
  "from",
  "by",
  "any",
  "all",
  "be",
  "was",
  "were",
  "when",
  "where",
  "why",
  "contain",
  "contains",
  "list",
  "show",
  "tell",
]);

/** A tag placed on a table (and maybe one of its columns). */
interface Placement {
  tag: TagRecord;
  table: TableRecord;
  column: string | null;
}

/** Where each tag of these tables sits. */
function placements(state: State, tables: readonly TableRecord[]): Placement[] {
  const out: Placement[] = [];
  for (const tag of state.tags) {
    for (const t of tables) {
      const path = state.tablePath(t);
      const mine =
        tag.asset_id === t.id ||
        (tag.asset_id === t.source_id &&
          tag.object_path !== null &&
          (tag.object_path === path || tag.object_path.startsWith(`${path}.`)));
      if (!mine) continue;
      const rest =
        tag.object_path === null || tag.object_path === path || tag.object_path === t.qualified_name
          ? null
          : tag.object_path.slice(path.length + 1);
      out.push({ tag, table: t, column: rest && t.columns.some((c) => c.name === rest) ? rest : null });
    }
  }
  return out;
}

interface Answer {
  text: string;
  confidence: "high" | "medium" | "low";
  tables: TableRecord[];
}

/** Builds an answer from what the store knows, steered by what the question names and asks about. */
function answer(
  state: State,
  asset: AssetRecord,
  intel: IntelligenceRecord,
  question: string,
  related: boolean,
  force: { schema?: boolean | undefined; lineage?: boolean | undefined } = {},
): Answer {
  const q = words(question);
  const lower = question.toLowerCase();
  const about = (...stems: string[]) => stems.some((k) => q.some((w) => w.startsWith(k)));
  let scope = state.tablesOf(asset);
  if (related) {
    const ids = new Set(scope.map((t) => t.id));
    for (const id of [...traverse(state, [...ids], "up", 1).ids, ...traverse(state, [...ids], "down", 1).ids])
      ids.add(id);
    scope = state.tables.filter((t) => ids.has(t.id));
  }
  const tags = placements(state, scope);

  // What the question names.
  const namedTables = scope.filter(
    (t) =>
      lower.includes(t.qualified_name.toLowerCase()) ||
      lower.includes(state.tablePath(t).toLowerCase()) ||
      q.includes(t.table_name.toLowerCase()),
  );
  const namedColumns = [...new Set(scope.flatMap((t) => t.columns.map((c) => c.name)))].filter(
    (c) => q.includes(c.toLowerCase()) && !STOP.has(c.toLowerCase()),
  );
  const namedTags = [...new Set(tags.map((p) => p.tag.name))].filter((n) => lower.includes(n.toLowerCase()));
  // Free terms ("customer data") match tables by name or column.
  const terms = q.filter((w) => w.length > 2 && !STOP.has(w) && !namedColumns.includes(w));
  const termTables = scope.filter((t) =>
    terms.some(
      (w) => t.table_name.toLowerCase().includes(w) || t.columns.some((c) => c.name.toLowerCase().startsWith(w)),
    ),
  );

  const topics = {
    freshness: about("stale", "fresh", "late", "updat", "load", "recent", "delay"),
    lineage:
      force.lineage === true ||
      about("lineage", "upstream", "downstream", "depend", "feed", "impact", "derive", "built") ||
      /come[s]? from|source of/.test(lower),
    tags: about("tag", "pii", "sensitiv", "personal", "classif", "label", "governance") || namedTags.length > 0,
    columns:
      force.schema === true || about("column", "field", "schema", "type", "attribute") || namedColumns.length > 0,
    rows: about("row", "count", "size", "big", "volume") || /how many rows/.test(lower),
    tables: about("table", "dataset", "view", "contain", "hold", "store", "where"),
  };
  const focus = namedTables.length
    ? namedTables
    : namedColumns.length
      ? scope.filter((t) => t.columns.some((c) => namedColumns.includes(c.name)))
      : namedTags.length
        ? [...new Set(tags.filter((p) => namedTags.includes(p.tag.name)).map((p) => p.table))]
        : topics.tables && termTables.length
          ? termTables
          : scope;
  const undocumented = focus.filter((t) => !documents(intel, t));
  const note = (t: TableRecord) =>
    documents(intel, t) ? "" : " (added after intelligence was generated: regenerate to document it)";

  const lines: string[] = [];
  if (topics.tables && !topics.columns && !topics.freshness && !topics.lineage && !topics.tags && !topics.rows) {
    const intro =
      focus === termTables && !namedTables.length
        ? `Tables matching ${terms.filter((w) => termTables.some((t) => t.table_name.includes(w) || t.columns.some((c) => c.name.startsWith(w)))).join(", ")}`
        : `${asset.qualified_name} has ${focus.length} table(s)`;
    lines.push(
      `${intro}: ${focus.map((t) => `${t.qualified_name} (${t.asset_type}, ${t.rows.length} rows, ${t.columns.length} columns)${t.description ? ` — ${t.description.replace(/\.$/, "")}` : ""}${note(t)}`).join("; ")}.`,
    );
  }
  // "Which columns are tagged pii?" is answered by the tags, not by every column of every tagged table.
  if (topics.columns && (namedColumns.length > 0 || namedTables.length > 0 || !topics.tags)) {
    if (namedColumns.length) {
      for (const c of namedColumns) {
        const where = focus.flatMap((t) =>
          t.columns
            .filter((x) => x.name === c)
            .map((x) => `${t.qualified_name} (${x.type}${x.nullable ? ", nullable" : ""})`),
        );
        lines.push(`Column ${c} is in ${where.join(", ")}.`);
      }
    } else {
      lines.push(
        focus
          .map((t) => `${t.qualified_name}${note(t)}: ${t.columns.map((c) => `${c.name} ${c.type}`).join(", ")}`)
          .join(". ") + ".",
      );
    }
  }
  if (topics.tags) {
    const shown = tags.filter((p) => (namedTags.length ? namedTags.includes(p.tag.name) : focus.includes(p.table)));
    if (shown.length === 0)
      lines.push(
        `No tags on ${focus.length === 1 ? (focus[0] as TableRecord).qualified_name : `the ${focus.length} tables asked about`}.`,
      );
    else {
      const byTag = new Map<string, string[]>();
      for (const p of shown) {
        const key = `'${p.tag.name}' (${p.tag.category})`;
        byTag.set(key, [
          ...(byTag.get(key) ?? []),
          p.column ? `${p.table.qualified_name}.${p.column}` : p.table.qualified_name,
        ]);
      }
      lines.push(`Tags: ${[...byTag].map(([tag, on]) => `${tag} on ${on.join(", ")}`).join("; ")}.`);
    }
  }
  if (topics.freshness) {
    const judged = focus.map((t) => ({ t, f: freshnessFacts(state, t) }));
    if (namedTables.length) {
      lines.push(
        judged
          .map(
            ({ t, f }) =>
              `${t.qualified_name} is ${f.status}${f.hours === null ? "" : ` (${round2(f.hours)} h since its last load${f.threshold === null ? ", no threshold" : `, threshold ${f.threshold} h`})`}`,
          )
          .join("; ") + ".",
      );
    } else {
      const stale = judged.filter((x) => x.f.status === "stale");
      lines.push(
        stale.length
          ? `Stale now: ${stale.map(({ t, f }) => `${t.qualified_name} (${round2(f.hours ?? 0)} h since its last load, threshold ${f.threshold} h)`).join(", ")}.`
          : `Every monitored table among ${focus.length} is within its freshness threshold.`,
      );
    }
  }
  if (topics.lineage) {
    const name = (id: string) => state.tables.find((t) => t.id === id)?.qualified_name ?? id;
    for (const t of focus.length <= 3 ? focus : []) {
      const up = traverse(state, [t.id], "up", 5).ids.map(name);
      const down = traverse(state, [t.id], "down", 5).ids.map(name);
      lines.push(
        `${t.qualified_name} — upstream: ${up.length ? up.join(", ") : "none"}; downstream: ${down.length ? down.join(", ") : "none"}.`,
      );
    }
    if (focus.length > 3) {
      const ids = focus.map((t) => t.id);
      const up = traverse(state, ids, "up", 5).ids.map(name);
      const down = traverse(state, ids, "down", 5).ids.map(name);
      lines.push(
        `Upstream: ${up.length ? up.join(", ") : "none"}. Downstream: ${down.length ? down.join(", ") : "none"}.`,
      );
    }
  }
  if (topics.rows) lines.push(focus.map((t) => `${t.qualified_name} has ${t.rows.length} rows`).join("; ") + ".");

  const understood = lines.length > 0;
  if (!understood) {
    lines.push(
      `${asset.qualified_name} covers ${focus.length} table(s): ${focus.map((t) => `${t.qualified_name}${t.description ? ` — ${t.description.replace(/\.$/, "")}` : ""}${note(t)}`).join("; ")}.`,
    );
  }
  const named =
    namedTables.length + namedColumns.length + namedTags.length > 0 || (focus === termTables && focus.length > 0);
  let confidence: Answer["confidence"] = understood && named ? "high" : understood || named ? "medium" : "low";
  // Tables the intelligence has not documented lower what an answer about them is worth.
  if (undocumented.length) confidence = confidence === "high" ? "medium" : "low";
  return { text: lines.join(" "), confidence, tables: focus };
}

/** Registers the intelligence routes. */
export function register(router: Router, state: State): void {
  router.post(
    "/sdk/intelligence/generate",
    (ctx) => {
      const b = readBody(ctx.body, {
        asset_id: str({ required: true, nonEmpty: true }),
        include_schemas: str(),
        force_refresh: bool({ dflt: false }),
      });
      const asset = state.asset(b.asset_id, true);
      const tables = state.tablesOf(asset);
      if (tables.length === 0) {
        throw new HttpError(
          400,
          "SCHEMA_NOT_DISCOVERED",
          `No schema discovered for '${asset.qualified_name}' yet; run discovery first`,
          { asset_id: asset.id },
        );
      }
      const schemas =
        b.include_schemas
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean) ?? null;
      const job = state.startJob("intelligence_generation", asset.id, (at) => {
        // The tables as they are when the job completes (a table added meanwhile is documented too).
        const covered = state
          .tablesOf(asset)
          .filter((t) => t.created_at <= at && (!schemas || schemas.includes(t.schema_name)));
        state.intelligence.set(asset.id, {
          asset_id: asset.id,
          job_id: job.job_id,
          generated_at: at,
          include_schemas: b.include_schemas ?? null,
          token_count: covered.reduce((n, t) => n + tokensOf(t), 0),
        });
      });
      return ok(
        { job_id: job.job_id, asset_id: asset.id, status: "started", message: "Intelligence generation started" },
        202,
      );
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
        include_schema: bool(),
        include_lineage: bool(),
      });
      const asset = state.asset(b.asset_id, true);
      const intel = intelligenceFor(state, asset);
      if (!intel) {
        throw new HttpError(
          400,
          "INTELLIGENCE_NOT_GENERATED",
          `Intelligence has not been generated for '${asset.qualified_name}'; generate it first`,
          { asset_id: asset.id },
        );
      }
      // armor-mcp's newer client asks for the schema and the lineage explicitly.
      const a = answer(state, asset, intel, b.question, b.include_related_assets, {
        schema: b.include_schema,
        lineage: b.include_lineage,
      });
      const owner = state.assets().find((x) => x.id === intel.asset_id) ?? asset;
      const generatedAt = state.iso(intel.generated_at);
      const consulted = a.tables.slice(0, 10).map((t) => {
        // A related table from another source is documented by that source's intelligence, if any.
        const its = intelligenceFor(state, t);
        const known = its !== undefined && documents(its, t);
        return {
          asset_id: t.internal_id,
          asset_name: t.qualified_name,
          domain: t.schema_name,
          generated_at: known ? state.iso(its.generated_at) : null,
          token_count: known ? tokensOf(t) : 0,
          was_regenerated: false,
        };
      });
      const tokensIn = Math.ceil(b.question.length / 4) + consulted.reduce((n, s) => n + s.token_count, 0);
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
            generated_at: generatedAt,
            token_count: intel.token_count,
            was_regenerated: false,
          },
          ...consulted.filter((s) => s.asset_id !== owner.internal_id),
        ],
        token_usage: {
          tokens_in: tokensIn,
          tokens_out: tokensOut,
          tokens_total: tokensIn + tokensOut,
          cost_usd: round2((tokensIn * 3 + tokensOut * 15) / 10_000) / 100,
        },
      });
    },
    { scope: "read" },
  );
}
