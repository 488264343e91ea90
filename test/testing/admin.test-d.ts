/** `sandbox.admin` answers with the SDK's models, as its docs say: a test reads them like any call's result. */
import { describe, expectTypeOf, it } from "vitest";
import type { Asset, FreshnessStatus, SchemaChange } from "../../src";
import { createSandbox } from "../../src/testing";

describe("sandbox.admin types", () => {
  const sandbox = createSandbox();

  it("should return the models its docs name", () => {
    expectTypeOf(sandbox.admin.addSource).returns.toEqualTypeOf<Asset>();
    expectTypeOf(sandbox.admin.addTable).returns.toEqualTypeOf<Asset>();
    expectTypeOf(sandbox.admin.touchTable).returns.toEqualTypeOf<FreshnessStatus>();
    expectTypeOf(sandbox.admin.alterTable).returns.toEqualTypeOf<SchemaChange[]>();
  });

  it("should type the fields a test reads", () => {
    const status = sandbox.admin.touchTable("snowflake.prod.warehouse.orders");
    expectTypeOf(status.status).toExtend<string>();
    expectTypeOf(status.hours_since_update).toEqualTypeOf<FreshnessStatus["hours_since_update"]>();
    const [change] = sandbox.admin.alterTable("snowflake.prod.warehouse.orders", { drop: ["status"] });
    expectTypeOf(change!.severity).toExtend<string>();
  });
});
