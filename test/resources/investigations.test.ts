import { describe, expect, it } from "vitest";
import { InvestigationsResource } from "../../src/resources/investigations";
import { errorMatrix, ODD_ID, ODD_SEGMENT, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const ASSET = "11111111-1111-1111-1111-111111111111";
const INV = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const EVIDENCE = {
  event_type: "schema_change",
  confidence: 0.9,
  timestamp: "2026-01-15T11:00:00Z",
  summary: "column dropped",
  source: "schema_change",
  source_id: "s1",
};
const CAPSULE = {
  investigation_id: null,
  question: "Why is orders stale?",
  root_cause_hypothesis: "upstream load failed",
  triggers: [EVIDENCE],
  confidence: 0.8,
};

describe("InvestigationsResource", () => {
  const remote = useRemote();
  const investigations = new InvestigationsResource(transport());

  describe("explain", () => {
    it("should POST asset_id and the default event type, without a question", async () => {
      remote.reply(remote.data(CAPSULE));
      const c = await investigations.explain({ asset_id: ASSET });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/investigations/explain",
        search: "",
        bodyText: `{"asset_id":"${ASSET}","event_type":"anomaly"}`,
      });
      expect(c).toMatchObject({
        investigation_id: null,
        consequences: [],
        open_questions: [],
        root_cause: "upstream load failed",
      });
      expect(c.triggers[0]).toMatchObject({ ...EVIDENCE, details: {} });
    });

    it("should POST the question between asset_id and event_type", async () => {
      remote.reply(remote.data(CAPSULE));
      await investigations.explain({
        event_type: "freshness",
        question: "Why is the orders table stale?",
        asset_id: ASSET,
      });
      expect(remote.requests[0]!.bodyText).toBe(
        `{"asset_id":"${ASSET}","question":"Why is the orders table stale?","event_type":"freshness"}`,
      );
    });

    it("should treat a null question as absent", async () => {
      remote.reply(remote.data(CAPSULE));
      await investigations.explain({ asset_id: ASSET, question: null, event_type: "validity" });
      expect(remote.requests[0]!.body).toEqual({ asset_id: ASSET, event_type: "validity" });
    });

    it("should fill root_cause_hypothesis from root_cause", async () => {
      remote.reply(remote.data({ question: "q", root_cause: "late load" }));
      const c = await investigations.explain({ asset_id: ASSET });
      expect(c.root_cause_hypothesis).toBe("late load");
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => investigations.explain({ asset_id: "snowflake.prod.warehouse.orders" }));
      await rejectsBeforeSending(remote, () => investigations.explain({} as never));
      await rejectsBeforeSending(remote, () =>
        investigations.explain({ asset_id: ASSET, event_type: "outage" as never }),
      );
      await rejectsBeforeSending(remote, () => investigations.explain({ asset_id: ASSET, question: 42 as never }));
      await rejectsBeforeSending(remote, () => investigations.explain({ asset_id: ASSET, depth: 2 } as never));
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { root_cause_hypothesis: "x" } }, () =>
        investigations.explain({ asset_id: ASSET }),
      );
      await rejectsBody(remote, { data: { question: "q", triggers: [{ summary: "s" }] } }, () =>
        investigations.explain({ asset_id: ASSET }),
      );
    });
  });

  describe("get", () => {
    it("should GET the investigation by id", async () => {
      remote.reply(remote.data({ ...CAPSULE, investigation_id: INV, consequences: [EVIDENCE] }));
      const c = await investigations.get(INV);
      expect(remote.requests[0]).toMatchObject({
        method: "GET",
        path: `/sdk/investigations/${INV}`,
        search: "",
        bodyText: "",
      });
      expect(c.investigation_id).toBe(INV);
      expect(c.consequences).toHaveLength(1);
    });

    it("should encode the id as one segment", async () => {
      remote.reply(remote.data(CAPSULE));
      await investigations.get(ODD_ID);
      expect(remote.requests[0]!.path).toBe(`/sdk/investigations/${ODD_SEGMENT}`);
    });

    it("should refuse reserved ids before sending", async () => {
      await rejectsBeforeSending(remote, () => investigations.get(""));
      await rejectsBeforeSending(remote, () => investigations.get(".."));
      // The literal of the sibling route (`POST /sdk/investigations/explain`) is no id either.
      await rejectsBeforeSending(remote, () => investigations.get("explain"));
      await rejectsBeforeSending(remote, () => investigations.get("summary"));
    });

    it("should send ids that only resemble the literal", async () => {
      for (const id of ["Explain", "explain ", "explained"]) {
        remote.reply(remote.data(CAPSULE));
        await investigations.get(id);
      }
      expect(remote.requests.map((r) => r.path)).toEqual([
        "/sdk/investigations/Explain",
        "/sdk/investigations/explain%20",
        "/sdk/investigations/explained",
      ]);
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { question: "q", confidence: "high" } }, () => investigations.get(INV));
    });
  });

  errorMatrix(remote, () => investigations.get(INV));
});
