/**
 * What a command reads and writes, passed in rather than taken from globals, so that the whole command
 * line runs in-process in tests (and the same code serves the bin in Node, Deno and Bun).
 */

/** A stream the CLI writes to. */
export interface OutStream {
  /** Writes text as is. */
  write(text: string): unknown;
  /** Whether a terminal is attached. */
  isTTY?: boolean | undefined;
  /** The terminal's width, when it is one. */
  columns?: number | undefined;
}

/** The CLI's surroundings. */
export interface CliIO {
  /** Environment (ARMOR_API_KEY, ARMOR_API_URL, ARMOR_TIMEOUT, ARMOR_RETRY_ATTEMPTS, NO_COLOR, …). */
  env: Record<string, string | undefined>;
  /** Where results go. */
  stdout: OutStream;
  /** Where errors, prompts and progress go. */
  stderr: OutStream;
  /** The home directory holding `.armor/config.yaml`. */
  home: string;
  /**
   * Asks one question and resolves with the line typed, or `undefined` at end of input.
   * `hidden`: the answer is a secret and is not echoed.
   */
  prompt(question: string, hidden: boolean): Promise<string | undefined>;
  /** Resolves when the user interrupts (Ctrl-C); used by long-running commands. */
  interrupted(): Promise<void>;
}

/** Exit codes shared with the Python CLI. */
export const EXIT = {
  ok: 0,
  /** Stale data, a failed check or job, an aborted confirmation. */
  failed: 1,
  /** Authentication and usage errors. */
  usage: 2,
  notFound: 3,
  rateLimited: 4,
  other: 5,
} as const;

/** An error the CLI itself raises, with the exit code it ends with. */
export class CliError extends Error {
  override name = "CliError";
  /** Exit code of the process. */
  readonly exitCode: number;
  /** Short machine-readable reason, shown in `--json` errors. */
  readonly code: string;
  /** @param message - said to the user; @param exitCode - see {@link EXIT}; @param code - for `--json` */
  constructor(message: string, exitCode: number, code: string) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
  }
}
