/**
 * The query layer's tables (src/query/tables.ts) against the client they describe: each entry's call
 * (asset, id, params and whether those are optional) must be exactly the arguments its method takes
 * before `options`, or the keys and builders typed from it would describe a different method.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { RequestOptions } from "../../src/core/config";
import type { ArityOf, Method, ParamsAt, Reads, Writes } from "../../src/query/tables";

/** What a call declares its params to be, as the method's own signature says. */
type ModeOf<R extends keyof Reads, M extends PropertyKey, C> = undefined extends Parameters<Method<R, M>>[ParamsAt<C>]
  ? "optional"
  : "required";

/** `resource.method` of each entry whose call differs from its method's arguments; `never` when none does. */
type Mismatches<T> = {
  [R in keyof T & keyof Reads]: {
    [M in keyof T[R] & string]: [
      // Exactly the declared arguments, then `options`.
      Required<Parameters<Method<R, M>>>["length"] extends [1, 2, 3, 4][ArityOf<T[R][M]>] ? true : false,
      Parameters<Method<R, M>>[ArityOf<T[R][M]>] extends RequestOptions | undefined ? true : false,
      // Ids are strings.
      Parameters<Method<R, M>>[0] extends (T[R][M] extends { asset: true } | { id: true } ? string : unknown)
        ? true
        : false,
      // Declared params are required or optional as the method says.
      T[R][M] extends { params: infer P } ? (P extends ModeOf<R, M, T[R][M]> ? true : false) : true,
    ] extends [true, true, true, true]
      ? never
      : `${R}.${M}`;
  }[keyof T[R] & string];
}[keyof T & keyof Reads];

describe("READS", () => {
  it("should declare every read with the arguments its method takes", () => {
    expectTypeOf<Mismatches<Reads>>().toEqualTypeOf<never>();
  });
});

describe("WRITES", () => {
  it("should declare every write with the arguments its method takes", () => {
    expectTypeOf<Mismatches<Writes>>().toEqualTypeOf<never>();
  });

  it("should catch a call that differs from its method", () => {
    type Wrong = {
      metrics: { update: { asset: true; params: "required" }; list: { asset: true; params: "required" } };
    };
    expectTypeOf<Mismatches<Wrong>>().toEqualTypeOf<"metrics.update" | "metrics.list">();
  });
});
