/**
 * `Client` declares its resources one by one (each with its own TSDoc) and builds them from the one
 * list, `RESOURCES`: the two must agree, name for name and class for class.
 */
import { describe, expectTypeOf, it } from "vitest";
import { Client, RESOURCES, type ResourceName } from "../src/client";

describe("Client and RESOURCES", () => {
  it("should declare exactly one property per entry of RESOURCES, holding an instance of its class", () => {
    expectTypeOf<Pick<Client, ResourceName>>().toEqualTypeOf<{
      readonly [R in ResourceName]: InstanceType<(typeof RESOURCES)[R]>;
    }>();
    // Every other public property of Client is its own, not a resource the list has forgotten.
    expectTypeOf<Exclude<keyof Client, ResourceName | symbol>>().toEqualTypeOf<
      "transport" | "withOptions" | "close" | "toJSON"
    >();
  });
});
