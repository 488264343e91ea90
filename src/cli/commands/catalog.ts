/** `assets`, `freshness`, `schema`, `lineage` and `jobs`: reading the catalogue and gating on freshness. */
import type { Command } from "commander";
import { StalenessError } from "../../core/errors";
import { pollJob } from "../../query/polling";
import type { FreshnessStatus } from "../../resources/freshness";
import type { JobsResource, JobStatus } from "../../resources/jobs";
import { EXIT } from "../io";
import { cell, hours, shortId, yesNo, type Printer } from "../output";
import { errorDocument, exitCodeOf, given, intArg, leaf, numberArg, worstExit, type Act, type Ctx } from "../program";

const LIMIT: [string, string, (v: string) => number, number] = ["-l, --limit <n>", "most results to show", intArg, 50];

function statusWord(out: Printer, status: string): string {
  const s = out.style;
  if (status === "fresh") return s.green("fresh");
  if (status === "stale") return s.red("stale");
  if (status === "unknown") return s.yellow("unknown");
  return status === "disabled" ? s.dim("disabled") : status;
}

/** Options of the job waits (`freshness refresh --wait`, `jobs status --wait`). */
function waitOptions(command: Command): Command {
  return command
    .option("-w, --wait", "wait for the job to end, with progress; exit 0 when it completes, 1 when it fails")
    .option("--interval <seconds>", "seconds between polls while waiting", numberArg, 1)
    .option("--wait-timeout <seconds>", "give up waiting after this many seconds (exit 5)", numberArg);
}

/** Polls a job to its end, drawing progress on stderr; throws JobFailedError when it fails. */
async function waitForJob(ctx: Ctx, jobs: JobsResource, jobId: string): Promise<JobStatus> {
  const interval = Math.max(0.05, Number(ctx.opts.interval ?? 1));
  const limit = ctx.opts.waitTimeout as number | undefined;
  try {
    return await pollJob({ jobs }, jobId, {
      intervalMs: Math.round(interval * 1000),
      ...(limit !== undefined ? { timeoutMs: Math.round(limit * 1000) } : {}),
      onProgress: (job) => ctx.out.progress(String(job.status), job.progress ?? (job.status === "completed" ? 100 : 0)),
    });
  } finally {
    ctx.out.endProgress();
  }
}

function printJob(out: Printer, job: JobStatus): void {
  const s = out.style;
  const colour =
    job.status === "completed"
      ? s.green
      : job.status === "running"
        ? s.blue
        : job.status === "pending"
          ? s.yellow
          : s.red;
  out.fields([
    ["Job ID", job.job_id],
    ["Status", colour(String(job.status))],
  ]);
  if (job.workflow_name) out.line(`Workflow: ${job.workflow_name}`);
  if (job.asset_id) out.line(`Asset: ${job.asset_id}`);
  if (job.progress !== null && job.progress !== undefined) out.line(`Progress: ${job.progress}%`);
  if (job.error) out.line(s.red(`Error: ${job.error}`));
  if (job.created_at) out.line(`Created: ${job.created_at}`);
  if (job.completed_at) out.line(`Completed: ${job.completed_at}`);
}

/** Registers `assets`, `freshness`, `schema`, `lineage` and `jobs`. */
export function registerCatalog(program: Command, act: Act): void {
  // assets ---------------------------------------------------------------------------------------
  const assets = program.command("assets").description("list and inspect data assets");

  leaf(assets, "list", "list assets")
    .option("-s, --source <type>", "only assets of this source type")
    .option("-t, --type <type>", "only assets of this asset type")
    .option("--search <text>", "only assets whose name contains this")
    .option(...LIMIT)
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (
          await api("assets")
        ).list({
          ...(given(opts.source) !== undefined ? { source: given(opts.source)! } : {}),
          ...(given(opts.type) !== undefined ? { asset_type: given(opts.type)! } : {}),
          ...(given(opts.search) !== undefined ? { search: given(opts.search)! } : {}),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No assets.");
        out.table(
          ["ID", "Name", "Type", "Source", "Active"],
          list.map((a) => [shortId(a.id), a.qualified_name, a.asset_type, cell(a.source_type), yesNo(a.is_active)]),
        );
        out.line(out.style.dim(`${list.length} assets`));
      }),
    );

  leaf(assets, "get <asset_id>", "show one asset (UUID or qualified name)").action(
    act(async ({ out, api }, [id]) => {
      const a = await (await api("assets")).get(id!);
      if (out.json) return out.document(a);
      out.line(out.style.bold(a.qualified_name));
      out.fields([
        ["ID", a.id],
        ["Type", a.asset_type],
        ["Source", a.source_type],
        ["Active", yesNo(a.is_active)],
      ]);
      if (a.row_count !== null && a.row_count !== undefined) out.line(`Rows: ${a.row_count}`);
      if (a.description) out.line(`Description: ${a.description}`);
    }),
  );

  // freshness ------------------------------------------------------------------------------------
  const freshness = program.command("freshness").description("check how recent your data is, and gate on it");

  leaf(freshness, "summary", "counts of fresh, stale and unknown assets").action(
    act(async ({ out, api }) => {
      const s = await (await api("freshness")).summary();
      if (out.json) return out.document(s);
      const st = out.style;
      out.line(st.bold("Freshness"));
      out.fields([
        ["Assets", s.total_assets],
        ["Fresh", st.green(String(s.fresh_count))],
        ["Stale", st.red(String(s.stale_count))],
        ["Unknown", st.yellow(String(s.unknown_count))],
        ["Disabled", s.disabled_count],
        ["Fresh rate", `${s.freshness_rate}%`],
      ]);
    }),
  );

  leaf(freshness, "get <asset_id>", "one asset's freshness; exit 1 when it is stale").action(
    act(async ({ out, api }, [id]) => {
      const f = await (await api("freshness")).get(id!);
      if (out.json) out.document(f);
      else {
        out.line(out.style.bold(f.qualified_name));
        out.line(`Status: ${statusWord(out, f.status)}`);
        if (f.last_update_time) out.line(`Last update: ${f.last_update_time}`);
        if (f.hours_since_update !== null && f.hours_since_update !== undefined)
          out.line(`Hours since update: ${hours(f.hours_since_update)}`);
        if (f.staleness_threshold_hours) out.line(`Threshold: ${f.staleness_threshold_hours}h`);
      }
      return f.is_stale ? EXIT.failed : EXIT.ok;
    }),
  );

  leaf(freshness, "list", "freshness of every asset")
    .option("-s, --status <status>", "only this status: fresh, stale, unknown or disabled")
    .option(...LIMIT)
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (
          await api("freshness")
        ).list({
          ...(opts.status !== undefined ? { status: opts.status as FreshnessStatus["status"] & "fresh" } : {}),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No freshness results.");
        out.table(
          ["Asset", "Status", "Hours since update", "Threshold"],
          list.map((f) => [
            f.qualified_name,
            statusWord(out, f.status),
            hours(f.hours_since_update),
            f.staleness_threshold_hours ? `${f.staleness_threshold_hours}h` : "-",
          ]),
        );
      }),
    );

  leaf(
    freshness,
    "check <asset_id...>",
    "gate a pipeline: exit 0 when every asset is fresh, 1 when one is stale, 3 when one is missing (worst wins)",
  )
    .option(
      "-m, --max-age <hours>",
      "oldest acceptable data, in hours (default: each asset's own threshold)",
      numberArg,
    )
    .action(
      act(async ({ out, opts, api }, [ids]) => {
        const reader = await api("freshness");
        const maxAge = opts.maxAge as number | undefined;
        const list = ids as unknown as string[];
        // One request per asset, all at once: a gate over many tables should not take their sum.
        const outcomes = await Promise.all(
          list.map(async (asset) => {
            try {
              const f = await reader.requireFresh(asset, maxAge !== undefined ? { max_age_hours: maxAge } : {});
              return { asset, code: EXIT.ok, freshness: f, error: undefined };
            } catch (error) {
              const freshness = error instanceof StalenessError ? (error.freshness as FreshnessStatus) : undefined;
              return { asset, code: exitCodeOf(error), freshness, error };
            }
          }),
        );
        let code: number = EXIT.ok;
        for (const o of outcomes) code = worstExit(code, o.code);
        if (out.json) {
          out.document(
            outcomes.map((o) => ({
              asset: o.asset,
              fresh: o.code === EXIT.ok,
              exit_code: o.code,
              freshness: o.freshness ?? null,
              error: o.error === undefined ? null : errorDocument(o.error),
            })),
          );
          return code;
        }
        const st = out.style;
        for (const o of outcomes) {
          const f = o.freshness;
          const age = f ? ` ${hours(f.hours_since_update)}h since update` : "";
          if (o.code === EXIT.ok) {
            const threshold = maxAge ?? (f?.staleness_threshold_hours || 24);
            out.line(`${st.green("FRESH")} ${o.asset}${age} (threshold ${threshold}h)`);
          } else if (o.error instanceof StalenessError) {
            out.line(`${st.red("STALE")} ${o.asset}${age} (threshold ${hours(o.error.threshold_hours)}h)`);
          } else {
            const e = errorDocument(o.error);
            out.err(`${out.errStyle.red("ERROR")} ${o.asset}: ${e.message} [${e.code}]`);
          }
        }
        return code;
      }),
    );

  waitOptions(leaf(freshness, "refresh <asset_id>", "start a freshness check of an asset (read-write key)")).action(
    act(async (ctx, [id]) => {
      const { out, opts } = ctx;
      const started = await (await ctx.api("freshness")).refresh(id!);
      if (!opts.wait) {
        if (out.json) return out.document(started);
        out.line(out.style.green("Refresh started"));
        out.fields([
          ["Job ID", started.job_id],
          ["Status", started.status ?? "queued"],
        ]);
        return;
      }
      if (!out.json) out.line(`Refresh started: job ${started.job_id}`);
      const job = await waitForJob(ctx, await ctx.api("jobs"), started.job_id);
      if (out.json) return out.document(job);
      printJob(out, job);
    }),
  );

  // schema ---------------------------------------------------------------------------------------
  const schema = program.command("schema").description("schema drift: changes to columns and tables");

  leaf(schema, "summary", "counts of schema changes by severity").action(
    act(async ({ out, api }) => {
      const s = await (await api("schema")).summary();
      if (out.json) return out.document(s);
      const st = out.style;
      out.line(st.bold("Schema changes"));
      out.fields([
        ["Total", s.total_changes],
        ["Unacknowledged", st.yellow(String(s.unacknowledged))],
        ["Critical", st.red(String(s.critical_count))],
        ["Warning", st.yellow(String(s.warning_count))],
        ["Info", s.info_count],
      ]);
    }),
  );

  leaf(schema, "changes", "list schema changes")
    .option("-a, --asset <asset>", "only changes of this asset")
    .option("-s, --severity <severity>", "only this severity: critical, warning or info")
    .option("-u, --unacknowledged", "only changes nobody acknowledged")
    .option(...LIMIT)
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (
          await api("schema")
        ).changes({
          ...(given(opts.asset) !== undefined ? { asset_id: given(opts.asset)! } : {}),
          ...(opts.severity !== undefined ? { severity: opts.severity as "critical" } : {}),
          unacknowledged_only: Boolean(opts.unacknowledged),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No schema changes.");
        out.table(
          ["Asset", "Change", "Severity", "Column", "Ack"],
          list.map((c) => [
            c.qualified_name,
            c.change_type,
            severityWord(out, c.severity),
            cell(c.column_name),
            yesNo(c.acknowledged),
          ]),
        );
      }),
    );

  // lineage --------------------------------------------------------------------------------------
  const lineage = program.command("lineage").description("where data comes from and where it goes");

  leaf(lineage, "get <asset_id>", "an asset's upstream and downstream assets")
    .option("-d, --depth <n>", "hops to follow, 1 to 5", intArg, 1)
    .option("--direction <direction>", "upstream, downstream or both", "both")
    .action(
      act(async ({ out, opts, api }, [id]) => {
        const g = await (
          await api("lineage")
        ).get(id!, { depth: opts.depth as number, direction: opts.direction as "both" });
        if (out.json) return out.document(g);
        out.line(`${out.style.bold("Lineage of")} ${g.root.qualified_name}`);
        if (g.upstream.length > 0) {
          out.line(out.style.bold("Upstream (it reads from):"));
          for (const n of g.upstream) out.line(`  ${n.qualified_name}`);
        }
        if (g.downstream.length > 0) {
          out.line(out.style.bold("Downstream (reads from it):"));
          for (const n of g.downstream) out.line(`  ${n.qualified_name}`);
        }
        if (g.upstream.length === 0 && g.downstream.length === 0) out.line("No lineage known.");
      }),
    );

  // jobs -----------------------------------------------------------------------------------------
  const jobs = program.command("jobs").description("asynchronous jobs (refreshes, discovery, intelligence)");

  waitOptions(leaf(jobs, "status <job_id>", "a job's state; with --wait, follow it to its end")).action(
    act(async (ctx, [id]) => {
      const jobs = await ctx.api("jobs");
      const job = ctx.opts.wait ? await waitForJob(ctx, jobs, id!) : await jobs.status(id!);
      if (ctx.out.json) return ctx.out.document(job);
      printJob(ctx.out, job);
    }),
  );
}

/** A severity, coloured. */
export function severityWord(out: Printer, severity: string): string {
  if (severity === "critical") return out.style.red("critical");
  if (severity === "warning") return out.style.yellow("warning");
  return severity;
}
