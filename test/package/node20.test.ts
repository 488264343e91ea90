import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, entries, findNode20, lastJson, requireBuild, runScript } from "./consumer";

const node20 = findNode20();
// On CI the machine's Node 20 is part of the promise (`engines.node >= 20`): its absence is a failure there.
const absent = !node20 && !process.env.CI;

/**
 * A lean freshness call through a custom fetch: enough to run the transport, retries setup, params
 * validation, envelope unwrapping and response validation on the old runtime.
 */
const program = (load: string) => `
${load}
const seen = [];
const fetch = async (input, init) => {
  const request = new Request(input, init);
  seen.push({ url: request.url, auth: request.headers.get("authorization") });
  return Response.json({ data: { data: [{ asset_id: "a1", qualified_name: "warehouse.orders", status: "fresh",
    is_stale: false, checked_at: "2026-01-01T00:00:00Z", last_update_time: "2026-01-01T00:00:00Z" }] } });
};
const freshness = new FreshnessResource(createTransport({ apiKey: "aa_live_node20", apiUrl: "https://x.test/api/v1", fetch }));
const items = await freshness.list({ limit: 5 });
let invalid = "none";
try { await freshness.list({ limit: 500 }); } catch (e) { invalid = e.name; }
console.log(JSON.stringify({ version: process.version, items: items.map((i) => i.qualified_name), seen, invalid }));
`;

describe.skipIf(absent)("dist on the machine's Node 20", () => {
  let consumer: ReturnType<typeof createConsumer>;
  beforeAll(() => {
    requireBuild();
    consumer = createConsumer();
  });
  afterAll(() => consumer?.cleanup());

  it("should find a Node 20 binary outside node_modules", () => {
    // audit: being found is the claim; where it is differs per machine
    expect(node20, "no Node 20 on PATH, /usr/local/bin or /usr/bin").toBeDefined();
  });

  const expected = {
    items: ["warehouse.orders"],
    seen: [{ url: "https://x.test/api/v1/sdk/freshness?limit=5&offset=0", auth: "Bearer aa_live_node20" }],
    invalid: "ValidationError",
  };

  it("should call the API through the ESM build", () => {
    const run = runScript(
      consumer.dir,
      "node20.mjs",
      program(`import { createTransport, FreshnessResource } from "anomalyarmor";`),
      node20,
    );
    expect(lastJson(run)).toEqual({ version: expect.stringMatching(/^v20\./), ...expected });
  });

  it("should call the API through the CJS build", () => {
    const cjs = `(async () => {${program(`const { createTransport, FreshnessResource } = require("anomalyarmor");`)}})().catch((e) => { console.error(e); process.exit(1); });`;
    const run = runScript(consumer.dir, "node20.cjs", cjs, node20);
    expect(lastJson(run)).toEqual({ version: expect.stringMatching(/^v20\./), ...expected });
  });

  it("should require every entry of the exports map", () => {
    const specifiers = JSON.stringify(entries.map((e) => e.specifier));
    const run = runScript(
      consumer.dir,
      "node20-entries.cjs",
      `const failed = [];
for (const s of ${specifiers}) { try { require(s); } catch (e) { failed.push(s + ": " + e.message); } }
console.log(JSON.stringify(failed));`,
      node20,
    );
    expect(lastJson(run)).toEqual([]);
  });

  it("should import every entry of the exports map", () => {
    const specifiers = JSON.stringify(entries.map((e) => e.specifier));
    const run = runScript(
      consumer.dir,
      "node20-entries.mjs",
      `const failed = [];
for (const s of ${specifiers}) { try { await import(s); } catch (e) { failed.push(s + ": " + e.message); } }
console.log(JSON.stringify(failed));`,
      node20,
    );
    expect(lastJson(run)).toEqual([]);
  });
});
