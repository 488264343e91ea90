/**
 * Every command of the `anomalyarmor` command line, end to end against a sandbox served on loopback:
 * exit code, the key lines of the text output, and the shape of `--json`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";

const ORDERS = "snowflake.prod.warehouse.orders";
const REVENUE = "snowflake.prod.marts.revenue_daily";
const CUSTOMERS = "postgresql.analytics.public.customers";
const PRODUCTS = "postgresql.analytics.public.products";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("assets", () => {
  it("should list assets as a table and as a JSON array", async () => {
    const text = await h.cli(["assets", "list", "--limit", "5"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ID\s+Name\s+Type\s+Source\s+Active/m);
    expect(text.stdout).toContain("5 assets");
    const json = await h.cli(["assets", "list", "--search", "orders", "--json"]);
    expect(json.code).toBe(0);
    const list = json.json<{ qualified_name: string }[]>();
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((a) => a.qualified_name)).toContain(ORDERS);
    const all = (await h.cli(["assets", "list", "--limit", "100", "--json"])).json<unknown[]>();
    expect(list.length).toBeLessThan(all.length);
  });

  it("should filter by source and type with the short options", async () => {
    const r = await h.cli(["assets", "list", "-s", "bigquery", "-t", "table", "-l", "100", "--json"]);
    const list = r.json<{ source_type: string; asset_type: string }[]>();
    expect(list).toHaveLength(2);
    expect(list.every((a) => a.source_type === "bigquery" && a.asset_type === "table")).toBe(true);
  });

  it("should show one asset and exit 3 for one that does not exist", async () => {
    const r = await h.cli(["assets", "get", ORDERS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(ORDERS);
    expect(r.stdout).toMatch(/^Type: table$/m);
    const missing = await h.cli(["assets", "get", "no.such.table"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("not found");
    expect(missing.stdout).toBe("");
  });
});

describe("freshness", () => {
  it("should summarise", async () => {
    const r = await h.cli(["freshness", "summary"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Stale: 2$/m);
    const json = (await h.cli(["freshness", "summary", "--json"])).json<{
      total_assets: number;
      stale_count: number;
    }>();
    expect(json).toMatchObject({ total_assets: 14, stale_count: 2 });
  });

  it("should exit 0 for a fresh asset and 1 for a stale one with get", async () => {
    const fresh = await h.cli(["freshness", "get", ORDERS]);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/Status: fresh/);
    const stale = await h.cli(["freshness", "get", REVENUE, "--json"]);
    expect(stale.code).toBe(1);
    expect(stale.json()).toMatchObject({ qualified_name: REVENUE, status: "stale", is_stale: true });
  });

  it("should list, filtered by status", async () => {
    const r = await h.cli(["freshness", "list", "--status", "stale", "--json"]);
    expect(r.code).toBe(0);
    const names = r.json<{ qualified_name: string }[]>().map((s) => s.qualified_name);
    expect(names.sort()).toEqual([REVENUE, "databricks.lakehouse.events.page_views"].sort());
    const text = await h.cli(["freshness", "list", "-s", "stale"]);
    expect(text.stdout).toMatch(new RegExp(`${REVENUE.replace(/\./g, "\\.")}\\s+stale\\s+26\\.5\\s+24h`));
  });

  it("should exit 2 on an unknown status, before any request", async () => {
    const before = h.sandbox.requests.length;
    const r = await h.cli(["freshness", "list", "--status", "old"]);
    expect(r.code).toBe(2);
    expect(h.sandbox.requests.length).toBe(before);
  });

  it("should gate with check: 0 fresh, 1 stale, 3 missing, one line each, the worst code wins", async () => {
    const fresh = await h.cli(["freshness", "check", ORDERS, "--max-age", "24"]);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(new RegExp(`^FRESH ${ORDERS.replace(/\./g, "\\.")} 2\\.5h since update`, "m"));
    const tight = await h.cli(["freshness", "check", ORDERS, "-m", "1"]);
    expect(tight.code).toBe(1);
    expect(tight.stdout).toMatch(/^STALE .* \(threshold 1\.0h\)$/m);
    const many = await h.cli(["freshness", "check", ORDERS, REVENUE, PRODUCTS]);
    expect(many.code).toBe(1);
    expect(many.stdout.trim().split("\n")).toHaveLength(3);
    const missing = await h.cli(["freshness", "check", ORDERS, REVENUE, "no.such.table"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^ERROR no\.such\.table: .*not found/m);
  });

  it("should report check as a JSON array, one entry per asset", async () => {
    const r = await h.cli(["freshness", "check", ORDERS, REVENUE, "missing.table", "--json"]);
    expect(r.code).toBe(3);
    const out = r.json<{ asset: string; fresh: boolean; exit_code: number; error: { code: string } | null }[]>();
    expect(out.map((o) => [o.asset, o.fresh, o.exit_code])).toEqual([
      [ORDERS, true, 0],
      [REVENUE, false, 1],
      ["missing.table", false, 3],
    ]);
    expect(out[2]!.error).toMatchObject({ name: "NotFoundError", status: 404 });
    expect(out[1]!.error).toMatchObject({ name: "StalenessError", code: "DATA_STALE" });
  });

  it("should start a refresh, and refuse it to a read-only key with exit 2", async () => {
    const r = await h.cli(["freshness", "refresh", REVENUE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Job ID: \S+$/m);
    const json = await h.cli(["freshness", "refresh", REVENUE, "--json"]);
    expect(json.json<{ job_id: string }>().job_id).toMatch(/\S/);
    const ro = await h.cli(["freshness", "refresh", REVENUE], { env: { ARMOR_API_KEY: h.sandbox.keys.readOnly } });
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/^Error: /);
  });
});

describe("schema", () => {
  it("should summarise and list changes", async () => {
    const s = await h.cli(["schema", "summary", "--json"]);
    expect(s.code).toBe(0);
    expect(s.json<{ total_changes: number }>().total_changes).toBeGreaterThanOrEqual(3);
    const text = await h.cli(["schema", "summary"]);
    expect(text.stdout).toMatch(/^Critical: \d+$/m);
    const critical = await h.cli(["schema", "changes", "--severity", "critical", "--json"]);
    const list = critical.json<{ severity: string; column_name: string }[]>();
    expect(list).toHaveLength(1);
    expect(list.every((c) => c.severity === "critical")).toBe(true);
    expect(list.map((c) => c.column_name)).toContain("currency");
    const unack = await h.cli(["schema", "changes", "-u"]);
    expect(unack.code).toBe(0);
    expect(unack.stdout).not.toContain("discount_code");
    expect(unack.stdout).toContain("currency");
  });
});

describe("lineage", () => {
  it("should list upstream assets, and exit 2 on a depth out of range", async () => {
    const r = await h.cli(["lineage", "get", REVENUE, "--direction", "upstream", "--depth", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Upstream");
    expect(r.stdout).toContain(`  ${ORDERS}`);
    const json = await h.cli(["lineage", "get", REVENUE, "-d", "3", "--json"]);
    expect(json.json<{ root: { qualified_name: string } }>().root.qualified_name).toBe(REVENUE);
    expect((await h.cli(["lineage", "get", REVENUE, "--depth", "9"])).code).toBe(2);
  });
});

describe("alerts", () => {
  it("should summarise and list alerts", async () => {
    const s = await h.cli(["alerts", "summary"]);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^Rules: 4$/m);
    const list = await h.cli(["alerts", "list", "--status", "triggered", "--json"]);
    const alerts = list.json<{ status: string }[]>();
    expect(alerts).toHaveLength(7);
    expect(alerts.every((a) => a.status === "triggered")).toBe(true);
    expect((await h.cli(["alerts", "list"])).stdout).toMatch(/^Asset\s+Message\s+Severity\s+Status/m);
  });

  it("should list, show and delete rules, asking first", async () => {
    const all = (await h.cli(["alerts", "rules", "list", "--json"])).json<{ id: string; name: string }[]>();
    expect(all.map((r) => r.name)).toContain("Info digest");
    const enabled = (await h.cli(["alerts", "rules", "list", "--enabled", "--json"])).json<{ name: string }[]>();
    expect(enabled.map((r) => r.name)).not.toContain("Info digest");
    const rule = all.find((r) => r.name === "Info digest")!;
    const shown = await h.cli(["alerts", "rules", "get", rule.id]);
    expect(shown.stdout).toContain("Info digest");
    expect(shown.stdout).toMatch(/^Enabled: No$/m);

    const no = await h.cli(["alerts", "rules", "delete", rule.id], { stdin: ["n"] });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain("Aborted");
    expect((await h.cli(["alerts", "rules", "get", rule.id])).code).toBe(0);
    const closed = await h.cli(["alerts", "rules", "delete", rule.id], { stdin: [] });
    expect(closed.code).toBe(1);

    const yes = await h.cli(["alerts", "rules", "delete", rule.id], { stdin: ["y"] });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain("deleted");
    expect((await h.cli(["alerts", "rules", "get", rule.id])).code).toBe(3);
    expect((await h.cli(["alerts", "rules", "delete", rule.id, "--yes"])).code).toBe(3);
  });

  it("should list, show and delete destinations", async () => {
    const list = (await h.cli(["alerts", "destinations", "list", "--active", "--json"])).json<
      { id: string; name: string }[]
    >();
    expect(list.map((d) => d.name)).toContain("#data-alerts");
    const slack = list.find((d) => d.name === "#data-alerts")!;
    const shown = await h.cli(["alerts", "destinations", "get", slack.id]);
    expect(shown.stdout).toMatch(/^Type: slack$/m);
    const del = await h.cli(["alerts", "destinations", "delete", slack.id, "-y", "--json"]);
    expect(del.code).toBe(0);
    expect(del.json()).toEqual({ id: slack.id, deleted: true });
    expect((await h.cli(["alerts", "destinations", "get", slack.id])).code).toBe(3);
  });
});

describe("api-keys", () => {
  it("should create a key (shown once), list it masked and revoke it", async () => {
    const created = await h.cli(["api-keys", "create", "--name", "ci-bot", "--scope", "read-write", "--json"]);
    expect(created.code).toBe(0);
    const key = created.json<{ id: string; key: string; scope: string }>();
    expect(key.key).toMatch(/^aa_live_/);
    expect(key.scope).toBe("read-write");
    const listed = await h.cli(["api-keys", "list"]);
    expect(listed.stdout).toContain("ci-bot");
    expect(listed.stdout).not.toContain(key.key);
    // The new key works for the CLI at once.
    expect((await h.cli(["freshness", "summary"], { env: { ARMOR_API_KEY: key.key } })).code).toBe(0);
    const revoked = await h.cli(["api-keys", "revoke", key.id, "--yes"]);
    expect(revoked.code).toBe(0);
    expect((await h.cli(["freshness", "summary"], { env: { ARMOR_API_KEY: key.key } })).code).toBe(2);
    const withRevoked = (await h.cli(["api-keys", "list", "--include-revoked", "--json"])).json<{ id: string }[]>();
    expect(withRevoked.map((k) => k.id)).toContain(key.id);
  });

  it("should ask for the name when --name is left out", async () => {
    const r = await h.cli(["api-keys", "create"], { stdin: ["prompted-key"] });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Key name");
    expect(r.stdout).toContain("prompted-key");
    expect(r.stdout).toMatch(/^Key: aa_live_\S+$/m);
  });
});

describe("intelligence and jobs", () => {
  it("should answer a question about an asset with intelligence", async () => {
    const r = await h.cli(["intelligence", "ask", "snowflake.prod", "Which tables hold customer data?"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^A: \S/m);
    const json = await h.cli(["intelligence", "ask", "snowflake.prod", "What is upstream of orders?", "--json"]);
    expect(json.json<{ answer: string }>().answer).toMatch(/\S/); // audit: the wording is the sandbox's; an answer is the claim
  });

  it("should exit 1 with a hint where intelligence was never generated", async () => {
    const r = await h.cli(["intelligence", "ask", "postgresql.analytics", "What tables are there?"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("anomalyarmor intelligence generate postgresql.analytics");
    const json = await h.cli(["intelligence", "ask", "postgresql.analytics", "What tables are there?", "--json"]);
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ error: { code: "INTELLIGENCE_NOT_GENERATED" } });
  });

  it("should start generation, show the job and follow it to the end with --wait", async () => {
    const started = await h.cli(["intelligence", "generate", "postgresql.analytics", "--schemas", "public", "--json"]);
    expect(started.code).toBe(0);
    const { job_id } = started.json<{ job_id: string }>();
    const status = await h.cli(["jobs", "status", job_id]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Status: pending$/m);
    // The sandbox's clock is manual: move it a second per poll until the job completes.
    const timer = setInterval(() => h.sandbox.clock.advance({ seconds: 1 }), 20);
    try {
      const waited = await h.cli(["jobs", "status", job_id, "--wait", "--interval", "0.05"]);
      expect(waited.code).toBe(0);
      expect(waited.stdout).toMatch(/^Status: completed$/m);
      // Not a terminal: progress comes as plain lines on stderr.
      expect(waited.stderr).toMatch(/^running \d+%$/m);
    } finally {
      clearInterval(timer);
    }
    expect((await h.cli(["intelligence", "ask", "postgresql.analytics", "What tables are there?"])).code).toBe(0);
    expect((await h.cli(["jobs", "status", "00000000-0000-4000-8000-000000000000"])).code).toBe(3);
  });

  it("should wait on a refresh and print the final job as JSON", async () => {
    const timer = setInterval(() => h.sandbox.clock.advance({ seconds: 1 }), 20);
    try {
      const r = await h.cli(["freshness", "refresh", ORDERS, "--wait", "--interval", "0.05", "--json"]);
      expect(r.code).toBe(0);
      expect(r.json()).toMatchObject({ status: "completed" });
    } finally {
      clearInterval(timer);
    }
  });

  it("should draw a bar on a terminal", async () => {
    const timer = setInterval(() => h.sandbox.clock.advance({ seconds: 1 }), 20);
    try {
      const r = await h.cli(["freshness", "refresh", ORDERS, "-w", "--interval", "0.05"], {
        tty: 80,
        env: { NO_COLOR: "1" },
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/\r\u001b\[2K\[█+░*\] +\d+% \w+/);
    } finally {
      clearInterval(timer);
    }
  });
});

describe("tags", () => {
  it("should create, apply, bulk-apply and list tags", async () => {
    const created = await h.cli([
      "tags",
      "create",
      "contains_pii",
      "--asset",
      "postgresql.analytics",
      "--path",
      "public.customers",
      "-c",
      "governance",
      "-d",
      "personal data",
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("contains_pii");
    const applied = await h.cli([
      "tags",
      "apply",
      "gdpr, audited",
      "-a",
      "postgresql.analytics",
      "-p",
      "public.customers,public.orders",
      "--json",
    ]);
    expect(applied.code).toBe(0);
    expect(applied.json()).toMatchObject({ total: 4 });
    const bulk = await h.cli(["tags", "bulk-apply", "q4-review", "--assets", `${ORDERS},${REVENUE}`]);
    expect(bulk.code).toBe(0);
    expect(bulk.stdout).toMatch(/Tagged 2 of 2 assets/);
    const listed = await h.cli(["tags", "list", "--asset", "postgresql.analytics", "--json"]);
    const names = listed.json<{ name: string }[]>().map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["contains_pii", "gdpr", "audited"]));
    const governance = await h.cli(["tags", "list", "-a", "postgresql.analytics", "-c", "governance"]);
    expect(governance.stdout).toContain("contains_pii");
    expect(governance.stdout).not.toContain("audited");
  });

  it("should exit 2 when a required option is missing", async () => {
    const r = await h.cli(["tags", "create", "x", "--asset", "postgresql.analytics"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--path/);
  });
});

describe("badges", () => {
  it("should create, list, show, report and delete a badge", async () => {
    const created = await h.cli(["badges", "create", "Orders", "--asset", ORDERS, "--no-schema-drift", "--json"]);
    expect(created.code).toBe(0);
    const badge = created.json<{ id: string; schema_drift_enabled: boolean; freshness_enabled: boolean }>();
    expect(badge).toMatchObject({ schema_drift_enabled: false, freshness_enabled: true });
    expect((await h.cli(["badges", "list"])).stdout).toContain("Orders");
    const shown = await h.cli(["badges", "get", badge.id]);
    expect(shown.stdout).toMatch(/^Schema drift: No$/m);
    const status = await h.cli(["badges", "status", badge.id, "--json"]);
    expect(status.code).toBe(0);
    expect(["passing", "failing", "unknown"]).toContain(status.json<{ status: string }>().status);
    expect((await h.cli(["badges", "delete", badge.id], { stdin: ["yes"] })).code).toBe(0);
    expect((await h.cli(["badges", "get", badge.id])).code).toBe(3);
  });
});

describe("metrics, validity, referential", () => {
  it("should summarise, list, show and capture metrics", async () => {
    const summary = await h.cli(["metrics", "summary", ORDERS]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^Health: [\d.]+%$/m);
    const list = (await h.cli(["metrics", "list", ORDERS, "--type", "row_count", "--json"])).json<
      { id: string; metric_type: string }[]
    >();
    expect(list.length).toBe(1);
    expect((await h.cli(["metrics", "list", ORDERS, "--active"])).stdout).toContain("row_count");
    const got = await h.cli(["metrics", "get", ORDERS, list[0]!.id]);
    expect(got.stdout).toContain("row_count of");
    const captured = await h.cli(["metrics", "capture", ORDERS, list[0]!.id, "--json"]);
    expect(captured.code).toBe(0);
    expect(captured.json()).toHaveProperty("snapshot_count");
  });

  it("should run validity rules: exit 1 on a failing rule, 0 on a passing one", async () => {
    const summary = await h.cli(["validity", "summary", CUSTOMERS, "--json"]);
    expect(summary.json<{ total_rules: number }>().total_rules).toBe(1);
    const rules = (await h.cli(["validity", "list", CUSTOMERS, "-t", "NOT_NULL", "--json"])).json<{ uuid: string }[]>();
    expect(rules.length).toBe(1);
    expect((await h.cli(["validity", "get", CUSTOMERS, rules[0]!.uuid])).stdout).toMatch(/^Column: email$/m);
    const failing = await h.cli(["validity", "check", CUSTOMERS, rules[0]!.uuid, "--samples", "2"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^Invalid: 3$/m);
    const sku = (await h.cli(["validity", "list", PRODUCTS, "--json"])).json<{ uuid: string }[]>();
    const passing = await h.cli(["validity", "check", PRODUCTS, sku[0]!.uuid, "--json"]);
    expect(passing.code).toBe(0);
    expect(passing.json<{ status: string }>().status.toLowerCase()).toBe("pass");
  });

  it("should run referential checks: exit 1 on orphans, list past results", async () => {
    const checks = (await h.cli(["referential", "list", ORDERS, "--json"])).json<
      { id: string; child_column_name: string }[]
    >();
    expect(checks.length).toBe(1);
    const id = checks[0]!.id;
    expect((await h.cli(["referential", "list", ORDERS, "--active"])).stdout).toContain("customer_id");
    expect((await h.cli(["referential", "get", ORDERS, id])).stdout).toMatch(/^Child: .*\.customer_id$/m);
    const run = await h.cli(["referential", "execute", ORDERS, id]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Orphans: 11$/m);
    const results = await h.cli(["referential", "results", ORDERS, id, "-l", "5", "--json"]);
    expect(results.code).toBe(0);
    expect(results.json<unknown[]>()).toHaveLength(2);
    expect((await h.cli(["referential", "results", ORDERS, id])).stdout).toMatch(/^Checked at\s+Status/m);
  });
});

describe("output", () => {
  it("should colour a terminal, not with NO_COLOR, and never a pipe", async () => {
    const tty = await h.cli(["freshness", "summary"], { tty: 100 });
    expect(tty.stdout).toContain("\u001b[");
    const noColor = await h.cli(["freshness", "summary"], { tty: 100, env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\u001b[");
    expect((await h.cli(["freshness", "summary"])).stdout).not.toContain("\u001b[");
  });

  it("should fit tables to the terminal's width", async () => {
    const r = await h.cli(["freshness", "list", "--limit", "100"], { tty: 50, env: { NO_COLOR: "1" } });
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(50);
    expect(r.stdout).toContain("…");
  });
});

describe("a job that fails, followed with --wait", () => {
  const FAILING = "0f0f0f0f-0000-4000-8000-00000000f00d";
  let f: Harness;
  let polls = 0;

  beforeAll(async () => {
    // The sandbox's jobs always complete, so the API's answer for a job that fails (docs/protocol.md: GET
    // /sdk/jobs/{id}, `status` "failed" with its `error`) comes from here for one id: running twice, then failed.
    f = await startHarness({}, (sandbox) => async (request) => {
      if (new URL(request.url).pathname.endsWith(`/sdk/jobs/${FAILING}`)) {
        polls++;
        const failed = polls > 2;
        return Response.json({
          data: {
            job_id: FAILING,
            status: failed ? "failed" : "running",
            workflow_name: "freshness_refresh",
            progress: failed ? 60 : polls * 20,
            error: failed ? "warehouse connection refused" : null,
          },
        });
      }
      return sandbox.handle(request);
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  it("should exit 1 with the job's error on stderr and progress lines before it", async () => {
    polls = 0;
    const r = await f.cli(["jobs", "status", FAILING, "--wait", "--interval", "0.05"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^running 20%$/m);
    expect(r.stderr).toMatch(/^Error: .*warehouse connection refused/m);
    expect(r.stdout).not.toMatch(/Status: completed/);
    expect(polls).toBe(3);
  });

  it("should print the failure as the JSON error object with the same exit code", async () => {
    polls = 0;
    const r = await f.cli(["jobs", "status", FAILING, "--wait", "--interval", "0.05", "--json"]);
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({
      error: {
        name: "JobFailedError",
        code: "JOB_FAILED",
        message: expect.stringContaining("warehouse connection refused"),
        status: null,
      },
    });
  });
});
