/**
 * The `anomalyarmor` command: `sandbox` serves the in-memory API on loopback, `demo` walks through the SDK
 * against it. Runs under Node, Deno and Bun (it uses only the `process` global those three share).
 */
import { createSandbox } from "../testing/sandbox";
import { serveSandbox } from "../testing/server";
import { VERSION } from "../core/version";
import { runDemo } from "./demo";
import { line, style } from "./ui";

interface Proc {
  argv: string[];
  exitCode?: number | string | undefined;
  env: Record<string, string | undefined>;
  on(event: string, listener: () => void): unknown;
  exit(code?: number): never;
}
const proc = (globalThis as unknown as { process: Proc }).process;

const HELP = `anomalyarmor ${VERSION}

Usage:
  anomalyarmor sandbox [--port 4010] [--hostname 127.0.0.1] [--dataset demo|empty] [--seed 42]
      Serve a realtime in-memory AnomalyArmor API on loopback and print its URL and keys.
  anomalyarmor demo [--seed 42] [--live]
      Start a sandbox on loopback and walk through the SDK over real HTTP.
      With --live and ARMOR_API_KEY set, the read-only part runs against the real API instead.
  anomalyarmor --version | --help`;

/** Parses `--name value` and `--flag` pairs. */
export function parseArgs(args: string[]): { command: string | undefined; flags: Record<string, string | true> } {
  const flags: Record<string, string | true> = {};
  let command: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const next = args[i + 1];
      if (inline !== undefined) flags[name] = inline;
      else if (next !== undefined && !next.startsWith("--")) {
        flags[name] = next;
        i++;
      } else flags[name] = true;
    } else if (command === undefined) command = arg;
  }
  return { command, flags };
}

function intFlag(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

async function sandboxCommand(flags: Record<string, string | true>): Promise<void> {
  const dataset = flags.dataset === "empty" ? "empty" : "demo";
  const seed = intFlag(flags.seed, "seed", 42);
  const sandbox = createSandbox({ dataset, seed, clock: "realtime", start: new Date().toISOString() });
  const hostname = typeof flags.hostname === "string" ? flags.hostname : "127.0.0.1";
  const server = await serveSandbox(sandbox, { port: intFlag(flags.port, "port", 4010), hostname });
  line(`url ${server.url}`);
  line(`admin ${sandbox.keys.admin}`);
  line(`read-write ${sandbox.keys.readWrite}`);
  line(`read-only ${sandbox.keys.readOnly}`);
  line(style.dim(`AnomalyArmor sandbox (dataset ${dataset}, seed ${seed}). Ctrl-C stops it.`));
  await new Promise<void>((resolve) => {
    proc.on("SIGINT", resolve);
    proc.on("SIGTERM", resolve);
  });
  await server.close();
}

/** Runs the CLI with `argv` (without the runtime and script). */
export async function main(argv: string[]): Promise<number> {
  const { command, flags } = parseArgs(argv);
  if (flags.version) {
    line(VERSION);
    return 0;
  }
  switch (command) {
    case "sandbox":
      await sandboxCommand(flags);
      return 0;
    case "demo":
      return runDemo({ seed: intFlag(flags.seed, "seed", 42), live: flags.live === true, env: proc.env });
    case undefined:
    case "help":
      line(HELP);
      return command === undefined && !flags.help ? 1 : 0;
    default:
      line(`Unknown command: ${command}\n`);
      line(HELP);
      return 1;
  }
}

main(proc.argv.slice(2)).then(
  (code) => {
    proc.exitCode = code;
  },
  (error: unknown) => {
    line(style.red(`error: ${error instanceof Error ? error.message : String(error)}`));
    proc.exitCode = 1;
  },
);
