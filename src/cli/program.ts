/**
 * The `anomalyarmor` command line on commander: the Python CLI's groups, commands, arguments, options
 * and exit codes, plus `--json`, `--api-url`, `--timeout` and `--allow-insecure-http` on every command.
 * `run` takes its surroundings as an argument, so tests drive it in-process over real HTTP.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isLoopback } from "../core/config";
import {
  ArmorError,
  AuthenticationError,
  JobFailedError,
  NotFoundError,
  RateLimitError,
  StalenessError,
  ValidationError,
} from "../core/errors";
import { VERSION } from "../core/version";
import { createApi, type Api, type Resources } from "./api";
import { registerAll } from "./commands";
import { maskKey, resolveSettings, type Settings } from "./config";
import { CliError, EXIT, type CliIO } from "./io";
import { Printer } from "./output";

/** Options every command takes. */
export interface GlobalOptions {
  /** Print one JSON document on stdout instead of text. */
  json?: boolean | undefined;
  /** API base URL for this run. */
  apiUrl?: string | undefined;
  /** Seconds per request attempt. */
  timeout?: number | undefined;
  /** Accept plain http to a non-loopback host. */
  allowInsecureHttp?: boolean | undefined;
}

/** What a command's handler works with. */
export interface Ctx {
  /** The surroundings. */
  io: CliIO;
  /** Output, aware of `--json`. */
  out: Printer;
  /** The command's options, global ones included. */
  opts: GlobalOptions & Record<string, unknown>;
  /** Settings from flags, environment and config file. */
  settings: () => Promise<Settings>;
  /** A resource of the API, authenticated (exit 2 when no key is known). */
  api: <K extends keyof Resources>(name: K) => Promise<Resources[K]>;
}

/** A command's body: resolves with its exit code (0 when nothing is returned). */
export type Handler = (ctx: Ctx, args: string[]) => Promise<number | void>;

/** Registers a command's handler. */
export type Act = (handler: Handler) => (...raw: unknown[]) => Promise<void>;

/** An option's value when it was given as text, else undefined. */
export const given = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Parses an integer option value; a bad one is a usage error. */
export function intArg(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n)) throw new InvalidArgumentError("Not an integer.");
  return n;
}

/** Parses a number option value; a bad one is a usage error. */
export function numberArg(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("Not a number.");
  return n;
}

function secondsArg(value: string): number {
  const n = numberArg(value);
  if (n <= 0) throw new InvalidArgumentError("Must be a positive number of seconds.");
  return n;
}

/** A command with the options every command takes. */
export function leaf(parent: Command, nameAndArgs: string, description: string): Command {
  return parent
    .command(nameAndArgs)
    .description(description)
    .option("--json", "print one JSON document on stdout instead of text")
    .option("--api-url <url>", "API base URL (default: ARMOR_API_URL, the config file, then production)")
    .option(
      "--timeout <seconds>",
      "seconds per request attempt (default: ARMOR_TIMEOUT, the config file, then 30)",
      secondsArg,
    )
    .addOption(new Option("--allow-insecure-http", "accept plain http to a host that is not loopback"));
}

/** Exit code for an error: 2 auth and usage, 3 not found, 4 rate limited, 1 stale or failed, 5 the rest. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof StalenessError || error instanceof JobFailedError) return EXIT.failed;
  if (error instanceof AuthenticationError) return EXIT.usage;
  // Params the SDK rejects before sending anything are the caller's input: a usage error.
  if (error instanceof ValidationError && error.status === undefined) return EXIT.usage;
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof RateLimitError) return EXIT.rateLimited;
  return EXIT.other;
}

/** Exit codes from worst to best, for commands that report several outcomes. */
const SEVERITY = [EXIT.usage, EXIT.rateLimited, EXIT.other, EXIT.notFound, EXIT.failed, EXIT.ok];

/** The worse of two exit codes, in the order 2, 4, 5, 3, 1, 0. */
export function worstExit(a: number, b: number): number {
  const rank = (code: number) => {
    const at = SEVERITY.indexOf(code as (typeof SEVERITY)[number]);
    return at < 0 ? 0 : at;
  };
  return rank(a) <= rank(b) ? a : b;
}

/** An error as `--json` prints it. */
export function errorDocument(
  error: unknown,
  secret?: string,
): { name: string; code: string; message: string; status: number | null } {
  const message = scrub(error instanceof Error ? error.message : String(error), secret);
  if (error instanceof ArmorError) return { name: error.name, code: error.code, message, status: error.status ?? null };
  if (error instanceof CliError) return { name: error.name, code: error.code, message, status: null };
  return { name: error instanceof Error ? error.name : "Error", code: "CLI_ERROR", message, status: null };
}

/** Removes a secret from text (the SDK redacts its own messages; this covers everything else). */
function scrub(text: string, secret: string | undefined): string {
  return secret && secret.length >= 8 ? text.split(secret).join(maskKey(secret)) : text;
}

/** Prints an error the way its exit code calls for, and returns that code. */
export function report(out: Printer, error: unknown, secret?: string): number {
  const code = exitCodeOf(error);
  if (out.json) {
    out.document({ error: errorDocument(error, secret) });
    return code;
  }
  const s = out.errStyle;
  const { message } = errorDocument(error, secret);
  out.err(`${s.red("Error:")} ${message}`);
  if (error instanceof RateLimitError) out.err(s.yellow(`Retry after ${error.retryAfter ?? 60} seconds.`));
  if (error instanceof CliError && error.code === "NO_API_KEY")
    out.err("Run 'anomalyarmor auth login', or set ARMOR_API_KEY.");
  return code;
}

function checkUrl(apiUrl: string, allowInsecure: boolean): void {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new CliError(`Invalid API URL '${apiUrl}'.`, EXIT.usage, "USAGE");
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecure)
    throw new CliError(
      `${apiUrl} is plain http to a host that is not loopback: use https, or pass --allow-insecure-http.`,
      EXIT.usage,
      "INSECURE_URL",
    );
}

/** The API for `settings` (the key checked, the URL checked against the insecure-http rule). */
export function makeApi(
  io: CliIO,
  settings: Settings,
  options: { apiKey?: string; allowInsecureHttp?: boolean },
): Promise<Api> {
  const apiKey = options.apiKey ?? settings.apiKey;
  if (!apiKey) throw new CliError("Not authenticated: no API key.", EXIT.usage, "NO_API_KEY");
  checkUrl(settings.apiUrl, Boolean(options.allowInsecureHttp));
  const write = (text: unknown) => io.stderr.write(`${String(text)}\n`);
  return createApi({
    apiKey,
    apiUrl: settings.apiUrl,
    timeout: Math.round(settings.timeoutSeconds * 1000),
    ...(settings.retries !== undefined ? { maxRetries: Math.floor(settings.retries) } : {}),
    allowInsecureHttp: Boolean(options.allowInsecureHttp),
    logger: { debug: write, info: write, warn: write, error: write },
  });
}

/** The program, its commands registered, writing through `io`; `state.code` receives the exit code. */
export function buildProgram(io: CliIO, state: { code: number }): Command {
  const program = new Command("anomalyarmor")
    .description("AnomalyArmor data observability from the command line")
    .version(VERSION, "-V, --version", "print the version")
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 100),
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns ? io.stderr.columns : 100),
    });

  const act: Act =
    (handler) =>
    async (...raw: unknown[]) => {
      const command = raw[raw.length - 1] as Command;
      const opts = command.opts<GlobalOptions & Record<string, unknown>>();
      const out = new Printer(io, Boolean(opts.json));
      let settings: Settings | undefined;
      let api: Promise<Api> | undefined;
      const ctx: Ctx = {
        io,
        out,
        opts,
        settings: async () => (settings ??= await resolveSettings(io.env, io.home, opts)),
        api: async (name) => {
          api ??= ctx.settings().then((s) => makeApi(io, s, { allowInsecureHttp: Boolean(opts.allowInsecureHttp) }));
          return (await api).get(name);
        },
      };
      try {
        state.code = (await handler(ctx, command.processedArgs as string[])) ?? EXIT.ok;
      } catch (error) {
        out.endProgress();
        state.code = report(out, error, settings?.apiKey);
      } finally {
        if (api)
          await api.then(
            (a) => a.close(),
            () => {},
          );
      }
    };

  registerAll(program, act);
  return program;
}

/**
 * Runs the command line `argv` (arguments only, without the runtime and script).
 * @returns the exit code
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const state = { code: EXIT.ok as number };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parse error (unknown command or option, missing argument,
      // bad value, a group without its command) is a usage error, 2, as click has it.
      return ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code) &&
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    throw error;
  }
  return state.code;
}
