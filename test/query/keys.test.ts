import { hashKey, partialMatchKey, type QueryKey } from "@tanstack/query-core";
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import { ValidationError } from "../../src/core/errors";
import { armorKeys, armorQueries } from "../../src/query";
import { API, KEY, useRemote } from "../helpers/remote";
import { ASSET, everyKey, makeClient, makeQueryClient, OTHER_ASSET, OTHER_KEY } from "./fixtures";

const covers = (prefix: QueryKey, key: QueryKey) => partialMatchKey(key, prefix);

describe("armorKeys", () => {
  const client = makeClient();
  const k = armorKeys(client);

  it("should start every key with the namespace, the client's scope and the resource", () => {
    const keys = Object.entries(everyKey(k, ASSET));
    expect(keys).toHaveLength(65);
    for (const [name, key] of keys) {
      const resource = name.split(".")[0];
      expect(key.slice(0, 3), name).toEqual(["anomalyarmor", client.transport.scope, resource]);
    }
    expect(k.all).toEqual(["anomalyarmor", client.transport.scope]);
  });

  it("should never put the API key in a key", () => {
    const text = JSON.stringify([k.all, ...Object.values(everyKey(k, ASSET))]);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(8));
  });

  it("should refuse anything without a string transport.scope, with a message naming it", () => {
    for (const client of [{}, { transport: {} }, { transport: { scope: 5 } }]) {
      let thrown: unknown;
      try {
        armorKeys(client as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(client)).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).message).toBe("client must have transport.scope");
      expect((thrown as ValidationError).issues).toEqual([
        { path: "client", message: "client must have transport.scope" },
      ]);
    }
    expect(armorKeys({ transport: { scope: "tenant-a" } }).all).toEqual(["anomalyarmor", "tenant-a"]);
  });

  it("should give two clients with the same key and URL the same scope", () => {
    expect(armorKeys(makeClient()).all).toEqual(k.all);
  });

  it("should separate clients with different keys or URLs", () => {
    expect(armorKeys(makeClient({ apiKey: OTHER_KEY })).all).not.toEqual(k.all);
    expect(armorKeys(makeClient({ apiUrl: "https://other.anomalyarmor.test/api/v1" })).all).not.toEqual(k.all);
  });

  it("should use cacheScope for a client whose key is a function", () => {
    const a = new Client({ apiKey: () => KEY, apiUrl: API, cacheScope: "tenant-a" });
    const b = new Client({ apiKey: () => KEY, apiUrl: API, cacheScope: "tenant-b" });
    expect(armorKeys(a).all).toEqual(["anomalyarmor", "tenant-a"]);
    expect(armorKeys(a).all).not.toEqual(armorKeys(b).all);
  });

  it("should keep every key JSON-safe", () => {
    const keys = Object.entries(everyKey(k, ASSET));
    expect(keys).toHaveLength(65);
    for (const [name, key] of keys) {
      expect(JSON.parse(JSON.stringify(key)), name).toEqual(key);
    }
  });

  it("should give every read its own key", () => {
    const hashes = Object.values(everyKey(k, ASSET)).map((key) => hashKey(key));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("should drop undefined params so equivalent calls share one entry", () => {
    // Plain JavaScript callers (and spread objects) pass explicit undefineds that the types forbid.
    const sloppy = <P>(p: unknown) => p as P;
    expect(hashKey(k.assets.list(sloppy({ source: undefined, search: "orders" })))).toBe(
      hashKey(k.assets.list({ search: "orders" })),
    );
    expect(hashKey(k.assets.list(sloppy({ source: undefined })))).toBe(hashKey(k.assets.list()));
  });

  it("should keep infinite keys apart from list keys while the list prefix covers both", () => {
    expect(hashKey(k.assets.infinite({ source: "snowflake" }))).not.toBe(
      hashKey(k.assets.list({ source: "snowflake" })),
    );
    expect(covers([...k.assets.all, "list"], k.assets.infinite())).toBe(true);
    expect(covers([...k.assets.all, "list"], k.assets.list())).toBe(true);
    expect(covers(k.assets.list(), k.assets.infinite())).toBe(false);
  });

  it("should leave offset out of infinite keys (pages start at 0)", () => {
    const withOffset = k.assets.infinite({ offset: 100 } as never);
    expect(withOffset).toEqual(k.assets.infinite());
  });

  describe(".all", () => {
    it("should cover every read of its resource and nothing else", () => {
      for (const resource of [
        "assets",
        "freshness",
        "metrics",
        "validity",
        "referential",
        "alerts",
        "apiKeys",
      ] as const) {
        const both = Object.entries({ ...everyKey(k, ASSET), ...everyKey(k, OTHER_ASSET) });
        expect(both).toHaveLength(104);
        for (const [name, key] of both) {
          expect(covers(k[resource].all, key), `${resource}.all vs ${name}`).toBe(name.startsWith(`${resource}.`));
        }
      }
    });
  });

  describe(".asset(assetId)", () => {
    it("should cover every read of that resource for that asset (list, summary, get, snapshots, results) and nothing else", () => {
      const mine = everyKey(k, ASSET);
      const theirs = everyKey(k, OTHER_ASSET);
      expect(Object.entries(mine)).toHaveLength(65);
      expect(Object.entries(theirs)).toHaveLength(65);
      for (const resource of ["metrics", "validity", "referential"] as const) {
        const prefix = k[resource].asset(ASSET);
        const expected = Object.keys(mine).filter((n) => n.startsWith(`${resource}.`));
        expect(expected.length).toBeGreaterThanOrEqual(6);
        for (const [name, key] of Object.entries(mine)) expect(covers(prefix, key), name).toBe(expected.includes(name));
        for (const [name, key] of Object.entries(theirs))
          expect(covers(prefix, key), `other asset ${name}`).toBe(false);
      }
    });

    it("should cover an asset's own reads in resources that also have asset-less reads", () => {
      expect(covers(k.freshness.asset(ASSET), k.freshness.get(ASSET))).toBe(true);
      expect(covers(k.freshness.asset(ASSET), k.freshness.requireFresh(ASSET))).toBe(true);
      expect(covers(k.freshness.asset(ASSET), k.freshness.summary())).toBe(false);
      expect(covers(k.freshness.asset(ASSET), k.freshness.get(OTHER_ASSET))).toBe(false);
      expect(covers(k.tags.asset(ASSET), k.tags.list({ asset: ASSET, category: "business" }))).toBe(true);
      expect(covers(k.tags.asset(ASSET), k.tags.list({ asset: OTHER_ASSET }))).toBe(false);
      expect(covers(k.recommendations.asset(ASSET), k.recommendations.coverage({ asset_id: ASSET }))).toBe(true);
      expect(covers(k.schema.asset(ASSET), k.schema.get(ASSET))).toBe(true);
      expect(covers(k.lineage.asset(ASSET), k.lineage.get(ASSET))).toBe(true);
    });

    it("should not mistake an asset named like a read for that read", () => {
      expect(covers(k.metrics.asset("summary"), k.metrics.summary(ASSET))).toBe(false);
      expect(covers(k.metrics.asset("list"), k.metrics.list(ASSET))).toBe(false);
    });
  });
});

describe("armorKeys params", () => {
  it("should key params as JSON carries them: undefined fields left out at every depth, dates as ISO strings, arrays kept", () => {
    const k = armorKeys(makeClient());
    const params = {
      search: "orders",
      limit: 5,
      flag: false,
      gone: undefined,
      empty: null,
      nested: { kept: "x", gone: undefined, deeper: { gone: undefined, n: 0 } },
      list: ["a", new Date("2026-01-02T03:04:05Z"), { gone: undefined, id: 1 }, ["b"]],
      when: new Date("2026-01-02T03:04:05Z"),
      never: new Date("not a date"),
    };
    expect(k.assets.list(params as never)).toStrictEqual([
      "anomalyarmor",
      k.all[1],
      "assets",
      "list",
      {
        search: "orders",
        limit: 5,
        flag: false,
        empty: null,
        nested: { kept: "x", deeper: { n: 0 } },
        list: ["a", "2026-01-02T03:04:05.000Z", { id: 1 }, ["b"]],
        when: "2026-01-02T03:04:05.000Z",
        never: null,
      },
    ]);
  });
});

describe("a read about one asset named in its params, called without them", () => {
  const remote = useRemote();

  it("should still build its options, and fail with a typed error before any request when run", async () => {
    // Plain JavaScript callers can leave out params the types require.
    const client = makeClient();
    const options = armorQueries(client).tags.list(undefined as never);
    expect(options.queryKey).toStrictEqual([
      "anomalyarmor",
      client.transport.scope,
      "tags",
      "asset",
      undefined,
      "list",
      {},
    ]);
    const error = await makeQueryClient()
      .fetchQuery(options)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(remote.requests).toHaveLength(0);
  });
});

describe("armorKeys with dates", () => {
  it("should key Date params by their ISO string, so different dates never share an entry", () => {
    const keys = armorKeys(makeClient());
    const a = keys.alerts.list({ from_date: new Date("2026-01-01T00:00:00Z") } as never);
    const b = keys.alerts.list({ from_date: new Date("2026-01-02T00:00:00Z") } as never);
    expect(hashKey(a)).not.toBe(hashKey(b));
    expect(JSON.stringify(a)).toContain("2026-01-01T00:00:00.000Z");
    expect(hashKey(keys.alerts.list({ from_date: "2026-01-01T00:00:00.000Z" } as never))).toBe(hashKey(a));
  });
});
