/**
 * The strict JSON reader beneath ofetch: `__proto__` keys are dropped however the body spells them,
 * and nothing a body holds makes the reader throw.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { NotJson, parseJson, readText } from "../../src/core/body";
import { createTransport } from "../../src/core/http";

const own = (value: unknown, key: string) => Object.prototype.hasOwnProperty.call(value, key);

describe("parseJson", () => {
  // Each spelling decodes to the key "__proto__": JSON.parse keeps it as an own data key.
  const spellings = ["__proto__", "\\u005f_proto__", "__pr\\u006fto__", "\\u005F\\u005F\\u0070roto\\u005f\\u005f"];

  it.each(spellings)("should drop a key spelled %s at every depth, in objects and arrays", (key) => {
    const text = `{"${key}":{"polluted":1},"a":[{"${key}":2,"b":{"${key}":3,"kept":4}}],"c":"x"}`;
    expect(own(JSON.parse(text), "__proto__")).toBe(true);
    const value = parseJson(text) as { a: [{ b: object }] };
    expect(value).toEqual({ a: [{ b: { kept: 4 } }], c: "x" });
    for (const node of [value, value.a[0], value.a[0].b]) {
      expect(own(node, "__proto__")).toBe(false);
      expect(Object.getPrototypeOf(node)).toBe(Object.prototype);
    }
  });

  it("should keep bodies that only mention proto or escape other characters as they are", () => {
    expect(parseJson('{"protocol":"https","name":"caf\\u00e9","__proto":1}')).toEqual({
      protocol: "https",
      name: "café",
      __proto: 1,
    });
  });

  it("should read deeply nested bodies without overflowing the stack", () => {
    const depth = 100_000;
    const text = `${'{"__proto__":0,"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    let node = parseJson(text) as Record<string, unknown>;
    let kept = 0;
    for (let i = 0; i < depth; i++) {
      if (own(node, "__proto__")) kept++;
      node = node.a as Record<string, unknown>;
    }
    expect(kept).toBe(0);
    expect(node).toBe(1);
  });

  it("should give undefined for an empty body and NotJson for anything that is not JSON", () => {
    expect(parseJson(" \n")).toBeUndefined();
    const bad = parseJson("<html>");
    expect(bad).toBeInstanceOf(NotJson);
    expect((bad as NotJson).text).toBe("<html>");
  });

  it.each(["always", "off"] as const)(
    "should never hand an escaped __proto__ key to the caller (validate: %s)",
    async (validate) => {
      const body = '{"data":{"\\u005f_proto__":{"isAdmin":true},"ok":true,"extra":{"__pr\\u006fto__":1}}}';
      const transport = createTransport({
        apiKey: "aa_live_body_test_key",
        apiUrl: "https://api.test",
        validate,
        fetch: async () => new Response(body, { headers: { "content-type": "application/json" } }),
      });
      const out = await transport.request<Record<string, unknown>>({
        method: "GET",
        path: "/x",
        schema: v.looseObject({ ok: v.boolean() }),
      });
      expect(own(out, "__proto__")).toBe(false);
      expect(own(out.extra, "__proto__")).toBe(false);
      expect(Object.assign({}, out)).not.toHaveProperty("isAdmin");
    },
  );
});

describe("readText", () => {
  const stream = (chunks: unknown[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk as Uint8Array);
        controller.close();
      },
    });
  const bytes = new TextEncoder().encode('{"name":"café ☕ 𝄞"}');

  it("should decode UTF-8 split anywhere between chunks", async () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const text = await readText(stream([bytes.slice(0, cut), bytes.slice(cut)]), 1_000);
      if (text !== '{"name":"café ☕ 𝄞"}') expect.fail(`cut at ${cut}: ${text}`);
    }
    expect(await readText(stream([...bytes].map((b) => new Uint8Array([b]))), 1_000)).toBe('{"name":"café ☕ 𝄞"}');
  });

  it("should stop at the first chunk past the cap, and refuse what is not bytes", async () => {
    expect(await readText(stream([bytes, bytes]), bytes.length * 2)).toBe('{"name":"café ☕ 𝄞"}'.repeat(2));
    expect(await readText(stream([bytes, bytes]), bytes.length * 2 - 1)).toBeUndefined();
    await expect(readText(stream(["text"]), 1_000)).rejects.toThrow("The response body is not a stream of bytes");
  });
});
