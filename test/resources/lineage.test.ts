import { describe, expect, it } from "vitest";
import { LineageResource } from "../../src/resources/lineage";
import { errorMatrix, ODD_ID, ODD_SEGMENT, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const NODE = { id: "n1", qualified_name: "snowflake.prod.warehouse.orders", name: "orders" };
const UP = { id: "n0", qualified_name: "snowflake.prod.raw.orders", name: "orders_raw" };

describe("LineageResource", () => {
  const remote = useRemote();
  const lineage = new LineageResource(transport());

  describe("list", () => {
    it("should send the page defaults only", async () => {
      remote.reply(remote.data({ data: [NODE] }));
      const nodes = await lineage.list();
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/lineage",
        search: "limit=50&offset=0",
        bodyText: "",
      });
      expect(nodes[0]).toMatchObject({ id: "n1", asset_type: "table" });
    });

    it("should send the seed's filters as given, false included", async () => {
      remote.reply(remote.data({ data: [] }));
      await lineage.list({ has_downstream: false, has_upstream: true, source: "snowflake", limit: 10 });
      expect(remote.requests[0]!.search).toBe(
        "limit=10&offset=0&source=snowflake&has_upstream=true&has_downstream=false",
      );
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => lineage.list({ limit: 101 }));
      await rejectsBeforeSending(remote, () => lineage.list({ has_upstream: "yes" as never }));
      await rejectsBeforeSending(remote, () => lineage.list({ asset_id: "x" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { data: [{ id: "n1" }] } }, () => lineage.list());
    });
  });

  describe("iterate", () => {
    it("should walk the pages until an empty one", async () => {
      remote.reply(remote.data({ data: [NODE, NODE] }), remote.data({ data: [] }));
      const seen = [];
      for await (const n of lineage.iterate({ limit: 2, offset: 4 })) seen.push(n);
      expect(seen).toHaveLength(2);
      expect(remote.requests.map((r) => r.search)).toEqual(["limit=2&offset=4", "limit=2&offset=6"]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, async () => {
        for await (const _ of lineage.iterate({ limit: 0 })) void _;
      });
    });

    it("should reject a malformed page", async () => {
      await rejectsBody(remote, { data: { data: [{ id: "n1" }] } }, async () => {
        for await (const _ of lineage.iterate()) void _;
      });
    });
  });

  describe("get", () => {
    it("should send depth and direction defaults and fill graph defaults", async () => {
      remote.reply(remote.data({ root: NODE }));
      const g = await lineage.get("snowflake.prod.warehouse.orders");
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/lineage/snowflake.prod.warehouse.orders",
        search: "depth=1&direction=both",
        bodyText: "",
      });
      expect(g).toMatchObject({ root: { id: "n1" }, upstream: [], downstream: [], edges: [] });
    });

    it("should send depth before direction whatever the argument order", async () => {
      remote.reply(
        remote.data({
          root: NODE,
          upstream: [UP],
          edges: [{ source: UP.qualified_name, target: NODE.qualified_name }],
        }),
      );
      const g = await lineage.get("a1", { direction: "upstream", depth: 3 });
      expect(remote.requests[0]!.search).toBe("depth=3&direction=upstream");
      expect(g.edges[0]).toMatchObject({ edge_type: "data_flow", confidence: 1 });
      expect(g.upstream[0]!.qualified_name).toBe(UP.qualified_name);
    });

    it("should encode the id as one segment", async () => {
      remote.reply(remote.data({ root: NODE }));
      await lineage.get(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/lineage/${ODD_SEGMENT}`);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => lineage.get("a1", { depth: 0 }));
      await rejectsBeforeSending(remote, () => lineage.get("a1", { depth: 6 }));
      await rejectsBeforeSending(remote, () => lineage.get("a1", { depth: 2.5 }));
      await rejectsBeforeSending(remote, () => lineage.get("a1", { direction: "sideways" as never }));
      await rejectsBeforeSending(remote, () => lineage.get(".."));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { upstream: [] } }, () => lineage.get("a1"));
      await rejectsBody(remote, { data: { root: NODE, edges: [{ source: "a" }] } }, () => lineage.get("a1"));
    });
  });

  errorMatrix(remote, () => lineage.get("a1"));
});
