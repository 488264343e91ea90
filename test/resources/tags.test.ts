import { describe, expect, it } from "vitest";
import { TagsResource } from "../../src/resources/tags";
import { errorMatrix, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const TAG = { id: "t1", name: "pii_data", category: "governance", object_path: "gold.customers", object_type: "table" };

describe("TagsResource", () => {
  const remote = useRemote();
  const tags = new TagsResource(transport());

  describe("list", () => {
    it("should send asset_id then the page defaults, reading the tags container", async () => {
      remote.reply(remote.data({ tags: [TAG, { id: "t2", name: "x" }] }));
      const list = await tags.list({ asset: "postgresql.analytics" });
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/tags",
        search: "asset_id=postgresql.analytics&limit=100&offset=0",
        bodyText: "",
      });
      expect(list).toHaveLength(2);
      expect(list[1]).toMatchObject({ category: "business" });
    });

    it("should send the category last and form-encode the asset", async () => {
      remote.reply(remote.data({ tags: [] }));
      await tags.list({ category: "governance", offset: 10, limit: 500, asset: "a/b c" });
      expect(remote.requests[0]!.search).toBe("asset_id=a%2Fb+c&limit=500&offset=10&category=governance");
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => tags.list({} as never));
      await rejectsBeforeSending(remote, () => tags.list({ asset: "" }));
      await rejectsBeforeSending(remote, () => tags.list({ asset: "a", limit: 501 }));
      await rejectsBeforeSending(remote, () => tags.list({ asset: "a", limit: 0 }));
      await rejectsBeforeSending(remote, () => tags.list({ asset: "a", category: "other" as never }));
      await rejectsBeforeSending(remote, () => tags.list({ asset_id: "a" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { tags: [{ id: "t1" }] } }, () => tags.list({ asset: "a" }));
      await rejectsBody(remote, { data: { tags: "none" } }, () => tags.list({ asset: "a" }));
    });
  });

  describe("iterate", () => {
    it("should walk the pages until a short one", async () => {
      remote.reply(remote.data({ tags: [TAG, TAG] }), remote.data({ tags: [TAG] }));
      const seen = [];
      for await (const t of tags.iterate({ asset: "a", limit: 2 })) seen.push(t);
      expect(seen).toHaveLength(3);
      expect(remote.requests.map((r) => r.search)).toEqual([
        "asset_id=a&limit=2&offset=0",
        "asset_id=a&limit=2&offset=2",
      ]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, async () => {
        for await (const _ of tags.iterate({ asset: "" })) void _;
      });
    });

    it("should reject a malformed page", async () => {
      await rejectsBody(remote, { data: { tags: [{ name: "t" }] } }, async () => {
        for await (const _ of tags.iterate({ asset: "a" })) void _;
      });
    });
  });

  describe("create", () => {
    it("should POST defaults in wire order with description as null", async () => {
      remote.reply(remote.data(TAG));
      const tag = await tags.create({ object_path: "gold.customers", name: "pii_data", asset: "postgresql.analytics" });
      expect(remote.requests[0]).toMatchObject({ method: "POST", path: "/sdk/tags", search: "" });
      expect(remote.requests[0]!.bodyText).toBe(
        '{"asset_id":"postgresql.analytics","name":"pii_data","category":"business","object_type":"table","object_path":"gold.customers","description":null}',
      );
      expect(tag).toMatchObject(TAG);
    });

    it("should POST every given field", async () => {
      remote.reply(remote.data(TAG));
      await tags.create({
        asset: "a",
        name: "email",
        object_path: "gold.customers.email",
        object_type: "column",
        category: "technical",
        description: "Contains PII",
      });
      expect(remote.requests[0]!.body).toEqual({
        asset_id: "a",
        name: "email",
        category: "technical",
        object_type: "column",
        object_path: "gold.customers.email",
        description: "Contains PII",
      });
      expect(Object.keys(remote.requests[0]!.body as object)).toEqual([
        "asset_id",
        "name",
        "category",
        "object_type",
        "object_path",
        "description",
      ]);
    });

    it("should fill what the server leaves out from what was sent", async () => {
      remote.reply(remote.data({ object_path: "gold.customers" }));
      const tag = await tags.create({
        asset: "a",
        name: "pii",
        object_path: "gold.customers",
        category: "governance",
        description: "d",
      });
      expect(tag).toMatchObject({
        id: "",
        name: "pii",
        category: "governance",
        description: "d",
        object_path: "gold.customers",
      });
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => tags.create({ asset: "a", name: "n" } as never));
      await rejectsBeforeSending(remote, () =>
        tags.create({ asset: "a", name: "n", object_path: "p", object_type: "schema" as never }),
      );
      await rejectsBeforeSending(remote, () =>
        tags.create({ asset: "a", name: "n", object_path: "p", category: "misc" as never }),
      );
      await rejectsBeforeSending(remote, () =>
        tags.create({ asset: "a", name: "n", object_path: "p", description: 5 as never }),
      );
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { id: 7 } }, () => tags.create({ asset: "a", name: "n", object_path: "p" }));
    });
  });

  describe("apply", () => {
    it("should POST the lists with the default category", async () => {
      remote.reply(remote.data({ applied: 4, total: 4 }));
      const r = await tags.apply({
        object_paths: ["gold.customers", "gold.orders"],
        tag_names: ["pii", "gdpr"],
        asset: "postgresql.analytics",
      });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/tags/apply",
        search: "",
        bodyText:
          '{"asset_id":"postgresql.analytics","tag_names":["pii","gdpr"],"object_paths":["gold.customers","gold.orders"],"category":"business"}',
      });
      expect(r).toEqual({ applied: 4, total: 4, failed: 0 });
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () =>
        tags.apply({ asset: "a", tag_names: "pii" as never, object_paths: ["p"] }),
      );
      await rejectsBeforeSending(remote, () => tags.apply({ asset: "a", tag_names: [""], object_paths: ["p"] }));
      await rejectsBeforeSending(remote, () => tags.apply({ asset: "a", tag_names: ["pii"] } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { applied: 1 } }, () =>
        tags.apply({ asset: "a", tag_names: ["t"], object_paths: ["p"] }),
      );
    });
  });

  describe("bulkApply", () => {
    it("should POST tag, assets and category", async () => {
      remote.reply(remote.data({ applied: 1, failed: 1, total: 2 }));
      const r = await tags.bulkApply({ category: "governance", asset_ids: ["a1", "a2"], tag_name: "pii" });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/tags/bulk-apply",
        search: "",
        bodyText: '{"tag_name":"pii","asset_ids":["a1","a2"],"category":"governance"}',
      });
      expect(r.failed).toBe(1);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => tags.bulkApply({ tag_name: "", asset_ids: ["a"] }));
      await rejectsBeforeSending(remote, () => tags.bulkApply({ tag_name: "t", asset_ids: [1] as never }));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { applied: "1", total: 2 } }, () =>
        tags.bulkApply({ tag_name: "t", asset_ids: ["a"] }),
      );
    });
  });

  errorMatrix(remote, () => tags.apply({ asset: "a", tag_names: ["t"], object_paths: ["p"] }));
});
