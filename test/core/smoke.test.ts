import { describe, expect, it } from "vitest";
import { createTransport } from "../../src/core/http";
import { FreshnessResource } from "../../src/resources/freshness";
import { StalenessError, ResponseValidationError, ValidationError, NotFoundError } from "../../src/core/errors";

function fakeFetch(handler: (req: Request) => Response | Promise<Response>) {
  const calls: Request[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    calls.push(req);
    return handler(req);
  }) as typeof fetch;
  return { f, calls };
}

describe("FreshnessResource smoke", () => {
  it("should list with defaults and unwrap", async () => {
    const { f, calls } = fakeFetch(() =>
      Response.json({
        data: {
          data: [
            {
              asset_id: "1",
              qualified_name: "a.b",
              status: "fresh",
              is_stale: false,
              checked_at: "2024-01-01T00:00:00Z",
              last_update_time: "x",
            },
          ],
        },
      }),
    );
    const fr = new FreshnessResource(
      createTransport({ apiKey: "aa_live_k", apiUrl: "https://x.test/api/v1", fetch: f }),
    );
    const items = await fr.list();
    expect(calls[0]!.url).toBe("https://x.test/api/v1/sdk/freshness?limit=50&offset=0");
    expect(calls[0]!.headers.get("authorization")).toBe("Bearer aa_live_k");
    expect(items[0]!.last_updated).toBe("x");
    expect(items[0]!.is_fresh).toBe(true);
  });
  it("should reject bad params before sending", async () => {
    const { f, calls } = fakeFetch(() => Response.json({}));
    const fr = new FreshnessResource(
      createTransport({ apiKey: "aa_live_k", apiUrl: "https://x.test/api/v1", fetch: f }),
    );
    await expect(fr.list({ limit: 500 })).rejects.toBeInstanceOf(ValidationError);
    await expect(fr.get("summary")).rejects.toBeInstanceOf(ValidationError);
    expect(calls.length).toBe(0);
  });
  it("should map errors and validation", async () => {
    const { f } = fakeFetch((req) =>
      req.url.endsWith("missing")
        ? Response.json({ error: { code: "ASSET_NOT_FOUND", message: "no aa_live_k here" } }, { status: 404 })
        : Response.json({ data: { asset_id: 1 } }),
    );
    const fr = new FreshnessResource(
      createTransport({ apiKey: "aa_live_k", apiUrl: "https://x.test/api/v1", fetch: f }),
    );
    const e = await fr.get("missing").catch((x) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.code).toBe("ASSET_NOT_FOUND");
    expect(e.message).not.toContain("aa_live_k");
    await expect(fr.get("x")).rejects.toBeInstanceOf(ResponseValidationError);
  });
  it("should gate with requireFresh", async () => {
    const { f } = fakeFetch(() =>
      Response.json({
        data: {
          asset_id: "1",
          qualified_name: "a",
          status: "fresh",
          is_stale: false,
          hours_since_update: 10,
          staleness_threshold_hours: 24,
          checked_at: "t",
        },
      }),
    );
    const fr = new FreshnessResource(
      createTransport({ apiKey: "aa_live_k", apiUrl: "https://x.test/api/v1", fetch: f }),
    );
    await expect(fr.requireFresh("a")).resolves.toMatchObject({ status: "fresh" });
    const e = await fr.requireFresh("a", { max_age_hours: 8 }).catch((x) => x);
    expect(e).toBeInstanceOf(StalenessError);
    expect(e.message).toBe("Asset 'a' is stale: 10.0h since last update (threshold: 8.0h)");
  });
});
