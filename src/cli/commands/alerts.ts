/** `alerts` (with `rules` and `destinations`) and `api-keys`. */
import type { Command } from "commander";
import { CliError, EXIT } from "../io";
import { cell, shortId, yesNo, type Printer } from "../output";
import { intArg, leaf, type Act, type Ctx } from "../program";
import { severityWord } from "./catalog";

const LIMIT: [string, string, (v: string) => number, number] = ["-l, --limit <n>", "most results to show", intArg, 50];

/** `-y, --yes` for commands that ask before deleting. */
export function withYes(command: Command): Command {
  return command.option("-y, --yes", "do not ask for confirmation");
}

/**
 * Asks before a destructive action unless `--yes` was given; a "no" (or no answer at all, as when
 * stdin is closed) aborts with exit 1, as the Python CLI does.
 */
export async function confirm(ctx: Ctx, question: string): Promise<void> {
  if (ctx.opts.yes) return;
  const answer = (await ctx.io.prompt(`${question} [y/N]: `, false))?.trim().toLowerCase();
  if (answer !== "y" && answer !== "yes") throw new CliError("Aborted.", EXIT.failed, "ABORTED");
}

/** Prints a deletion (`{ id, deleted: true }` with `--json`). */
export function deleted(out: Printer, what: string, id: string): void {
  if (out.json) out.document({ id, deleted: true });
  out.line(out.style.green(`${what} ${id} deleted.`));
}

function alertStatusWord(out: Printer, status: string): string {
  if (status === "triggered") return out.style.red(status);
  if (status === "acknowledged") return out.style.yellow(status);
  return status === "resolved" ? out.style.green(status) : status;
}

/** Registers `alerts` and `api-keys`. */
export function registerAlerts(program: Command, act: Act): void {
  const alerts = program.command("alerts").description("alerts, alert rules and alert destinations");

  leaf(alerts, "summary", "counts of rules and alerts").action(
    act(async ({ out, api }) => {
      const s = await (await api("alerts")).summary();
      if (out.json) return out.document(s);
      out.line(out.style.bold("Alerts"));
      out.fields([
        ["Rules", s.total_rules],
        ["Active rules", s.active_rules],
        ["Recent alerts", s.recent_alerts],
        ["Unresolved", out.style.yellow(String(s.unresolved_alerts))],
      ]);
    }),
  );

  leaf(alerts, "list", "list alerts")
    .option("-s, --status <status>", "only this status: triggered, acknowledged or resolved")
    .option("--severity <severity>", "only this severity: critical, warning or info")
    .option(...LIMIT)
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (
          await api("alerts")
        ).list({
          ...(opts.status !== undefined ? { status: opts.status as "triggered" } : {}),
          ...(opts.severity !== undefined ? { severity: opts.severity as "critical" } : {}),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No alerts.");
        out.table(
          ["Asset", "Message", "Severity", "Status"],
          list.map((a) => [
            cell(a.qualified_name),
            a.message.length > 60 ? `${a.message.slice(0, 59)}…` : a.message,
            severityWord(out, a.severity),
            alertStatusWord(out, a.status),
          ]),
        );
      }),
    );

  const rules = alerts.command("rules").description("alert rules");

  leaf(rules, "list", "list alert rules")
    .option("--enabled", "only enabled rules")
    .option(...LIMIT)
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (
          await api("alerts")
        ).rules({ enabled_only: Boolean(opts.enabled), limit: opts.limit as number });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No alert rules.");
        out.table(
          ["Name", "ID", "Enabled", "Severity"],
          list.map((r) => [r.name, shortId(r.id), yesNo(r.enabled), severityWord(out, r.severity)]),
        );
      }),
    );

  leaf(rules, "get <rule_id>", "show one alert rule").action(
    act(async ({ out, api }, [id]) => {
      const r = await (await api("alerts")).getRule(id!);
      if (out.json) return out.document(r);
      out.line(out.style.bold(r.name));
      out.fields([
        ["ID", r.id],
        ["Type", r.rule_type],
        ["Severity", r.severity],
        ["Enabled", yesNo(r.enabled)],
      ]);
      if (r.description) out.line(`Description: ${r.description}`);
    }),
  );

  withYes(leaf(rules, "delete <rule_id>", "delete an alert rule (asks first unless --yes)")).action(
    act(async (ctx, [id]) => {
      await confirm(ctx, `Delete alert rule ${id}?`);
      await (await ctx.api("alerts")).deleteRule(id!);
      deleted(ctx.out, "Alert rule", id!);
    }),
  );

  const destinations = alerts.command("destinations").description("where alerts are sent");

  leaf(destinations, "list", "list alert destinations")
    .option("--active", "only active destinations")
    .option(...LIMIT)
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (
          await api("alerts")
        ).listDestinations({ active_only: Boolean(opts.active), limit: opts.limit as number });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No alert destinations.");
        out.table(
          ["Name", "Type", "ID", "Active", "Verified"],
          list.map((d) => [d.name, d.destination_type, shortId(d.id), yesNo(d.is_active), yesNo(d.is_verified)]),
        );
      }),
    );

  leaf(destinations, "get <destination_id>", "show one alert destination").action(
    act(async ({ out, api }, [id]) => {
      const d = await (await api("alerts")).getDestination(id!);
      if (out.json) return out.document(d);
      out.line(out.style.bold(d.name));
      out.fields([
        ["ID", d.id],
        ["Type", d.destination_type],
        ["Active", yesNo(d.is_active)],
        ["Verified", yesNo(d.is_verified)],
      ]);
    }),
  );

  withYes(
    leaf(destinations, "delete <destination_id>", "delete an alert destination (asks first unless --yes)"),
  ).action(
    act(async (ctx, [id]) => {
      await confirm(ctx, `Delete alert destination ${id}?`);
      await (await ctx.api("alerts")).deleteDestination(id!);
      deleted(ctx.out, "Alert destination", id!);
    }),
  );

  // api-keys -------------------------------------------------------------------------------------
  const keys = program.command("api-keys").description("API keys of your organisation (admin key)");

  leaf(keys, "list", "list API keys (masked)")
    .option("--include-revoked", "list revoked keys too")
    .action(
      act(async ({ out, opts, api }) => {
        const list = await (await api("apiKeys")).list({ include_revoked: Boolean(opts.includeRevoked) });
        if (out.json) return out.document(list);
        if (list.length === 0) return out.line("No API keys.");
        out.table(
          ["Name", "Key", "Scope", "Active", "Last used"],
          list.map((k) => [
            k.name,
            k.display_key,
            k.scope,
            k.is_active ? out.style.green("Yes") : out.style.red("No"),
            k.last_used_at ? String(k.last_used_at).slice(0, 10) : "never",
          ]),
        );
      }),
    );

  leaf(keys, "create", "create an API key; its secret is shown this once")
    .option("-n, --name <name>", "a name for the key (asked for when left out)")
    .option("-s, --scope <scope>", "read-only, read-write or admin", "read-only")
    .action(
      act(async ({ io, out, opts, api }) => {
        let name = typeof opts.name === "string" ? opts.name : undefined;
        if (name === undefined) name = (await io.prompt("Key name: ", false))?.trim();
        if (!name) throw new CliError("A key needs a name (--name).", EXIT.usage, "USAGE");
        const key = await (await api("apiKeys")).create({ name, scope: opts.scope as "read-only" });
        if (out.json) return out.document(key);
        out.line(out.style.green(`Created API key '${key.name}' (${key.scope}).`));
        out.line(`Key: ${out.style.bold(key.key)}`);
        out.line(out.style.yellow("This is the only time the key is shown: store it somewhere safe now."));
      }),
    );

  withYes(leaf(keys, "revoke <key_id>", "revoke an API key (asks first unless --yes)")).action(
    act(async (ctx, [id]) => {
      await confirm(ctx, `Revoke API key ${id}?`);
      const key = await (await ctx.api("apiKeys")).revoke(id!);
      if (ctx.out.json) return ctx.out.document(key);
      ctx.out.line(ctx.out.style.green(`API key ${id} revoked.`));
    }),
  );
}
