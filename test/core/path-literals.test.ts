/**
 * The literal route segments of docs/protocol.md §1.2 as a table: each drives a row proving an id equal
 * to it is refused before any request, and a meta-test fails when the SDK's set and this oracle differ.
 */
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import { LITERALS, encodeSegment, path } from "../../src/core/path";

/** The oracle, as docs/protocol.md §1.2 lists them. */
const LITERAL_SEGMENTS = [
  "summary",
  "changes",
  "schedules",
  "inbox",
  "rules",
  "destinations",
  "trends",
  "preview",
  "dry-run",
  "usage",
  "bulk-apply",
  "apply",
];

describe("literal path segments", () => {
  it.each(LITERAL_SEGMENTS)("should refuse the id %s with a typed error naming the parameter", (literal) => {
    let thrown: unknown;
    try {
      encodeSegment(literal, "asset_id");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).message).toBe(`asset_id must not equal the route segment '${literal}'`);
    expect((thrown as ValidationError).issues).toEqual([
      { path: "asset_id", message: `asset_id must not equal the route segment '${literal}'` },
    ]);
  });

  it.each(LITERAL_SEGMENTS)("should take %s in another case or with more around it as an id", (literal) => {
    expect(encodeSegment(literal.toUpperCase())).toBe(literal.toUpperCase());
    expect(encodeSegment(`${literal}2`)).toBe(`${literal}2`);
    expect(encodeSegment(`x.${literal}`)).toBe(`x.${literal}`);
  });

  it("meta: every literal of the SDK's set has a row, and every row is in the set", () => {
    expect([...LITERALS].sort()).toEqual([...LITERAL_SEGMENTS].sort());
    expect(LITERALS.size).toBe(12);
  });
});

describe("encodeSegment", () => {
  it.each([
    ["", "id must not be empty, '.' or '..'"],
    [".", "id must not be empty, '.' or '..'"],
    ["..", "id must not be empty, '.' or '..'"],
    [42, "id must be a string"],
    [undefined, "id must be a string"],
    ["\ud800x", "id must be well-formed Unicode"],
  ])("should refuse %j: %s", (id, message) => {
    expect(() => encodeSegment(id)).toThrow(ValidationError);
    expect(() => encodeSegment(id)).toThrow(message);
  });

  it.each([
    ["snowflake.prod.warehouse.orders", "snowflake.prod.warehouse.orders"],
    ["a/b", "a%2Fb"],
    ["...", "..."],
    ["a b?#", "a%20b%3F%23"],
    ["ü", "%C3%BC"],
  ])("should encode %j as one segment %j", (id, encoded) => {
    expect(encodeSegment(id)).toBe(encoded);
  });

  it("should build a path from literal text and encoded ids", () => {
    expect(path`/sdk/metrics/${"a/b"}/${"m 1"}`).toBe("/sdk/metrics/a%2Fb/m%201");
    expect(path`/sdk/health`).toBe("/sdk/health");
    expect(() => path`/sdk/assets/${"summary"}`).toThrow("id must not equal the route segment 'summary'");
  });
});
