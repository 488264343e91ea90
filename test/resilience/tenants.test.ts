/**
 * Tenants never share a cache. Clients whose keys come from different functions, with no `cacheScope`,
 * share one QueryClient here as a careless app (or an SSR server reusing one cache) would: the remote
 * stand-in answers each token with that tenant's own data, so any entry served across tenants shows as
 * the wrong tenant's name. The rule under test (docs/query.md "Keys"): the scope follows the key
 * function's identity; the same function (as `withOptions` passes it on) shares, different ones never.
 */
import { dehydrate, hashKey, hydrate, QueryClient } from "@tanstack/query-core";
import fc from "fast-check";
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import type { ClientOptions } from "../../src/core/config";
import { armorKeys, armorMutations, armorQueries } from "../../src/query";
import { API, KEY, useRemote } from "../helpers/remote";
import { asset, ASSET, everyKey } from "../query/fixtures";

const remote = useRemote();

/** Answers every request with an asset named after the tenant whose token made it. */
function answerPerTenant() {
  remote.reply((request) => {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    return HttpResponse.json({ data: asset(`tenant.${token}.orders`) });
  });
}

const tenantOf = (a: { qualified_name: string }) => a.qualified_name.split(".")[1];

function client(apiKey: ClientOptions["apiKey"], extra: ClientOptions = {}) {
  return new Client({ apiKey, apiUrl: API, maxRetries: 0, ...extra });
}

const cache = () => new QueryClient({ defaultOptions: { queries: { gcTime: Infinity, staleTime: Infinity } } });

describe("tenants sharing one QueryClient", () => {
  it("should serve each key function's tenant its own data, never another's cached entry", async () => {
    answerPerTenant();
    const qc = cache();
    const alice = client(() => "alice");
    const bob = client(async () => "bob");
    expect(tenantOf(await qc.fetchQuery(armorQueries(alice).assets.get(ASSET)))).toBe("alice");
    expect(tenantOf(await qc.fetchQuery(armorQueries(bob).assets.get(ASSET)))).toBe("bob");
    expect(remote.requests).toHaveLength(2);
    expect(qc.getQueryData(armorKeys(bob).assets.get(ASSET))?.qualified_name).toBe("tenant.bob.orders");
    expect(qc.getQueryData(armorKeys(alice).assets.get(ASSET))?.qualified_name).toBe("tenant.alice.orders");
  });

  it("should keep apart two functions that return the same token (their identity decides, not their output)", async () => {
    answerPerTenant();
    const qc = cache();
    const first = client(() => "shared");
    const second = client(() => "shared");
    expect(first.transport.scope).not.toBe(second.transport.scope);
    await qc.fetchQuery(armorQueries(first).assets.get(ASSET));
    await qc.fetchQuery(armorQueries(second).assets.get(ASSET));
    expect(remote.requests).toHaveLength(2);
  });

  it("should keep apart a function and its bound copy, and a key function from a static key", () => {
    function token(this: unknown) {
      return KEY;
    }
    const scopes = [client(token), client(token.bind(null)), client(KEY), client(() => KEY)].map(
      (c) => c.transport.scope,
    );
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it("should share the cache between a client and its withOptions copies, which pass the same function on", async () => {
    answerPerTenant();
    const qc = cache();
    const key = () => "carol";
    const base = client(key);
    const derived = base.withOptions({ timeout: 5_000 });
    const again = client(key, { maxRetries: 1 });
    expect(derived.transport.scope).toBe(base.transport.scope);
    expect(again.transport.scope).toBe(base.transport.scope);
    await qc.fetchQuery(armorQueries(base).assets.get(ASSET));
    expect(tenantOf(await qc.fetchQuery(armorQueries(derived).assets.get(ASSET)))).toBe("carol");
    expect(remote.requests).toHaveLength(1);
  });

  it("should give a withOptions copy with a new key function a scope of its own", () => {
    const base = client(() => "dave");
    const other = base.withOptions({ apiKey: () => "erin" });
    expect(other.transport.scope).not.toBe(base.transport.scope);
  });

  it("should share only where cacheScope says so, explicitly", () => {
    const a = client(() => "alice", { cacheScope: "org-1" });
    const b = client(() => "bob", { cacheScope: "org-1" });
    const c = client(() => "alice", { cacheScope: "org-2" });
    expect(a.transport.scope).toBe(b.transport.scope);
    expect(a.transport.scope).not.toBe(c.transport.scope);
  });

  it("should give every one of many key functions disjoint keys for every read (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 6 }), (tokens) => {
        // Fresh functions, possibly returning equal tokens: each is its own tenant.
        const clients = tokens.map((t) => client(() => t));
        const seen = new Map<string, number>();
        expect(clients).toHaveLength(tokens.length);
        expect(tokens.length).toBeGreaterThanOrEqual(2); // audit: fast-check draws 2 to 6 tokens
        clients.forEach((c, i) => {
          const keys = Object.values(everyKey(armorKeys(c), ASSET));
          expect(keys).toHaveLength(65);
          for (const key of keys) {
            const hash = hashKey(key);
            expect(seen.get(hash) ?? i).toBe(i);
            seen.set(hash, i);
          }
        });
      }),
      { numRuns: 30 },
    );
  });

  it("should never invalidate another tenant's entries on a write", async () => {
    const qc = cache();
    const alice = client(() => "alice");
    const bob = client(() => "bob");
    for (const c of [alice, bob]) qc.setQueryData(armorKeys(c).metrics.list(ASSET), []);
    remote.reply(remote.data(null));
    await armorMutations(alice, qc).metrics.delete(ASSET, "m1").mutationFn();
    expect(qc.getQueryState(armorKeys(alice).metrics.list(ASSET))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(armorKeys(bob).metrics.list(ASSET))?.isInvalidated).toBe(false);
  });
});

describe("dehydrated caches", () => {
  const STATIC = KEY;
  const TOKEN = "tok_Q9x7-short-lived-TENANT-secret";

  async function filled() {
    const qc = cache();
    for (const [apiKey, secret] of [
      [STATIC, STATIC],
      [() => TOKEN, TOKEN],
    ] as const) {
      const q = armorQueries(client(apiKey));
      remote.reply(remote.data(asset()));
      await qc.fetchQuery(q.assets.get(ASSET));
      remote.reply(remote.data({ data: [asset()], pagination: { has_more: false } }));
      await qc.fetchInfiniteQuery(q.assets.infinite({ source: "snowflake" }));
      // A failed read too, whose server echoes the caller's secret: its error is dehydrated below.
      remote.reply(remote.error(404, "NOT_FOUND", `no asset for ${secret}`, { key: secret }));
      await qc.fetchQuery(q.freshness.get(ASSET)).catch(() => undefined);
    }
    return qc;
  }

  it("should hold neither a static key nor a function's token, in any part of any entry", async () => {
    const qc = await filled();
    const state = JSON.stringify(dehydrate(qc, { shouldDehydrateQuery: () => true, shouldRedactErrors: () => false }));
    expect(state.length).toBeGreaterThan(500);
    for (const secret of [STATIC, TOKEN]) {
      // Any 8 consecutive characters of a secret count as a leak, not only the whole of it.
      for (let i = 0; i + 8 <= secret.length; i++) expect(state).not.toContain(secret.slice(i, i + 8));
    }
  });

  it("should not hydrate one key function's entries into another's reads", async () => {
    answerPerTenant();
    const server = cache();
    const alice = client(() => "alice");
    await server.fetchQuery(armorQueries(alice).assets.get(ASSET));
    const browser = cache();
    hydrate(browser, JSON.parse(JSON.stringify(dehydrate(server))));
    const bob = client(() => "bob");
    expect(browser.getQueryData(armorKeys(bob).assets.get(ASSET))).toBeUndefined();
    expect(tenantOf(await browser.fetchQuery(armorQueries(bob).assets.get(ASSET)))).toBe("bob");
    // The same function hydrates as the docs promise.
    expect(browser.getQueryData(armorKeys(alice).assets.get(ASSET))?.qualified_name).toBe("tenant.alice.orders");
  });
});
