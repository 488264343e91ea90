import { describe, expect, it } from "vitest";
import { createTransport } from "../../src/core/http";
import { FreshnessResource } from "../../src/resources/freshness";
import { API, KEY, useRemote } from "./remote";

describe("useRemote", () => {
  const remote = useRemote();
  it("should record the request exactly as sent", async () => {
    remote.reply(
      remote.data({
        total_assets: 1,
        fresh_count: 1,
        stale_count: 0,
        unknown_count: 0,
        disabled_count: 0,
        freshness_rate: 100,
      }),
    );
    const fr = new FreshnessResource(createTransport({ apiKey: KEY, apiUrl: API, maxRetries: 0 }));
    const summary = await fr.summary();
    expect(summary.fresh).toBe(1);
    expect(remote.requests).toHaveLength(1);
    expect(remote.requests[0]).toMatchObject({
      method: "GET",
      path: "/sdk/freshness/summary",
      search: "",
      bodyText: "",
    });
  });
});
