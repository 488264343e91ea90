import { describe, expect, it } from "vitest";
import { evaluateReferential } from "../../../src/testing/engines/referential";

const customers = {
  columns: ["id", "name"],
  rows: [
    { id: 1, name: "a" },
    { id: 2, name: "b" },
    { id: 3, name: "c" },
  ],
};
const orders = {
  columns: ["order_id", "customer_id"],
  rows: [
    { order_id: 10, customer_id: 1 },
    { order_id: 11, customer_id: 1 },
    { order_id: 12, customer_id: 2 },
    { order_id: 13, customer_id: 99 },
    { order_id: 14, customer_id: 99 },
    { order_id: 15, customer_id: null },
  ],
};
const spec = { child_column_name: "customer_id", parent_column_name: "id" };

describe("evaluateReferential", () => {
  it("should find orphans and sample their distinct values", () => {
    const out = evaluateReferential(spec, orders, customers);
    expect(out).toMatchObject({ status: "fail", orphan_count: 2, total_child_rows: 6, orphan_sample: [99] });
    expect(out.orphan_percent).toBeCloseTo(33.3333, 3);
  });

  it("should pass once the parent exists", () => {
    const parents = { ...customers, rows: [...customers.rows, { id: 99, name: "z" }] };
    expect(evaluateReferential(spec, orders, parents)).toMatchObject({ status: "pass", orphan_count: 0 });
  });

  it("should fail only past orphan bounds when they are set", () => {
    expect(evaluateReferential({ ...spec, max_orphan_count: 2 }, orders, customers).status).toBe("pass");
    expect(evaluateReferential({ ...spec, max_orphan_count: 1 }, orders, customers).status).toBe("fail");
    expect(evaluateReferential({ ...spec, max_orphan_percent: 50 }, orders, customers).status).toBe("pass");
  });

  it("should check child cardinality per parent", () => {
    const out = evaluateReferential(
      { ...spec, max_orphan_count: 10, min_child_count: 1, max_child_count: 1 },
      orders,
      customers,
    );
    expect(out.parents_below_min).toBe(1);
    expect(out.parents_above_max).toBe(1);
    expect(out.cardinality_sample).toEqual([
      { parent_value: 1, child_count: 2 },
      { parent_value: 3, child_count: 0 },
    ]);
    expect(out.status).toBe("fail");
  });

  it("should report error for unknown columns", () => {
    expect(evaluateReferential({ ...spec, parent_column_name: "nope" }, orders, customers).status).toBe("error");
  });
});
