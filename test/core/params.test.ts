import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import { dflt, intIn, nonNegative, numIn, opt, positive, req, serialize, text, uuid } from "../../src/core/params";

const fields = {
  name: req(text),
  limit: dflt(intIn(1, 100), 50),
  note: opt(v.string(), "null"),
  tags: opt(v.array(text), "truthy"),
  when: opt(
    v.pipe(
      v.date(),
      v.transform((d) => d.toISOString()),
    ),
    "nn",
    "since",
  ),
};

function rejected(params: unknown): ValidationError {
  try {
    serialize("things.create", fields, params);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("serialize accepted the params");
}

describe("serialize", () => {
  it("should build the wire object in declared order with defaults, wire names and transforms", () => {
    const out = serialize("things.create", fields, { when: new Date(0), name: "a" });
    expect(Object.entries(out)).toEqual([
      ["name", "a"],
      ["limit", 50],
      ["note", null],
      ["since", "1970-01-01T00:00:00.000Z"],
    ]);
  });

  it("should accept null where the field travels as JSON null, and refuse it elsewhere", () => {
    expect(serialize("things.create", fields, { name: "a", note: null }).note).toBeNull();
    expect(rejected({ name: "a", limit: null }).issues?.map((i) => i.path)).toEqual(["limit"]);
  });

  it("should name an unknown param and the params that exist", () => {
    const error = rejected({ name: "a", nmae: "b" });
    expect(error.issues).toEqual([{ path: "nmae", message: "unknown param (expected name, limit, note, tags, when)" }]);
    expect(error.message).toBe(
      "Invalid params for things.create: nmae: unknown param (expected name, limit, note, tags, when)",
    );
  });

  it("should list every problem at once, nested paths included", () => {
    const error = rejected({ limit: 0, tags: ["ok", ""], extra: 1 });
    expect(error.issues?.map((i) => i.path)).toEqual(["extra", "name", "limit", "tags.1"]);
    expect(error.issues?.[1]?.message).toBe("is required");
  });

  it("should not take inherited names for params", () => {
    expect(rejected({ name: "a", toString: "x" }).issues?.map((i) => i.path)).toEqual(["toString"]);
    expect(rejected(JSON.parse('{"name":"a","__proto__":{"limit":5}}')).issues?.map((i) => i.path)).toEqual([
      "__proto__",
    ]);
  });

  it("should refuse params that are not a plain object", () => {
    for (const bad of [[], new Map(), null, "a", new Date()]) expect(rejected(bad).issues?.[0]?.path).toBe("");
  });

  it("should state each rule whole in its message", () => {
    const messages = (schema: v.GenericSchema, value: unknown) => {
      const result = v.safeParse(schema, value);
      return result.success ? [] : result.issues.map((i) => i.message);
    };
    expect(messages(intIn(1, 100), 0)).toEqual(["must be an integer from 1 to 100"]);
    expect(messages(intIn(1, 100), 2.5)).toEqual(["must be an integer from 1 to 100"]);
    expect(messages(intIn(0), -1)).toEqual(["must be an integer ≥ 0"]);
    expect(messages(numIn(0, 1), 1.5)).toEqual(["must be a finite number from 0 to 1"]);
    expect(messages(nonNegative, Number.POSITIVE_INFINITY)).toEqual(["must be a finite number ≥ 0"]);
    expect(messages(positive, 0)).toEqual(["must be a finite number above 0"]);
    expect(messages(text, "")).toEqual(["must not be empty"]);
    expect(messages(uuid, "123e4567-e89b-12d3-a456-42661417400")).toEqual(["must be a UUID"]);
    expect(messages(uuid, "123E4567-E89B-12D3-A456-426614174000")).toEqual([]);
    expect(messages(intIn(1, 100), "5")[0]).toMatch(/number/);
  });
});
