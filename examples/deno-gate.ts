// A Deno server whose every answer is gated on the freshness of the table it reports on.
//   ARMOR_API_KEY=… deno run --allow-net --allow-env=ARMOR_API_KEY,ARMOR_API_URL,ARMOR_LOG,PORT examples/deno-gate.ts
// (outside this repository, import from "npm:anomalyarmor/adapters").
import { withFreshnessGate } from "anomalyarmor/adapters";

const report = () => Response.json({ report: "orders", generated_at: new Date().toISOString() });

Deno.serve(
  { port: Number(Deno.env.get("PORT") ?? 8000), hostname: "127.0.0.1" },
  withFreshnessGate(report, { assets: "snowflake.prod.warehouse.orders", max_age_hours: 24 }),
);
