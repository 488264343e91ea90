import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { BadgesResource } from "../../src/resources/badges";
import { errorMatrix, ODD_ID, ODD_SEGMENT, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const BADGE = { id: "b1", label: "AnomalyArmor", asset_id: "a1", badge_url: "https://badges.test/b1.svg" };

describe("BadgesResource", () => {
  const remote = useRemote();
  const badges = new BadgesResource(transport());

  describe("create", () => {
    it("should POST every default, tag_filters as []", async () => {
      remote.reply(remote.data(BADGE));
      const b = await badges.create({ asset: "snowflake.prod.warehouse.orders" });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/badges",
        search: "",
        bodyText:
          '{"asset_id":"snowflake.prod.warehouse.orders","label":"AnomalyArmor","tag_filters":[],"schema_drift_enabled":true,"freshness_enabled":true,"include_upstream":false}',
      });
      expect(b).toMatchObject({
        ...BADGE,
        tag_filters: [],
        schema_drift_enabled: true,
        freshness_enabled: true,
        include_upstream: false,
        is_active: true,
      });
    });

    it("should POST the given values in wire order", async () => {
      remote.reply(remote.data(BADGE));
      await badges.create({
        include_upstream: true,
        freshness_enabled: false,
        schema_drift_enabled: false,
        tag_filters: ["gold"],
        label: "Orders",
        asset: "a1",
      });
      expect(remote.requests[0]!.bodyText).toBe(
        '{"asset_id":"a1","label":"Orders","tag_filters":["gold"],"schema_drift_enabled":false,"freshness_enabled":false,"include_upstream":true}',
      );
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => badges.create({} as never));
      await rejectsBeforeSending(remote, () => badges.create({ asset: "a", tag_filters: "gold" as never }));
      await rejectsBeforeSending(remote, () => badges.create({ asset: "a", include_upstream: "no" as never }));
      await rejectsBeforeSending(remote, () => badges.create({ asset: "a", color: "red" } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { id: "b1" } }, () => badges.create({ asset: "a" }));
    });
  });

  describe("list", () => {
    it("should always send active_only first, then the page defaults", async () => {
      remote.reply(remote.data({ badges: [BADGE] }));
      const list = await badges.list();
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/badges",
        search: "active_only=true&limit=100&offset=0",
        bodyText: "",
      });
      expect(list[0]!.id).toBe("b1");
    });

    it("should send active_only=false when asked", async () => {
      remote.reply(remote.data({ badges: [] }));
      await badges.list({ offset: 3, limit: 500, active_only: false });
      expect(remote.requests[0]!.search).toBe("active_only=false&limit=500&offset=3");
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => badges.list({ limit: 501 }));
      await rejectsBeforeSending(remote, () => badges.list({ active_only: "true" as never }));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { badges: [{ label: "x" }] } }, () => badges.list());
    });
  });

  describe("iterate", () => {
    it("should walk the pages until a short one", async () => {
      remote.reply(remote.data({ badges: [BADGE, BADGE] }), remote.data({ badges: [BADGE] }));
      const seen = [];
      for await (const b of badges.iterate({ limit: 2, active_only: false })) seen.push(b);
      expect(seen).toHaveLength(3);
      expect(remote.requests.map((r) => r.search)).toEqual([
        "active_only=false&limit=2&offset=0",
        "active_only=false&limit=2&offset=2",
      ]);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, async () => {
        for await (const _ of badges.iterate({ limit: 0 })) void _;
      });
    });

    it("should reject a malformed page", async () => {
      await rejectsBody(remote, { data: { badges: [{ id: "b1" }] } }, async () => {
        for await (const _ of badges.iterate()) void _;
      });
    });
  });

  describe("get", () => {
    it("should GET the badge", async () => {
      remote.reply(remote.data(BADGE));
      expect((await badges.get("b1")).label).toBe("AnomalyArmor");
      expect(remote.requests[0]).toMatchObject({ method: "GET", path: "/sdk/badges/b1", search: "", bodyText: "" });
    });

    it("should encode the id and refuse reserved ids", async () => {
      remote.reply(remote.data(BADGE));
      await badges.get(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/badges/${ODD_SEGMENT}`);
      await rejectsBeforeSending(remote, () => badges.get(".."));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { id: "b1", label: 3 } }, () => badges.get("b1"));
    });
  });

  describe("update", () => {
    it("should PUT {} when nothing changes", async () => {
      remote.reply(remote.data(BADGE));
      await badges.update("b1");
      expect(remote.requests[0]).toMatchObject({ method: "PUT", path: "/sdk/badges/b1", search: "", bodyText: "{}" });
    });

    it("should PUT only the given fields, false included, in wire order", async () => {
      remote.reply(remote.data({ ...BADGE, is_active: false }));
      const b = await badges.update(ODD_ID, { is_active: false, include_upstream: false, tag_filters: [], label: "" });
      expect(remote.requests[0]!.path).toBe(`/sdk/badges/${ODD_SEGMENT}`);
      expect(remote.requests[0]!.bodyText).toBe(
        '{"label":"","tag_filters":[],"include_upstream":false,"is_active":false}',
      );
      expect(b.is_active).toBe(false);
    });

    it("should PUT every field when all are given", async () => {
      remote.reply(remote.data(BADGE));
      await badges.update("b1", {
        is_active: true,
        include_upstream: true,
        freshness_enabled: true,
        schema_drift_enabled: false,
        tag_filters: ["a"],
        label: "L",
      });
      expect(remote.requests[0]!.bodyText).toBe(
        '{"label":"L","tag_filters":["a"],"schema_drift_enabled":false,"freshness_enabled":true,"include_upstream":true,"is_active":true}',
      );
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => badges.update("b1", { is_active: "no" as never }));
      await rejectsBeforeSending(remote, () => badges.update("b1", { asset_id: "a" } as never));
      await rejectsBeforeSending(remote, () => badges.update("", {}));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: {} }, () => badges.update("b1", { label: "x" }));
    });
  });

  describe("delete", () => {
    it("should DELETE and resolve undefined whatever the body", async () => {
      remote.reply(new HttpResponse(null, { status: 204 }));
      await expect(badges.delete("b1")).resolves.toBeUndefined();
      expect(remote.requests[0]).toMatchObject({ method: "DELETE", path: "/sdk/badges/b1", search: "", bodyText: "" });
      remote.reply(remote.data({ deleted: true }));
      await expect(badges.delete("b1")).resolves.toBeUndefined();
    });

    it("should encode the id and refuse reserved ids", async () => {
      remote.reply(new HttpResponse(null, { status: 204 }));
      await badges.delete(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/badges/${ODD_SEGMENT}`);
      await rejectsBeforeSending(remote, () => badges.delete("."));
    });
  });

  describe("getStatus", () => {
    it("should GET the status object", async () => {
      remote.reply(remote.data({ badge_id: "b1", status: "passing", badge_url: "u" }));
      const s = await badges.getStatus("b1");
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: "/sdk/badges/b1/status",
        search: "",
        bodyText: "",
      });
      expect(s).toEqual({ badge_id: "b1", status: "passing", badge_url: "u" });
    });

    it("should accept an object without the documented keys", async () => {
      remote.reply(remote.data({ checks: 3 }));
      expect(await badges.getStatus("b1")).toEqual({ checks: 3 });
    });

    it("should encode the id and refuse reserved ids", async () => {
      remote.reply(remote.data({}));
      await badges.getStatus(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/badges/${ODD_SEGMENT}/status`);
      await rejectsBeforeSending(remote, () => badges.getStatus(""));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { status: 1 } }, () => badges.getStatus("b1"));
    });
  });

  errorMatrix(remote, () => badges.update("b1", { label: "x" }));
});
