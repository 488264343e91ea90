/** `intelligence`, `tags` and `badges`. */
import type { Command } from "commander";
import { ArmorError } from "../../core/errors";
import { CliError, EXIT } from "../io";
import { shortId, yesNo } from "../output";
import { given, intArg, leaf, type Act } from "../program";
import { confirm, deleted, withYes } from "./alerts";

const CATEGORY = "business, technical or governance";
const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** Registers `intelligence`, `tags` and `badges`. */
export function registerInsight(program: Command, act: Act): void {
  // intelligence ---------------------------------------------------------------------------------
  const intelligence = program.command("intelligence").description("ask questions about your data");

  leaf(intelligence, "ask <asset> <question>", "ask a question about an asset, answered from its knowledge base")
    .option("--include-related", "let related assets inform the answer")
    .action(
      act(async ({ out, opts, api }, [asset, question]) => {
        let answer;
        try {
          answer = await (
            await api("intelligence")
          ).ask({
            asset: asset!,
            question: question!,
            include_related_assets: Boolean(opts.includeRelated),
          });
        } catch (error) {
          if (ArmorError.is(error) && error.code === "INTELLIGENCE_NOT_GENERATED" && !out.json) {
            out.err(out.errStyle.yellow(`No intelligence has been generated for ${asset} yet.`));
            out.err(`Generate it first: anomalyarmor intelligence generate ${asset}`);
            return EXIT.failed;
          }
          if (ArmorError.is(error) && error.code === "INTELLIGENCE_NOT_GENERATED")
            throw new CliError(error.message, EXIT.failed, error.code);
          throw error;
        }
        if (out.json) return out.document(answer);
        if (answer.question) out.line(`${out.style.bold("Q:")} ${answer.question}`);
        out.line(`${out.style.bold("A:")} ${answer.answer}`);
        out.line(out.style.dim(`Confidence: ${answer.confidence}`));
        const sources = Array.isArray(answer.sources)
          ? answer.sources
              .slice(0, 5)
              .map((s) => s.asset_name)
              .join(", ")
          : answer.sources;
        if (sources) out.line(out.style.dim(`Sources: ${sources}`));
      }),
    );

  leaf(intelligence, "generate <asset>", "build an asset's knowledge base (a job; read-write key)")
    .option("-s, --schemas <list>", "comma-separated schemas to cover (default: all)")
    .option("-f, --force", "rebuild even when it exists")
    .action(
      act(async ({ out, opts, api }, [asset]) => {
        let result;
        try {
          result = await (
            await api("intelligence")
          ).generate({
            asset: asset!,
            include_schemas: typeof opts.schemas === "string" ? opts.schemas : null,
            force_refresh: Boolean(opts.force),
          });
        } catch (error) {
          if (ArmorError.is(error) && error.code === "SCHEMA_NOT_DISCOVERED" && !out.json) {
            out.err(out.errStyle.yellow(`The schema of ${asset} has not been discovered yet.`));
            out.err(
              "Intelligence is built from the schema: run schema discovery first (in the app or through the API).",
            );
            return EXIT.other;
          }
          throw error;
        }
        if (out.json) return out.document(result);
        out.line(out.style.green("Intelligence generation started."));
        out.fields([
          ["Job ID", result.job_id],
          ["Asset", result.asset_id],
        ]);
        out.line(out.style.dim(`Follow it with: anomalyarmor jobs status ${result.job_id} --wait`));
      }),
    );

  // tags -----------------------------------------------------------------------------------------
  const tags = program.command("tags").description("classification tags on tables and columns");

  leaf(tags, "create <name>", "tag one table or column")
    .requiredOption("-a, --asset <asset>", "the asset (UUID or qualified name)")
    .requiredOption("-p, --path <object_path>", "schema.table or schema.table.column")
    .option("-c, --category <category>", CATEGORY, "business")
    .option("-d, --description <text>", "what the tag means")
    .action(
      act(async ({ out, opts, api }, [name]) => {
        const tag = await (
          await api("tags")
        ).create({
          asset: given(opts.asset) ?? "",
          name: name!,
          object_path: given(opts.path) ?? "",
          category: opts.category as "business",
          description: typeof opts.description === "string" ? opts.description : null,
        });
        if (out.json) return out.document(tag);
        out.line(`${out.style.green("Tagged:")} ${tag.name}`);
        out.line(`Category: ${tag.category}`);
        if (tag.object_path) out.line(`Path: ${tag.object_path}`);
      }),
    );

  leaf(tags, "apply <tag_names>", "apply comma-separated tags to comma-separated paths (every tag on every path)")
    .requiredOption("-a, --asset <asset>", "the asset (UUID or qualified name)")
    .requiredOption("-p, --paths <paths>", "comma-separated object paths, e.g. 'gold.users,gold.orders'")
    .option("-c, --category <category>", CATEGORY, "business")
    .action(
      act(async ({ out, opts, api }, [names]) => {
        const r = await (
          await api("tags")
        ).apply({
          asset: given(opts.asset) ?? "",
          tag_names: list(names!),
          object_paths: list(given(opts.paths) ?? ""),
          category: opts.category as "business",
        });
        if (out.json) return out.document(r);
        out.line(out.style.green(`Applied ${r.applied} of ${r.total} tags.`));
        if (r.failed > 0) out.line(out.style.yellow(`Failed: ${r.failed}`));
      }),
    );

  leaf(tags, "bulk-apply <tag_name>", "apply one tag to several assets")
    .requiredOption("--assets <assets>", "comma-separated assets (UUIDs or qualified names)")
    .option("-c, --category <category>", CATEGORY, "business")
    .action(
      act(async ({ out, opts, api }, [name]) => {
        const r = await (
          await api("tags")
        ).bulkApply({
          tag_name: name!,
          asset_ids: list(given(opts.assets) ?? ""),
          category: opts.category as "business",
        });
        if (out.json) return out.document(r);
        out.line(out.style.green(`Tagged ${r.applied} of ${r.total} assets.`));
        if (r.failed > 0) out.line(out.style.yellow(`Failed: ${r.failed}`));
      }),
    );

  leaf(tags, "list", "tags of an asset")
    .requiredOption("-a, --asset <asset>", "the asset (UUID or qualified name)")
    .option("-c, --category <category>", `only this category: ${CATEGORY}`)
    .option("-l, --limit <n>", "most results to show", intArg, 100)
    .action(
      act(async ({ out, opts, api }) => {
        const found = await (
          await api("tags")
        ).list({
          asset: given(opts.asset) ?? "",
          ...(opts.category !== undefined ? { category: opts.category as "business" } : {}),
          limit: opts.limit as number,
        });
        if (out.json) return out.document(found);
        if (found.length === 0) return out.line("No tags.");
        out.table(
          ["Name", "Category", "Path"],
          found.map((t) => [t.name, t.category, t.object_path ?? "(whole asset)"]),
        );
        out.line(out.style.dim(`${found.length} tags`));
      }),
    );

  // badges ---------------------------------------------------------------------------------------
  const badges = program.command("badges").description("status badges for READMEs and dashboards");

  leaf(badges, "create <label>", "create a badge reporting on an asset")
    .requiredOption("-a, --asset <asset>", "the asset (UUID or qualified name)")
    .option("-t, --tags <tags>", "comma-separated tags: only objects with these count")
    .option("--no-schema-drift", "leave schema drift out of the badge")
    .option("--no-freshness", "leave freshness out of the badge")
    .option("--include-upstream", "count upstream assets too")
    .action(
      act(async ({ out, opts, api }, [label]) => {
        const badge = await (
          await api("badges")
        ).create({
          asset: given(opts.asset) ?? "",
          label: label!,
          ...(typeof opts.tags === "string" ? { tag_filters: list(opts.tags) } : {}),
          schema_drift_enabled: opts.schemaDrift !== false,
          freshness_enabled: opts.freshness !== false,
          include_upstream: Boolean(opts.includeUpstream),
        });
        if (out.json) return out.document(badge);
        out.line(`${out.style.green("Badge created:")} ${badge.label}`);
        out.fields([
          ["ID", badge.id],
          ["URL", badge.badge_url],
        ]);
      }),
    );

  leaf(badges, "list", "list badges")
    .option("--all", "inactive badges too")
    .option("-l, --limit <n>", "most results to show", intArg, 50)
    .action(
      act(async ({ out, opts, api }) => {
        const found = await (await api("badges")).list({ active_only: !opts.all, limit: opts.limit as number });
        if (out.json) return out.document(found);
        if (found.length === 0) return out.line("No badges.");
        out.table(
          ["Label", "ID", "Active", "URL"],
          found.map((b) => [b.label, shortId(b.id), yesNo(b.is_active), b.badge_url ?? ""]),
        );
        out.line(out.style.dim(`${found.length} badges`));
      }),
    );

  leaf(badges, "get <badge_id>", "show one badge").action(
    act(async ({ out, api }, [id]) => {
      const b = await (await api("badges")).get(id!);
      if (out.json) return out.document(b);
      out.line(out.style.bold(b.label));
      out.fields([
        ["ID", b.id],
        ["Asset", b.asset_id],
        ["Active", yesNo(b.is_active)],
        ["Schema drift", yesNo(b.schema_drift_enabled)],
        ["Freshness", yesNo(b.freshness_enabled)],
      ]);
      if (b.tag_filters.length > 0) out.line(`Tags: ${b.tag_filters.join(", ")}`);
      out.line(`URL: ${b.badge_url ?? "-"}`);
    }),
  );

  withYes(leaf(badges, "delete <badge_id>", "delete a badge (asks first unless --yes)")).action(
    act(async (ctx, [id]) => {
      await confirm(ctx, `Delete badge ${id}?`);
      await (await ctx.api("badges")).delete(id!);
      deleted(ctx.out, "Badge", id!);
    }),
  );

  leaf(badges, "status <badge_id>", "whether a badge is passing or failing").action(
    act(async ({ out, api }, [id]) => {
      const s = await (await api("badges")).getStatus(id!);
      if (out.json) return out.document(s);
      const status = s.status ?? "unknown";
      const colour = status === "passing" ? out.style.green : status === "failing" ? out.style.red : out.style.yellow;
      out.fields([
        ["Badge", s.badge_id ?? id],
        ["Status", colour(status)],
        ["URL", s.badge_url ?? ""],
      ]);
    }),
  );
}
