/**
 * Referential engine: child values with no matching parent (orphans), and how many children each
 * parent has against the check's cardinality bounds.
 */
import { cellKey, isNull, percent, type Row } from "./values";

/** What a check says, as far as evaluation goes. */
export interface ReferentialSpec {
  child_column_name: string;
  parent_column_name: string;
  max_orphan_count?: number | null | undefined;
  max_orphan_percent?: number | null | undefined;
  min_child_count?: number | null | undefined;
  max_child_count?: number | null | undefined;
}

/** The outcome of one run, shaped like the wire's ReferentialCheckResult (ids and times aside). */
export interface ReferentialOutcome {
  status: "pass" | "fail" | "error";
  orphan_count: number;
  total_child_rows: number;
  orphan_percent: number;
  /** Distinct orphan values, first seen first. */
  orphan_sample: unknown[];
  /** Parents outside the cardinality bounds, with their child counts. */
  cardinality_sample: { parent_value: unknown; child_count: number }[];
  parents_below_min: number | null;
  parents_above_max: number | null;
  error_message: string | null;
}

/** A table as the engine needs it. */
export interface TableRows {
  rows: readonly Row[];
  columns: readonly string[];
}

function errorOutcome(message: string, totalChild: number): ReferentialOutcome {
  return {
    status: "error",
    orphan_count: 0,
    total_child_rows: totalChild,
    orphan_percent: 0,
    orphan_sample: [],
    cardinality_sample: [],
    parents_below_min: null,
    parents_above_max: null,
    error_message: message,
  };
}

/**
 * Runs a check. A null child value is not an orphan (a nullable foreign key means "no parent"), but
 * it counts in `total_child_rows`. With no orphan bound set, any orphan fails the check; with bounds,
 * the check fails only past them. Cardinality bounds fail it when any parent falls outside.
 */
export function evaluateReferential(
  spec: ReferentialSpec,
  child: TableRows,
  parent: TableRows,
  sampleLimit = 10,
): ReferentialOutcome {
  if (!child.columns.includes(spec.child_column_name))
    return errorOutcome(`Unknown child column '${spec.child_column_name}'`, child.rows.length);
  if (!parent.columns.includes(spec.parent_column_name))
    return errorOutcome(`Unknown parent column '${spec.parent_column_name}'`, child.rows.length);

  // Parent key → (first value seen, child count), in parent row order for a stable sample.
  const parents = new Map<string, { value: unknown; children: number }>();
  for (const row of parent.rows) {
    const value = row[spec.parent_column_name];
    if (isNull(value)) continue;
    const key = cellKey(value);
    if (!parents.has(key)) parents.set(key, { value, children: 0 });
  }
  let orphans = 0;
  const sample: unknown[] = [];
  const sampled = new Set<string>();
  for (const row of child.rows) {
    const value = row[spec.child_column_name];
    if (isNull(value)) continue;
    const key = cellKey(value);
    const p = parents.get(key);
    if (p) {
      p.children++;
      continue;
    }
    orphans++;
    if (!sampled.has(key) && sample.length < sampleLimit) {
      sampled.add(key);
      sample.push(value);
    }
  }

  const min = spec.min_child_count ?? null;
  const max = spec.max_child_count ?? null;
  let below = 0;
  let above = 0;
  const cardinality: ReferentialOutcome["cardinality_sample"] = [];
  if (min !== null || max !== null) {
    for (const p of parents.values()) {
      const low = min !== null && p.children < min;
      const high = max !== null && p.children > max;
      if (low) below++;
      if (high) above++;
      if ((low || high) && cardinality.length < sampleLimit)
        cardinality.push({ parent_value: p.value, child_count: p.children });
    }
  }

  const pct = percent(orphans, child.rows.length);
  const maxCount = spec.max_orphan_count ?? null;
  const maxPct = spec.max_orphan_percent ?? null;
  let orphanFail: boolean;
  if (maxCount === null && maxPct === null) orphanFail = orphans > 0;
  else orphanFail = (maxCount !== null && orphans > maxCount) || (maxPct !== null && pct > maxPct);
  return {
    status: orphanFail || below > 0 || above > 0 ? "fail" : "pass",
    orphan_count: orphans,
    total_child_rows: child.rows.length,
    orphan_percent: pct,
    orphan_sample: sample,
    cardinality_sample: cardinality,
    parents_below_min: min === null ? null : below,
    parents_above_max: max === null ? null : above,
    error_message: null,
  };
}
