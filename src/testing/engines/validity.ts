/**
 * Validity engine: evaluates one rule over a table's rows, the way the product's check would, and
 * reports what failed with a bounded sample.
 */
import { RE2JS } from "re2js";
import { cellKey, compareCells, isNull, percent, type Row } from "./values";

/** The longest `REGEX` pattern the sandbox compiles (compiling is linear in it, but not free). */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Compiles a `REGEX` rule's pattern on RE2 (pure JS, linear time in the input whatever the pattern, so
 * no pattern can block the sandbox), or says why it will not: not a string, too long, or outside RE2's
 * syntax (look-arounds, back-references, repeats past 1000).
 */
export function compilePattern(pattern: unknown): { re: RE2JS; problem?: undefined } | { problem: string } {
  if (typeof pattern !== "string") return { problem: "REGEX needs rule_config.pattern (a string)" };
  if (pattern.length > MAX_PATTERN_LENGTH)
    return { problem: `REGEX pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    return { re: RE2JS.compile(pattern) };
  } catch (thrown) {
    const why = thrown instanceof Error ? thrown.message.replace(/^error parsing regexp: /, "") : String(thrown);
    return { problem: `REGEX pattern refused (RE2 syntax, linear-time matching): ${why}` };
  }
}

/** Rule types the wire names (the seed adds ENUM). */
export const VALIDITY_RULE_TYPES = ["NOT_NULL", "UNIQUE", "REGEX", "RANGE", "ENUM"] as const;
/** A rule type the sandbox evaluates. */
export type ValidityRuleType = (typeof VALIDITY_RULE_TYPES)[number];

// armor-mcp (newer SDK) names the same rules differently; accept its words too.
const ALIASES: Record<string, ValidityRuleType> = {
  not_null: "NOT_NULL",
  unique: "UNIQUE",
  regex: "REGEX",
  regex_match: "REGEX",
  format: "REGEX",
  range: "RANGE",
  range_bounds: "RANGE",
  enum: "ENUM",
  allowed_values: "ENUM",
};

/** The canonical type for a rule type as sent, or undefined when the sandbox does not know it. */
export function canonicalRuleType(type: string): ValidityRuleType | undefined {
  if ((VALIDITY_RULE_TYPES as readonly string[]).includes(type)) return type as ValidityRuleType;
  return ALIASES[type.toLowerCase()];
}

/** What a rule says, as far as evaluation goes. */
export interface ValiditySpec {
  rule_type: string;
  column_name?: string | null | undefined;
  rule_config?: Readonly<Record<string, unknown>> | null | undefined;
  treat_null_as_valid?: boolean | undefined;
  alert_threshold_percent?: number | null | undefined;
}

/** Why a rule's config cannot be evaluated, or undefined when it can. */
export function configProblem(spec: ValiditySpec): string | undefined {
  const type = canonicalRuleType(spec.rule_type);
  if (!type) return `Unsupported rule_type '${spec.rule_type}'`;
  if (!spec.column_name) return `rule_type '${type}' needs column_name`;
  const cfg = spec.rule_config ?? {};
  switch (type) {
    case "REGEX": {
      return compilePattern(cfg["pattern"]).problem;
    }
    case "RANGE":
      if (cfg["min"] === undefined && cfg["max"] === undefined) return "RANGE needs rule_config.min and/or max";
      for (const k of ["min", "max"] as const) {
        const b = cfg[k];
        if (b !== undefined && b !== null && typeof b !== "number" && typeof b !== "string")
          return `RANGE ${k} must be a number or string`;
      }
      return undefined;
    case "ENUM":
      if (!Array.isArray(cfg["values"])) return "ENUM needs rule_config.values (an array)";
      return undefined;
    default:
      return undefined;
  }
}

/** The outcome of one evaluation, shaped like the wire's ValidityCheckResult (ids and times aside). */
export interface ValidityOutcome {
  status: "pass" | "fail" | "error";
  total_rows: number;
  invalid_count: number;
  invalid_percent: number;
  invalid_samples: { rows: Row[]; values: unknown[] } | null;
  error_message: string | null;
}

function errorOutcome(message: string, total: number): ValidityOutcome {
  return {
    status: "error",
    total_rows: total,
    invalid_count: 0,
    invalid_percent: 0,
    invalid_samples: null,
    error_message: message,
  };
}

/**
 * Evaluates `spec` over `rows` of a table with `columns`. A null cell fails every rule unless
 * `treat_null_as_valid` (NOT_NULL always fails it). UNIQUE counts each repeat beyond the first
 * occurrence, so the count is how many rows must go for the column to be unique.
 */
export function evaluateValidity(
  spec: ValiditySpec,
  rows: readonly Row[],
  columns: readonly string[],
  sampleLimit = 10,
): ValidityOutcome {
  const problem = configProblem(spec);
  if (problem) return errorOutcome(problem, rows.length);
  const type = canonicalRuleType(spec.rule_type) as ValidityRuleType;
  const col = spec.column_name as string;
  if (!columns.includes(col)) return errorOutcome(`Unknown column '${col}'`, rows.length);
  const cfg = spec.rule_config ?? {};
  const nullsValid = type !== "NOT_NULL" && spec.treat_null_as_valid === true;

  let test: (value: unknown) => boolean;
  switch (type) {
    case "NOT_NULL":
    case "UNIQUE":
      test = () => true;
      break;
    case "REGEX": {
      const { re } = compilePattern(cfg["pattern"]) as { re: RE2JS };
      test = (v) => re.test(typeof v === "string" ? v : String(v));
      break;
    }
    case "RANGE": {
      const min = cfg["min"];
      const max = cfg["max"];
      test = (v) => {
        if (min !== undefined && min !== null) {
          const c = compareCells(v, min);
          if (c === undefined || c < 0) return false;
        }
        if (max !== undefined && max !== null) {
          const c = compareCells(v, max);
          if (c === undefined || c > 0) return false;
        }
        return true;
      };
      break;
    }
    case "ENUM": {
      const allowed = new Set((cfg["values"] as unknown[]).map(cellKey));
      test = (v) => allowed.has(cellKey(v));
      break;
    }
  }

  const seen = new Set<string>();
  const invalidRows: Row[] = [];
  const invalidValues: unknown[] = [];
  const valueKeys = new Set<string>();
  let invalid = 0;
  for (const row of rows) {
    const value = row[col];
    let ok: boolean;
    if (isNull(value)) ok = nullsValid;
    else if (type === "UNIQUE") {
      const key = cellKey(value);
      ok = !seen.has(key);
      seen.add(key);
    } else ok = test(value);
    if (ok) continue;
    invalid++;
    if (invalidRows.length < sampleLimit) invalidRows.push(row);
    const key = cellKey(value ?? null);
    if (!valueKeys.has(key) && invalidValues.length < sampleLimit) {
      valueKeys.add(key);
      invalidValues.push(value ?? null);
    }
  }
  const pct = percent(invalid, rows.length);
  const threshold = spec.alert_threshold_percent;
  const failed = threshold === null || threshold === undefined ? invalid > 0 : pct > threshold;
  return {
    status: failed ? "fail" : "pass",
    total_rows: rows.length,
    invalid_count: invalid,
    invalid_percent: pct,
    invalid_samples: { rows: invalidRows, values: invalidValues },
    error_message: null,
  };
}
