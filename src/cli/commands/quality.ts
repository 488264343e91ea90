/** `metrics`, `validity` and `referential`: data-quality checks of one asset. */
import type { Command } from "commander";
import type { MetricsListParams } from "../../resources/metrics";
import { EXIT } from "../io";
import { cell, shortId, yesNo, type Printer } from "../output";
import { given, intArg, leaf, type Act } from "../program";
import { severityWord } from "./catalog";

const limit = (fallback: number): [string, string, (v: string) => number, number] => [
  "-l, --limit <n>",
  "most results to show",
  intArg,
  fallback,
];

/** A check's outcome, compared case-insensitively (`pass` and `PASS` are one). */
const failed = (status: string) => ["fail", "error"].includes(status.toLowerCase());

function outcomeWord(out: Printer, status: string | null | undefined): string {
  if (!status) return "-";
  return status.toLowerCase() === "pass" ? out.style.green(status) : out.style.red(status);
}

const pct = (value: number) => `${value.toFixed(2)}%`;

/** Registers `metrics`, `validity` and `referential`. */
export function registerQuality(program: Command, act: Act): void {
  // metrics --------------------------------------------------------------------------------------
  const metrics = program.command("metrics").description("data-quality metrics (row counts, null rates, …)");

  leaf(metrics, "summary <asset>", "metric health of an asset").action(
    act(async ({ out, api }, [asset]) => {
      const s = await (await api("metrics")).summary(asset!);
      if (out.json) return out.document(s);
      const st = out.style;
      out.line(st.bold("Metrics"));
      out.fields([
        ["Metrics", s.total_metrics],
        ["Active", st.green(String(s.active_metrics))],
        ["Checks", s.total_checks],
        ["Passing", st.green(String(s.passing))],
        ["Failing", st.red(String(s.failing))],
        ["Health", `${s.health_percentage.toFixed(1)}%`],
      ]);
    }),
  );

  leaf(metrics, "list <asset>", "metrics defined on an asset")
    .option("-t, --type <metric_type>", "only this metric type")
    .option("--active", "only active metrics")
    .option(...limit(50))
    .action(
      act(async ({ out, opts, api }, [asset]) => {
        const list = await (
          await api("metrics")
        ).list(asset!, {
          // Taken as typed: the SDK checks it against the known metric types (exit 2 when it is none).
          ...(given(opts.type) !== undefined
            ? { metric_type: given(opts.type) as NonNullable<MetricsListParams["metric_type"]> }
            : {}),
          ...(opts.active ? { is_active: true } : {}),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No metrics.");
        out.table(
          ["UUID", "Type", "Table", "Column", "Active"],
          list.map((m) => [shortId(m.id), m.metric_type, m.table_path, cell(m.column_name), yesNo(m.is_active)]),
        );
        out.line(out.style.dim(`${list.length} metrics`));
      }),
    );

  leaf(metrics, "get <asset> <metric_id>", "show one metric").action(
    act(async ({ out, api }, [asset, id]) => {
      const m = await (await api("metrics")).get(asset!, id!);
      if (out.json) return out.document(m);
      out.line(out.style.bold(`${m.metric_type} of ${m.table_path}${m.column_name ? `.${m.column_name}` : ""}`));
      out.fields([
        ["UUID", m.id],
        ["Interval", m.capture_interval],
        ["Sensitivity", m.sensitivity],
        ["Active", yesNo(m.is_active)],
      ]);
    }),
  );

  leaf(metrics, "capture <asset> <metric_id>", "capture a metric now (read-write key)").action(
    act(async ({ out, api }, [asset, id]) => {
      const r = await (await api("metrics")).capture(asset!, id!);
      if (out.json) return out.document(r);
      out.line(out.style.green("Captured."));
      out.line(`Snapshots: ${r.snapshot_count ?? 0}`);
    }),
  );

  // validity -------------------------------------------------------------------------------------
  const validity = program.command("validity").description("validity rules (not null, unique, ranges, patterns)");

  leaf(validity, "summary <asset>", "validity rule counts of an asset").action(
    act(async ({ out, api }, [asset]) => {
      const s = await (await api("validity")).summary(asset!);
      if (out.json) return out.document(s);
      const st = out.style;
      out.line(st.bold("Validity"));
      out.fields([
        ["Rules", s.total_rules],
        ["Passing", st.green(String(s.passing))],
        ["Failing", st.red(String(s.failing))],
        ["Errors", st.yellow(String(s.error))],
      ]);
    }),
  );

  leaf(validity, "list <asset>", "validity rules of an asset")
    .option("-t, --type <rule_type>", "only this rule type (NOT_NULL, UNIQUE, REGEX, RANGE, ENUM)")
    .option("--active", "only active rules")
    .option(...limit(50))
    .action(
      act(async ({ out, opts, api }, [asset]) => {
        const list = await (
          await api("validity")
        ).list(asset!, {
          ...(opts.type !== undefined ? { rule_type: opts.type as "NOT_NULL" } : {}),
          ...(opts.active ? { is_active: true } : {}),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No validity rules.");
        out.table(
          ["UUID", "Type", "Table", "Column", "Severity", "Status"],
          list.map((r) => [
            shortId(r.uuid),
            r.rule_type,
            r.table_path,
            cell(r.column_name),
            severityWord(out, r.severity),
            outcomeWord(out, r.latest_status),
          ]),
        );
        out.line(out.style.dim(`${list.length} rules`));
      }),
    );

  leaf(validity, "get <asset> <rule_id>", "show one validity rule").action(
    act(async ({ out, api }, [asset, id]) => {
      const r = await (await api("validity")).get(asset!, id!);
      if (out.json) return out.document(r);
      out.line(out.style.bold(r.name ?? r.rule_type));
      out.fields([
        ["UUID", r.uuid],
        ["Type", r.rule_type],
        ["Table", r.table_path],
      ]);
      if (r.column_name) out.line(`Column: ${r.column_name}`);
      out.fields([
        ["Severity", r.severity],
        ["Active", yesNo(r.is_active)],
      ]);
      if (r.latest_status) out.line(`Latest: ${outcomeWord(out, r.latest_status)}`);
    }),
  );

  leaf(validity, "check <asset> <rule_id>", "run a validity rule now; exit 1 when it fails (read-write key)")
    .option("-s, --samples <n>", "most invalid rows to return", intArg, 10)
    .action(
      act(async ({ out, opts, api }, [asset, id]) => {
        const r = await (await api("validity")).check(asset!, id!, { sample_limit: opts.samples as number });
        if (out.json) out.document(r);
        else {
          out.line(`Status: ${outcomeWord(out, r.status)}`);
          out.fields([
            ["Rows", r.total_rows],
            ["Invalid", r.invalid_count],
            ["Invalid share", pct(r.invalid_percent)],
          ]);
          if (r.error_message) out.line(out.style.red(`Error: ${r.error_message}`));
        }
        return failed(r.status) ? EXIT.failed : EXIT.ok;
      }),
    );

  // referential ----------------------------------------------------------------------------------
  const referential = program.command("referential").description("referential integrity (orphaned foreign keys)");

  leaf(referential, "list <asset>", "referential checks of an asset")
    .option("--active", "only active checks")
    .option(...limit(50))
    .action(
      act(async ({ out, opts, api }, [asset]) => {
        const list = await (
          await api("referential")
        ).list(asset!, { ...(opts.active ? { is_active: true } : {}), limit: opts.limit as number });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No referential checks.");
        out.table(
          ["UUID", "Child table", "Column", "Parent table", "Active"],
          list.map((c) => [
            shortId(c.id),
            c.child_table_path,
            c.child_column_name,
            c.parent_table_path,
            yesNo(c.is_active),
          ]),
        );
        out.line(out.style.dim(`${list.length} checks`));
      }),
    );

  leaf(referential, "get <asset> <check_id>", "show one referential check").action(
    act(async ({ out, api }, [asset, id]) => {
      const c = await (await api("referential")).get(asset!, id!);
      if (out.json) return out.document(c);
      out.line(out.style.bold(c.name ?? "Referential check"));
      out.fields([
        ["UUID", c.id],
        ["Child", `${c.child_table_path}.${c.child_column_name}`],
        ["Parent", `${c.parent_table_path}.${c.parent_column_name}`],
        ["Interval", c.capture_interval],
        ["Active", yesNo(c.is_active)],
      ]);
      if (c.last_checked_at) out.line(`Last checked: ${c.last_checked_at}`);
    }),
  );

  leaf(
    referential,
    "execute <asset> <check_id>",
    "run a referential check now; exit 1 when it fails (read-write key)",
  ).action(
    act(async ({ out, api }, [asset, id]) => {
      const r = await (await api("referential")).execute(asset!, id!);
      if (out.json) out.document(r);
      else {
        out.line(`Status: ${outcomeWord(out, r.status)}`);
        out.fields([
          ["Child rows", r.total_child_rows],
          ["Orphans", r.orphan_count],
          ["Orphan share", pct(r.orphan_percent)],
        ]);
        if (r.error_message) out.line(out.style.red(`Error: ${r.error_message}`));
      }
      return failed(r.status) ? EXIT.failed : EXIT.ok;
    }),
  );

  leaf(referential, "results <asset> <check_id>", "past runs of a referential check")
    .option(...limit(20))
    .action(
      act(async ({ out, opts, api }, [asset, id]) => {
        const list = await (await api("referential")).results(asset!, id!, { limit: opts.limit as number });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No results.");
        out.table(
          ["Checked at", "Status", "Orphans", "Share"],
          list.map((r) => [
            String(r.checked_at).slice(0, 19),
            outcomeWord(out, r.status),
            String(r.orphan_count),
            pct(r.orphan_percent),
          ]),
        );
      }),
    );
}
