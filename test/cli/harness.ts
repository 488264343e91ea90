/**
 * Runs the command line in-process against a sandbox served on loopback: every request is real HTTP
 * through the SDK; only the terminal (streams, stdin, HOME) is simulated.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../src/testing/sandbox";
import type { SandboxLike } from "../../src/testing/forward";
import { serveSandbox, type SandboxServer } from "../../src/testing/server";
import { run } from "../../src/cli/program";
import type { CliIO } from "../../src/cli/io";

/** What one run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json<T = unknown>(): T;
}

/** How to run: environment on top of the served sandbox's, stdin lines, terminal. */
export interface RunOptions {
  /** Replaces variables (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** Lines typed at prompts, in order. */
  stdin?: string[];
  /** HOME for this run (default: the harness's own temporary one). */
  home?: string;
  /** Pretend stdout and stderr are a terminal this wide. */
  tty?: number;
}

/** A served sandbox plus a way to run the CLI against it. */
export interface Harness {
  sandbox: Sandbox;
  server: SandboxServer;
  home: string;
  cli(args: string[], options?: RunOptions): Promise<CliResult>;
  close(): Promise<void>;
}

/** A fresh temporary directory to use as HOME. */
export function tempHome(): string {
  return mkdtempSync(path.join(tmpdir(), "anomalyarmor-cli-home-"));
}

/**
 * Serves a sandbox on loopback and returns a runner whose default key is the admin key. `front`, when
 * given, answers first: an API behaviour the sandbox does not model, everything else passed on to it.
 */
export async function startHarness(
  options: SandboxOptions = {},
  front?: (sandbox: Sandbox) => SandboxLike["handle"],
): Promise<Harness> {
  const sandbox = createSandbox({ seed: 42, clock: "manual", ...options });
  const server = await serveSandbox(front ? { url: sandbox.url, handle: front(sandbox) } : sandbox);
  const home = tempHome();
  const homes = [home];
  return {
    sandbox,
    server,
    home,
    async cli(args, o = {}) {
      let stdout = "";
      let stderr = "";
      const answers = [...(o.stdin ?? [])];
      const env: Record<string, string | undefined> = {
        ARMOR_API_URL: server.url,
        ARMOR_API_KEY: sandbox.keys.admin,
        ARMOR_RETRY_ATTEMPTS: "0",
      };
      for (const [k, v] of Object.entries(o.env ?? {})) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
      const io: CliIO = {
        env,
        home: o.home ?? home,
        stdout: { write: (t: string) => (stdout += t), isTTY: o.tty !== undefined, columns: o.tty },
        stderr: { write: (t: string) => (stderr += t), isTTY: o.tty !== undefined, columns: o.tty },
        prompt: async (question) => {
          stderr += question;
          return answers.shift();
        },
        interrupted: () => Promise.resolve(),
      };
      const code = await run(args, io);
      return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
    },
    async close() {
      await server.close();
      for (const h of homes) rmSync(h, { recursive: true, force: true });
    },
  };
}
