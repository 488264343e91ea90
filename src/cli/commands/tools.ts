/**
 * `sandbox` and `demo`, ours alone: the in-memory API on loopback, and a tour of the SDK against it.
 * Their modules load only when they run, so the other commands start without them.
 */
import { Option, type Command } from "commander";
import { given, intArg, type Act } from "../program";

/** Registers `sandbox` and `demo`. */
export function registerTools(program: Command, act: Act): void {
  program
    .command("sandbox")
    .description("serve a realtime in-memory AnomalyArmor API on loopback and print its URL and keys")
    .option("--port <port>", "TCP port (0: any free one)", intArg, 4010)
    .option("--hostname <address>", "loopback address to bind", "127.0.0.1")
    .addOption(new Option("--dataset <name>", "starting data").choices(["demo", "empty"]).default("demo"))
    .option("--seed <n>", "seed of ids, keys and rows", intArg, 42)
    .option("--json", "print the URL and keys as one JSON document")
    .action(
      act(async ({ io, out, opts }) => {
        const [{ createSandbox }, { serveSandbox }] = await Promise.all([
          import("../../testing/sandbox"),
          import("../../testing/server"),
        ]);
        const dataset = opts.dataset as "demo" | "empty";
        const seed = opts.seed as number;
        const sandbox = createSandbox({ dataset, seed, clock: "realtime", start: new Date().toISOString() });
        const server = await serveSandbox(sandbox, {
          port: opts.port as number,
          hostname: given(opts.hostname) ?? "127.0.0.1",
        });
        if (out.json) {
          out.document({ url: server.url, keys: { ...sandbox.keys } });
        } else {
          out.line(`url ${server.url}`);
          out.line(`admin ${sandbox.keys.admin}`);
          out.line(`read-write ${sandbox.keys.readWrite}`);
          out.line(`read-only ${sandbox.keys.readOnly}`);
          out.line(out.style.dim(`AnomalyArmor sandbox (dataset ${dataset}, seed ${seed}). Ctrl-C stops it.`));
          out.line(
            out.style.dim(
              `Try: ARMOR_API_URL=${server.url} ARMOR_API_KEY=${sandbox.keys.admin} anomalyarmor freshness summary`,
            ),
          );
        }
        await io.interrupted();
        await server.close();
      }),
    );

  program
    .command("demo")
    .description("start a sandbox on loopback and tour the SDK over real HTTP")
    .option("--seed <n>", "sandbox seed", intArg, 42)
    .option("--live", "run the read-only part against the real API (needs ARMOR_API_KEY)")
    .option("--json", "print what the tour read (the SDK's models, step by step) as one JSON document")
    .action(
      act(async ({ io, out, opts }) => {
        const { runDemo } = await import("../demo");
        const { code, document } = await runDemo({
          seed: opts.seed as number,
          live: Boolean(opts.live),
          env: io.env,
          json: out.json,
        });
        if (out.json) out.document(document);
        return code;
      }),
    );
}
