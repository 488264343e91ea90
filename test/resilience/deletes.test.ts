/**
 * A DELETE whose answer was lost: the SDK retries it (DELETE is idempotent), and when the retry finds
 * the thing gone after an attempt that may have deleted it, the call succeeds — the caller asked for
 * it to be gone, and it is. A 404 that no earlier attempt can explain stays a `NotFoundError`.
 */
import { describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import { NotFoundError } from "../../src/core/errors";
import { createSandbox, type Sandbox, type SandboxFault } from "../../src/testing/sandbox";

const CUSTOMERS = "postgresql.analytics.public.customers";

async function setup(faults: SandboxFault | SandboxFault[]) {
  const sandbox = createSandbox({ faults });
  const client = new Client({ apiKey: sandbox.keys.admin, apiUrl: sandbox.url, fetch: sandbox.fetch, maxRetries: 2 });
  sandbox.setFaults();
  const asset = (await client.assets.get(CUSTOMERS)).id;
  const metric = await client.metrics.create(asset, { metric_type: "row_count", table_path: "public.customers" });
  sandbox.setFaults(faults);
  return { sandbox, client, asset, metric: metric.id };
}

const deletes = (sandbox: Sandbox) =>
  sandbox.requests.filter((r) => r.method === "DELETE").map((r) => [r.status, r.applied, r.fault?.kind ?? null]);

describe("DELETE after a lost answer", () => {
  it("should resolve when the answer of an applied delete was dropped and the retry finds it gone", async () => {
    const { sandbox, client, asset, metric } = await setup({
      kind: "drop",
      phase: "after",
      methods: ["DELETE"],
      times: 1,
    });
    await expect(client.metrics.delete(asset, metric)).resolves.toBeUndefined();
    expect(deletes(sandbox)).toEqual([
      [0, true, "drop"],
      [404, false, null],
    ]);
    expect(sandbox.effects["metrics.delete"]).toBe(1);
    expect((await client.metrics.list(asset)).map((m) => m.id)).not.toContain(metric);
  });

  it("should resolve when the server failed with a 500 after applying it", async () => {
    const { sandbox, client, asset, metric } = await setup({
      kind: "status",
      status: 500,
      phase: "after",
      methods: ["DELETE"],
      times: 1,
    });
    await expect(client.metrics.delete(asset, metric)).resolves.toBeUndefined();
    expect(deletes(sandbox)).toEqual([
      [500, true, "status"],
      [404, false, null],
    ]);
  });

  it("should still answer NotFoundError for a delete of nothing, on the first attempt", async () => {
    const { sandbox, client, asset } = await setup([]);
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(client.metrics.delete(asset, missing)).rejects.toBeInstanceOf(NotFoundError);
    expect(deletes(sandbox)).toEqual([[404, false, null]]);
  });

  it("should still answer NotFoundError after a 503, which says the server did not act", async () => {
    const { sandbox, client, asset } = await setup({ kind: "status", status: 503, methods: ["DELETE"], times: 1 });
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(client.metrics.delete(asset, missing)).rejects.toBeInstanceOf(NotFoundError);
    expect(deletes(sandbox)).toEqual([
      [503, false, "status"],
      [404, false, null],
    ]);
  });

  it("should not invent a body for a DELETE that answers a model (a revoke answers the key it revoked)", async () => {
    // A remote whose first answer is lost on the way back, and whose retry finds nothing.
    const remote = () => {
      let calls = 0;
      return async () => {
        calls++;
        if (calls === 1) throw new TypeError("fetch failed");
        return Response.json({ error: { code: "NOT_FOUND", message: "not found" } }, { status: 404 });
      };
    };
    const client = (fetch: typeof globalThis.fetch) =>
      new Client({ apiKey: "aa_live_deletes0123456789", apiUrl: "https://api.test/api/v1", fetch, maxRetries: 1 });
    await expect(client(remote()).apiKeys.revoke("key-1")).rejects.toBeInstanceOf(NotFoundError);
    await expect(client(remote()).metrics.delete("asset-1", "metric-1")).resolves.toBeUndefined();
  });
});
