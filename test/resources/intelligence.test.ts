import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import { IntelligenceResource } from "../../src/resources/intelligence";
import { errorMatrix, failure, rejectsBeforeSending, rejectsBody, transport } from "../helpers/contract";
import { useRemote } from "../helpers/remote";

const SOURCE = { asset_id: 7, asset_name: "analytics", domain: "sales" };

describe("IntelligenceResource", () => {
  const remote = useRemote();
  const intelligence = new IntelligenceResource(transport());

  describe("ask", () => {
    it("should POST asset as asset_id with the default flag and fill defaults", async () => {
      remote.reply(remote.data({ question: "Which tables?", answer: "orders", sources: [SOURCE] }));
      const a = await intelligence.ask({ question: "Which tables?", asset: "postgresql.analytics" });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/intelligence/ask",
        search: "",
        bodyText: '{"asset_id":"postgresql.analytics","question":"Which tables?","include_related_assets":false}',
      });
      expect(a.confidence).toBe("medium");
      expect(a.token_usage).toEqual({ tokens_in: 0, tokens_out: 0, tokens_total: 0, cost_usd: 0 });
      expect(a.sources).toEqual([{ ...SOURCE, token_count: 0, was_regenerated: false }]);
    });

    it("should send include_related_assets when true", async () => {
      remote.reply(remote.data({ answer: "x" }));
      await intelligence.ask({ asset: "a", question: "why?", include_related_assets: true });
      expect(remote.requests[0]!.body).toEqual({ asset_id: "a", question: "why?", include_related_assets: true });
    });

    it("should accept the seed's sources string", async () => {
      remote.reply(remote.data({ answer: "x", confidence: "high", sources: "orders, customers" }));
      const a = await intelligence.ask({ asset: "a", question: "why?" });
      expect(a.sources).toBe("orders, customers");
      expect(a.confidence).toBe("high");
    });

    it("should check the question's length in characters", async () => {
      await rejectsBeforeSending(remote, () => intelligence.ask({ asset: "a", question: "ab" }));
      await rejectsBeforeSending(remote, () => intelligence.ask({ asset: "a", question: "x".repeat(2001) }));
      remote.reply(remote.data({ answer: "x" }));
      await intelligence.ask({ asset: "a", question: "😀😀😀" });
      await intelligence.ask({ asset: "a", question: "😀".repeat(2000) });
      expect(remote.requests).toHaveLength(2);
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => intelligence.ask({ question: "what?" } as never));
      await rejectsBeforeSending(remote, () =>
        intelligence.ask({ asset: "a", question: "what?", include_related_assets: 1 as never }),
      );
      await rejectsBeforeSending(remote, () => intelligence.ask({ asset_id: "a", question: "what?" } as never));
    });

    it("should surface INTELLIGENCE_NOT_GENERATED as a ValidationError keeping the code", async () => {
      remote.reply(remote.error(400, "INTELLIGENCE_NOT_GENERATED", "Generate intelligence first"));
      const error = await failure(() => intelligence.ask({ asset: "a", question: "what?" }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe("INTELLIGENCE_NOT_GENERATED");
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { question: "q" } }, () => intelligence.ask({ asset: "a", question: "what?" }));
      await rejectsBody(remote, { data: { answer: "x", sources: [{ asset_id: "7", asset_name: "n" }] } }, () =>
        intelligence.ask({ asset: "a", question: "what?" }),
      );
    });
  });

  describe("generate", () => {
    it("should POST include_schemas as null and the default flag", async () => {
      remote.reply(remote.data({ job_id: "job_1", asset_id: "a1" }));
      const r = await intelligence.generate({ asset: "postgresql.analytics" });
      expect(remote.requests[0]).toMatchObject({
        method: "POST",
        path: "/sdk/intelligence/generate",
        search: "",
        bodyText: '{"asset_id":"postgresql.analytics","include_schemas":null,"force_refresh":false}',
      });
      expect(r).toEqual({
        job_id: "job_1",
        asset_id: "a1",
        status: "started",
        message: "Intelligence generation started",
      });
    });

    it("should POST the given values in wire order", async () => {
      remote.reply(remote.data({ job_id: "job_1", asset_id: "a1", status: "pending" }));
      await intelligence.generate({ force_refresh: true, include_schemas: "gold,silver", asset: "a1" });
      expect(remote.requests[0]!.bodyText).toBe(
        '{"asset_id":"a1","include_schemas":"gold,silver","force_refresh":true}',
      );
    });

    it("should reject bad params before sending", async () => {
      await rejectsBeforeSending(remote, () => intelligence.generate({ asset: "" }));
      await rejectsBeforeSending(remote, () =>
        intelligence.generate({ asset: "a", include_schemas: ["gold"] as never }),
      );
    });

    it("should reject a malformed body", async () => {
      await rejectsBody(remote, { data: { job_id: "j" } }, () => intelligence.generate({ asset: "a" }));
    });
  });

  errorMatrix(remote, () => intelligence.generate({ asset: "a" }));
});
