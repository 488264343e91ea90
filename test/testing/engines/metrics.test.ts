import { describe, expect, it } from "vitest";
import {
  computeMetric,
  dryRunSeries,
  normalizeSensitivity,
  scoreValue,
  stddev,
  zThreshold,
} from "../../../src/testing/engines/metrics";

const rows = [
  { id: 1, email: "a@x.io", amount: 10, region: "eu" },
  { id: 2, email: null, amount: 20, region: "us" },
  { id: 3, email: "a@x.io", amount: 30, region: "eu" },
  { id: 4, email: "b@x.io", amount: null, region: "eu" },
];
const columns = ["id", "email", "amount", "region"];

describe("computeMetric", () => {
  it("should count rows, null percent and distinct values", () => {
    expect(computeMetric({ metric_type: "row_count" }, rows, columns)).toEqual({
      ok: true,
      values: [{ group_values: null, value: 4 }],
    });
    expect(computeMetric({ metric_type: "null_percent", column_name: "email" }, rows, columns)).toEqual({
      ok: true,
      values: [{ group_values: null, value: 25 }],
    });
    expect(computeMetric({ metric_type: "distinct_count", column_name: "email" }, rows, columns)).toEqual({
      ok: true,
      values: [{ group_values: null, value: 2 }],
    });
  });

  it("should change when rows are added", () => {
    const before = computeMetric({ metric_type: "row_count" }, rows, columns);
    const after = computeMetric({ metric_type: "row_count" }, [...rows, { id: 5 }], columns);
    expect(before.ok && before.values[0]?.value).toBe(4);
    expect(after.ok && after.values[0]?.value).toBe(5);
  });

  it("should compute numeric aggregates over numeric cells only", () => {
    const v = (t: string, extra = {}) => {
      const r = computeMetric({ metric_type: t, column_name: "amount", ...extra }, rows, columns);
      return r.ok ? r.values[0]?.value : r.error;
    };
    expect(v("min")).toBe(10);
    expect(v("max")).toBe(30);
    expect(v("mean")).toBe(20);
    expect(v("sum")).toBe(60);
    expect(v("percentile", { percentile_value: 50 })).toBe(20);
  });

  it("should give one value per group in first-seen order", () => {
    const r = computeMetric({ metric_type: "row_count", group_by_columns: ["region"] }, rows, columns);
    expect(r).toEqual({
      ok: true,
      values: [
        { group_values: { region: "eu" }, value: 3 },
        { group_values: { region: "us" }, value: 1 },
      ],
    });
  });

  it("should refuse unknown types and columns", () => {
    expect(computeMetric({ metric_type: "bogus" }, rows, columns).ok).toBe(false);
    expect(computeMetric({ metric_type: "null_percent" }, rows, columns).ok).toBe(false);
    expect(computeMetric({ metric_type: "null_percent", column_name: "nope" }, rows, columns).ok).toBe(false);
  });
});

describe("scoreValue", () => {
  const history = [100, 102, 98, 101, 99];

  it("should pass a value within the usual spread", () => {
    const s = scoreValue(history, 100.5, 3);
    expect(s.is_anomaly).toBe(false);
    expect(s.status).toBe("PASS");
  });

  it("should flag a value far outside the history", () => {
    const s = scoreValue(history, 150, 3);
    expect(s.is_anomaly).toBe(true);
    expect(s.status).toBe("FAIL");
    expect(s.z_score).toBeCloseTo((150 - 100) / stddev(history), 3);
  });

  it("should tie the threshold to sensitivity", () => {
    expect(zThreshold(1)).toBe(5);
    expect(zThreshold(3)).toBe(3);
    expect(zThreshold(5)).toBe(1);
    expect(normalizeSensitivity(1.4)).toBe(1);
    const z = (104 - 100) / stddev(history); // ≈ 2.53
    expect(scoreValue(history, 104, 5).is_anomaly).toBe(true);
    expect(scoreValue(history, 104, 3).status).toBe("WARNING");
    expect(scoreValue(history, 104, 1).status).toBe("PASS");
    expect(z).toBeGreaterThan(2);
  });

  it("should not judge without enough history, nor divide by a flat one", () => {
    expect(scoreValue([1, 2], 100, 3)).toEqual({ z_score: null, is_anomaly: false, status: "PASS" });
    const flat = scoreValue([50, 50, 50], 60, 3);
    expect(Number.isFinite(flat.z_score)).toBe(true);
    expect(flat.is_anomaly).toBe(true);
  });
});

describe("dryRunSeries", () => {
  it("should replay a series and count would-be alerts", () => {
    const series = [100, 101, 99, 100, 102, 98, 100, 160].map((value, i) => ({
      captured_at: `2026-01-0${i + 1}T00:00:00Z`,
      value,
    }));
    const out = dryRunSeries(series, 3);
    expect(out.total_snapshots).toBe(8);
    expect(out.would_alert_count).toBe(1);
    expect(out.sample_alerts[0]).toMatchObject({
      captured_at: "2026-01-08T00:00:00Z",
      value: 160,
      would_alert: true,
      threshold_value: 3,
    });
    expect(out.alert_rate_percent).toBe(12.5);
    expect(out.min_value).toBe(98);
    expect(out.max_value).toBe(160);
  });
});
