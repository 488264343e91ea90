/**
 * The one rule the transport keeps from ofetch: query strings. Ours follows docs/protocol.md §1.4 (what
 * Python's urlencode sends); ofetch's own encoder differs, which is why the transport hands ofetch a URL
 * whose query is already encoded.
 */
import { createFetch } from "ofetch";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import { encodeQuery } from "../../src/core/path";

/** The query string ofetch would send for `query`. */
async function ofetchQuery(query: Record<string, unknown>): Promise<string> {
  let sent = "";
  const $fetch = createFetch({
    fetch: async (input) => {
      sent = String(input);
      return new Response("{}");
    },
  });
  await $fetch("https://api.test/x", { query, retry: false });
  return sent.slice("https://api.test/x?".length);
}

describe("query encoding", () => {
  it.each([
    ["`*` (ours escapes it, as urlencode does)", { q: "a*b" }, "q=a%2Ab", "q=a*b"],
    ["`~` (ours keeps it, as urlencode does)", { q: "a~b" }, "q=a~b", "q=a%7Eb"],
  ])("should differ from ofetch's encoder on %s", async (_, query, ours, theirs) => {
    const mine = encodeQuery(query);
    expect(mine).toBe(ours);
    expect(await ofetchQuery(query)).toBe(theirs);
    expect(mine).not.toBe(theirs);
  });

  it("should refuse a Date (resources send ISO text), where ofetch would send it as quoted JSON", async () => {
    expect(() => encodeQuery({ since: new Date(0) })).toThrow(ValidationError);
    expect(await ofetchQuery({ since: new Date(0) })).toBe("since=%221970-01-01T00%3A00%3A00.000Z%22");
  });

  it("should agree with ofetch where both follow form encoding (spaces, '/', '()', empty values)", async () => {
    const query = { a: "x y", b: "p/q", c: "(1)", d: "", e: null };
    expect(encodeQuery(query)).toBe("a=x+y&b=p%2Fq&c=%281%29&d=&e=");
    expect(await ofetchQuery(query)).toBe(encodeQuery(query));
  });
});
