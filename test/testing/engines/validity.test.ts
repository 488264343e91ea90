import { describe, expect, it } from "vitest";
import { canonicalRuleType, configProblem, evaluateValidity } from "../../../src/testing/engines/validity";

const columns = ["id", "email", "status", "amount"];
const rows = [
  { id: 1, email: "a@x.io", status: "paid", amount: 10 },
  { id: 2, email: "not-an-email", status: "paid", amount: -5 },
  { id: 3, email: null, status: "refunded", amount: 500 },
  { id: 3, email: "c@x.io", status: "bogus", amount: 20 },
];

describe("evaluateValidity", () => {
  it("should fail NOT_NULL on null cells and sample them", () => {
    const out = evaluateValidity({ rule_type: "NOT_NULL", column_name: "email" }, rows, columns);
    expect(out).toMatchObject({ status: "fail", total_rows: 4, invalid_count: 1, invalid_percent: 25 });
    expect(out.invalid_samples).toEqual({ rows: [rows[2]], values: [null] });
  });

  it("should count UNIQUE repeats beyond the first", () => {
    const out = evaluateValidity({ rule_type: "UNIQUE", column_name: "id" }, rows, columns);
    expect(out.invalid_count).toBe(1);
    expect(out.invalid_samples?.values).toEqual([3]);
  });

  it("should match REGEX and honour treat_null_as_valid", () => {
    const spec = { rule_type: "REGEX", column_name: "email", rule_config: { pattern: "^[^@]+@[^@]+$" } };
    expect(evaluateValidity(spec, rows, columns).invalid_count).toBe(2);
    expect(evaluateValidity({ ...spec, treat_null_as_valid: true }, rows, columns).invalid_count).toBe(1);
  });

  it("should check RANGE with either bound", () => {
    expect(
      evaluateValidity({ rule_type: "RANGE", column_name: "amount", rule_config: { min: 0, max: 100 } }, rows, columns)
        .invalid_count,
    ).toBe(2);
    expect(
      evaluateValidity({ rule_type: "RANGE", column_name: "amount", rule_config: { min: 0 } }, rows, columns)
        .invalid_count,
    ).toBe(1);
    expect(
      evaluateValidity({ rule_type: "RANGE", column_name: "amount", rule_config: { max: 100 } }, rows, columns)
        .invalid_count,
    ).toBe(1);
  });

  it("should check ENUM membership", () => {
    const out = evaluateValidity(
      { rule_type: "ENUM", column_name: "status", rule_config: { values: ["paid", "refunded"] } },
      rows,
      columns,
    );
    expect(out.invalid_count).toBe(1);
    expect(out.invalid_samples?.values).toEqual(["bogus"]);
  });

  it("should pass when every row is valid", () => {
    const fixed = rows.filter((r) => r.email !== null);
    expect(evaluateValidity({ rule_type: "NOT_NULL", column_name: "email" }, fixed, columns)).toMatchObject({
      status: "pass",
      invalid_count: 0,
      invalid_percent: 0,
    });
  });

  it("should limit samples to sample_limit", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: i, email: null, status: "x", amount: 0 }));
    const out = evaluateValidity({ rule_type: "NOT_NULL", column_name: "email" }, many, columns, 3);
    expect(out.invalid_count).toBe(50);
    expect(out.invalid_samples?.rows).toHaveLength(3);
  });

  it("should pass under alert_threshold_percent", () => {
    expect(
      evaluateValidity({ rule_type: "NOT_NULL", column_name: "email", alert_threshold_percent: 30 }, rows, columns)
        .status,
    ).toBe("pass");
    expect(
      evaluateValidity({ rule_type: "NOT_NULL", column_name: "email", alert_threshold_percent: 20 }, rows, columns)
        .status,
    ).toBe("fail");
  });

  it("should report error for a bad config or unknown column", () => {
    expect(
      evaluateValidity({ rule_type: "REGEX", column_name: "email", rule_config: { pattern: "(" } }, rows, columns)
        .status,
    ).toBe("error");
    expect(evaluateValidity({ rule_type: "NOT_NULL", column_name: "nope" }, rows, columns).error_message).toContain(
      "nope",
    );
  });
});

describe("configProblem", () => {
  it("should require each type's config and accept armor-mcp names", () => {
    expect(configProblem({ rule_type: "REGEX", column_name: "a" })).toBe("REGEX needs rule_config.pattern (a string)");
    expect(configProblem({ rule_type: "ENUM", column_name: "a", rule_config: { values: "x" } })).toBe(
      "ENUM needs rule_config.values (an array)",
    );
    expect(configProblem({ rule_type: "RANGE", column_name: "a", rule_config: {} })).toBe(
      "RANGE needs rule_config.min and/or max",
    );
    expect(configProblem({ rule_type: "NOT_NULL", column_name: "a" })).toBeUndefined();
    expect(canonicalRuleType("allowed_values")).toBe("ENUM");
    expect(canonicalRuleType("MAYBE")).toBeUndefined();
  });
});
