// A Bun server whose every answer is gated on the freshness of the table it reports on.
//   ARMOR_API_KEY=… bun examples/bun-gate.ts
import { withFreshnessGate } from "anomalyarmor/adapters";

const report = () => Response.json({ report: "orders", generated_at: new Date().toISOString() });

const server = Bun.serve({
  port: Number(Bun.env.PORT ?? 3000),
  hostname: "127.0.0.1",
  fetch: withFreshnessGate(report, { assets: "snowflake.prod.warehouse.orders", max_age_hours: 24 }),
});
console.log(`Listening on ${server.url}`);
