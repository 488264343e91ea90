import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import { createTransport } from "../../src/core/http";
import { encodeQuery } from "../../src/core/path";
import { FreshnessResource } from "../../src/resources/freshness";

describe("encodeQuery", () => {
  it("should send text, finite numbers and booleans as text, null as empty and skip undefined", () => {
    expect(encodeQuery({ q: "a b/c", n: 2.5, t: true, none: null, gone: undefined })).toBe(
      "q=a+b%2Fc&n=2.5&t=true&none=",
    );
  });

  it.each([
    ["an object", { a: 1 }],
    ["an array", ["a", "b"]],
    ["a function", () => "x"],
    ["a symbol", Symbol("s")],
    // The query's type is string | number | boolean: a BigInt, NaN or Infinity is a mistake to report.
    ["a BigInt", 10n],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("should refuse %s with a ValidationError naming the field", (_what, value) => {
    const e = (() => {
      try {
        return encodeQuery({ ok: "1", tags: value });
      } catch (error) {
        return error;
      }
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([
      { path: "query.tags", message: expect.stringContaining("query.tags") },
    ]);
  });

  it("should refuse a non-scalar extra query value before anything is sent", async () => {
    const seen: Request[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return Response.json({ data: {} });
    }) as typeof globalThis.fetch;
    const freshness = new FreshnessResource(
      createTransport({ apiKey: "aa_live_0123456789abcdefghijklmnopqrstuv", apiUrl: "https://api.test/api/v1", fetch }),
    );
    const query = { filter: { table: "orders" } } as unknown as Record<string, string>;
    await expect(freshness.get("orders", { query })).rejects.toBeInstanceOf(ValidationError);
    expect(seen).toHaveLength(0);
  });
});
