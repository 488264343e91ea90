import { describe, expect, it } from "vitest";
import { AssetsResource } from "../../src/resources/assets";
import { errorMatrix, ODD_ID, ODD_SEGMENT, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const ASSET = { id: "u1", qualified_name: "snowflake.prod.warehouse.orders", name: "orders", asset_type: "table" };
const TESTED = { success: true, latency_ms: 12, tested_at: "2026-01-15T12:00:00Z" };
const JOB = { job_id: "job_1", asset_id: "u1", started_at: "2026-01-15T12:00:00Z" };

describe("AssetsResource", () => {
  const remote = useRemote();
  const assets = new AssetsResource(transport());

  describe("list", () => {
    it("should send the always-sent page defaults and nothing else", async () => {
      remote.reply(remote.data({ data: [ASSET] }));
      const items = await assets.list();
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/assets",
        search: "limit=50&offset=0",
        bodyText: "",
      });
      expect(items).toHaveLength(1);
      expect(items[0]!.qualified_name).toBe(ASSET.qualified_name);
    });

    it("should send every filter in wire order, form-encoded", async () => {
      remote.reply(remote.data({ data: [] }));
      await assets.list({ search: "a b/c", asset_type: "view", source: "snowflake", offset: 20, limit: 10 });
      expect(remote.requests[0]!.search).toBe("limit=10&offset=20&source=snowflake&asset_type=view&search=a+b%2Fc");
    });

    it("should omit empty filters", async () => {
      remote.reply(remote.data({ data: [] }));
      await assets.list({ source: "", asset_type: "", search: "" });
      expect(remote.requests[0]!.search).toBe("limit=50&offset=0");
    });

    it("should fill defaults and carry both seed and 0.2.x names", async () => {
      remote.reply(
        remote.data({
          data: [
            { id: "1", qualified_name: "q", name: "n", source_type: "snowflake", database_name: "prod" },
            {
              id: "2",
              qualified_name: "q2",
              name: "n2",
              source: "postgresql",
              database: "analytics",
              asset_type: null,
            },
          ],
        }),
      );
      const [a, b] = await assets.list();
      expect(a).toMatchObject({
        asset_type: "table",
        is_active: true,
        source: "snowflake",
        source_type: "snowflake",
        database: "prod",
        database_name: "prod",
      });
      expect(b).toMatchObject({
        asset_type: "table",
        source: "postgresql",
        source_type: "postgresql",
        database: "analytics",
        database_name: "analytics",
      });
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => assets.list({ limit: 101 }));
      await rejectsBeforeSending(remote, () => assets.list({ limit: 0 }));
      await rejectsBeforeSending(remote, () => assets.list({ offset: -1 }));
      await rejectsBeforeSending(remote, () => assets.list({ limit: 1.5 }));
      await rejectsBeforeSending(remote, () => assets.list({ source: 3 } as never));
      await rejectsBeforeSending(remote, () => assets.list({ database: "x" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { data: [{ id: 1, name: "n" }] } }, () => assets.list());
      await rejectsBody(remote, { data: { data: {} } }, () => assets.list());
    });
  });

  describe("iterate", () => {
    it("should walk the pages until a short one", async () => {
      remote.reply(remote.data({ data: [ASSET, ASSET] }), remote.data({ data: [ASSET] }));
      const seen = [];
      for await (const a of assets.iterate({ limit: 2, source: "snowflake" })) seen.push(a);
      expect(seen).toHaveLength(3);
      expect(remote.requests.map((r) => r.search)).toEqual([
        "limit=2&offset=0&source=snowflake",
        "limit=2&offset=2&source=snowflake",
      ]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, async () => {
        for await (const _ of assets.iterate({ limit: 500 })) void _;
      });
    });

    it("should reject a malformed page", async () => {
      await rejectsBody(remote, { data: { data: [{ id: 1 }] } }, async () => {
        for await (const _ of assets.iterate()) void _;
      });
    });
  });

  describe("get", () => {
    it("should GET the asset by qualified name with no query", async () => {
      remote.reply(remote.data(ASSET));
      const asset = await assets.get("snowflake.prod.warehouse.orders");
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/assets/snowflake.prod.warehouse.orders",
        search: "",
        bodyText: "",
      });
      expect(asset.id).toBe("u1");
    });

    it("should encode the id as one segment", async () => {
      remote.reply(remote.data(ASSET));
      await assets.get(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/assets/${ODD_SEGMENT}`);
    });

    it("should refuse reserved ids before sending", async () => {
      await rejectsBeforeSending(remote, () => assets.get(""));
      await rejectsBeforeSending(remote, () => assets.get(".."));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { id: "1" } }, () => assets.get("x"));
    });
  });

  describe("create", () => {
    it("should POST the body in wire order", async () => {
      remote.reply(remote.data(ASSET));
      const asset = await assets.create({
        description: "main",
        connection_config: { account: "acme", password: "p" },
        source_type: "snowflake",
        name: "prod",
      });
      expect(remote.requests[0]).toMatchObject({ method: "POST", path: "/sdk/assets", search: "" });
      expect(remote.requests[0]!.bodyText).toBe(
        '{"name":"prod","source_type":"snowflake","connection_config":{"account":"acme","password":"p"},"description":"main"}',
      );
      expect(remote.requests[0]!.headers.get("content-type")).toBe("application/json");
      expect(asset.name).toBe("orders");
    });

    it("should omit an absent or empty description", async () => {
      remote.reply(remote.data(ASSET));
      await assets.create({ name: "prod", source_type: "postgresql", connection_config: {}, description: "" });
      expect(remote.requests[0]!.bodyText).toBe('{"name":"prod","source_type":"postgresql","connection_config":{}}');
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => assets.create({ name: "x", source_type: "snowflake" } as never));
      await rejectsBeforeSending(remote, () =>
        assets.create({ name: "", source_type: "snowflake", connection_config: {} }),
      );
      await rejectsBeforeSending(remote, () =>
        assets.create({ name: "x", source_type: "snowflake", connection_config: [] as never }),
      );
      await rejectsBeforeSending(remote, () =>
        assets.create({ name: "x", source_type: "oracle" as never, connection_config: {} }),
      );
      await rejectsBeforeSending(remote, () => assets.create(undefined as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: {} }, () =>
        assets.create({ name: "x", source_type: "mysql", connection_config: {} }),
      );
    });
  });

  describe("testConnection", () => {
    it("should POST with no body", async () => {
      remote.reply(remote.data(TESTED));
      const result = await assets.testConnection("snowflake.prod");
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/assets/snowflake.prod/test-connection",
        search: "",
        bodyText: "",
      });
      expect(result).toMatchObject({ success: true, latency_ms: 12 });
    });

    it("should encode the id as one segment", async () => {
      remote.reply(remote.data(TESTED));
      await assets.testConnection(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/assets/${ODD_SEGMENT}/test-connection`);
    });

    it("should refuse reserved ids before sending", async () => {
      await rejectsBeforeSending(remote, () => assets.testConnection("."));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { success: "yes", tested_at: "t" } }, () => assets.testConnection("x"));
    });
  });

  describe("triggerDiscovery", () => {
    it("should POST with no body and fill defaults", async () => {
      remote.reply(remote.data(JOB));
      const job = await assets.triggerDiscovery("snowflake.prod");
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/assets/snowflake.prod/discover",
        search: "",
        bodyText: "",
      });
      expect(job).toMatchObject({ job_id: "job_1", status: "started", message: "Discovery started" });
    });

    it("should encode the id as one segment", async () => {
      remote.reply(remote.data(JOB));
      await assets.triggerDiscovery(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/assets/${ODD_SEGMENT}/discover`);
    });

    it("should refuse reserved ids before sending", async () => {
      await rejectsBeforeSending(remote, () => assets.triggerDiscovery("summary"));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { job_id: "j" } }, () => assets.triggerDiscovery("x"));
    });
  });

  errorMatrix(remote, () => assets.get("snowflake.prod.warehouse.orders"));
});
