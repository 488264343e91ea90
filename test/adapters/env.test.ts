import { afterEach, describe, expect, it, vi } from "vitest";
import { clientFromEnv, freshnessFromEnv, withFreshnessGate } from "../../src/adapters";
import { Client } from "../../src/client";
import { AuthenticationError, ValidationError } from "../../src/core/errors";
import { FreshnessResource } from "../../src/resources/freshness";
import { API, KEY, useRemote } from "../helpers/remote";

const OTHER_KEY = "aa_live_zyxwvutsrqponmlkjihgfedcba9876543210";
const STATUS = {
  asset_id: "a1",
  qualified_name: "snowflake.prod.warehouse.orders",
  status: "fresh",
  hours_since_update: 1.25,
  is_stale: false,
  checked_at: "2026-01-01T00:00:00Z",
};

/** A stand-in for the runtime global Deno or Bun would provide. */
function withGlobal(name: "Deno" | "Bun", value: unknown) {
  vi.stubGlobal(name, value);
}

const remote = useRemote();

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("clientFromEnv", () => {
  it("should build a Client from Workers bindings, ignoring non-string bindings", async () => {
    vi.stubEnv("ARMOR_API_KEY", OTHER_KEY);
    remote.reply(remote.data(STATUS));
    const client = clientFromEnv({ ARMOR_API_KEY: KEY, ARMOR_API_URL: API, DB: { prepare() {} }, ARMOR_LOG: 42 });
    expect(client).toBeInstanceOf(Client);
    expect(client.transport.config.apiUrl).toBe(API);
    await client.freshness.get("snowflake.prod.warehouse.orders");
    expect(remote.requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("should fall back to process.env when bindings lack a variable", async () => {
    vi.stubEnv("ARMOR_API_KEY", KEY);
    vi.stubEnv("ARMOR_API_URL", API);
    remote.reply(remote.data(STATUS));
    const client = clientFromEnv({ UNRELATED: "x" });
    expect(client.transport.config.apiUrl).toBe(API);
    await client.freshness.get("x");
    expect(remote.requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("should read Deno.env where Deno is the runtime", () => {
    vi.stubEnv("ARMOR_API_KEY", "");
    const vars: Record<string, string> = { ARMOR_API_KEY: KEY, ARMOR_API_URL: API };
    withGlobal("Deno", { env: { get: (name: string) => vars[name] } });
    expect(clientFromEnv().transport.config.apiUrl).toBe(API);
  });

  it("should not crash when Deno denies env access: bindings still work, and no key is an AuthenticationError", () => {
    const denied = vi.fn(() => {
      throw Object.assign(new Error('Requires env access to "ARMOR_API_KEY", run again with the --allow-env flag'), {
        name: "NotCapable",
      });
    });
    withGlobal("Deno", { env: { get: denied } });
    expect(clientFromEnv({ ARMOR_API_KEY: KEY, ARMOR_API_URL: API }).transport.config.apiUrl).toBe(API);
    expect(() => clientFromEnv()).toThrow(AuthenticationError);
    expect(denied).toHaveBeenCalled();
  });

  it("should read Bun.env where Bun is the runtime", () => {
    vi.stubEnv("ARMOR_API_KEY", "");
    withGlobal("Bun", { env: { ARMOR_API_KEY: KEY, ARMOR_API_URL: API } });
    expect(clientFromEnv().transport.config.apiUrl).toBe(API);
  });

  it("should let explicit options win over the environment", async () => {
    remote.reply(remote.data(STATUS));
    const client = clientFromEnv(
      { ARMOR_API_KEY: OTHER_KEY, ARMOR_API_URL: "https://elsewhere.test/api/v1" },
      { apiKey: KEY, apiUrl: API, maxRetries: 0 },
    );
    expect(client.transport.config).toMatchObject({ apiUrl: API, maxRetries: 0 });
    await client.freshness.get("x");
    expect(remote.requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("should refuse a malformed key or URL from the environment like the Client does", () => {
    expect(() => clientFromEnv({ ARMOR_API_KEY: "aa_live_with space" })).toThrow(AuthenticationError);
    expect(() => clientFromEnv({ ARMOR_API_KEY: KEY, ARMOR_API_URL: "http://api.example.com/api/v1" })).toThrow(
      ValidationError,
    );
  });

  it("should let a gate build a new Client per request and still share one check", async () => {
    remote.reply(remote.data(STATUS));
    let built = 0;
    const fetch = withFreshnessGate((_req: Request, _env: object) => new Response("ok"), {
      client: (env) => (built++, clientFromEnv(env)),
      assets: "snowflake.prod.warehouse.orders",
    });
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(new Request("https://edge.example/"), { ARMOR_API_KEY: KEY, ARMOR_API_URL: API }),
      ),
    );
    expect(
      responses.every(
        (r) => r.headers.get("x-armor-freshness") === "fresh; asset=snowflake.prod.warehouse.orders; age_hours=1.25",
      ),
    ).toBe(true);
    expect(remote.requests).toHaveLength(1);
    expect(built).toBe(1);
  });
});

describe("freshnessFromEnv", () => {
  it("should build a lean FreshnessResource from bindings", async () => {
    remote.reply(remote.data(STATUS));
    const freshness = freshnessFromEnv({ ARMOR_API_KEY: KEY, ARMOR_API_URL: API });
    expect(freshness).toBeInstanceOf(FreshnessResource);
    expect(await freshness.get("snowflake.prod.warehouse.orders")).toMatchObject({
      hours_since_update: 1.25,
      is_fresh: true,
    });
    expect(remote.requests[0]).toMatchObject({ method: "GET", path: "/sdk/freshness/snowflake.prod.warehouse.orders" });
  });

  it("should throw AuthenticationError when no key is found anywhere", () => {
    vi.stubEnv("ARMOR_API_KEY", "");
    expect(() => freshnessFromEnv({})).toThrow(AuthenticationError);
  });
});
