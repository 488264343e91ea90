/**
 * The `anomalyarmor` bin: the command line of `program.ts`, wired to the process it runs in (Node,
 * Deno or Bun). Prompts read stdin; a secret prompt on a terminal echoes nothing.
 */
import { homedir } from "node:os";
import { createInterface } from "node:readline";
import type { CliIO } from "./io";
import { run } from "./program";

function promptLine(question: string, hidden: boolean): Promise<string | undefined> {
  const { stdin, stderr } = process;
  stderr.write(question);
  if (hidden && stdin.isTTY) {
    // Raw mode: read keys one by one and echo none of them.
    return new Promise((resolve) => {
      let typed = "";
      const done = (value: string | undefined) => {
        stdin.off("data", onData);
        stdin.setRawMode(false);
        stdin.pause();
        stderr.write("\n");
        resolve(value);
      };
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString("utf8")) {
          if (ch === "\r" || ch === "\n") return done(typed);
          if (ch === "\u0003" || ch === "\u0004") return done(undefined);
          typed = ch === "\u007f" || ch === "\b" ? typed.slice(0, -1) : typed + ch;
        }
      };
      stdin.setRawMode(true);
      stdin.resume();
      stdin.on("data", onData);
    });
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, terminal: false });
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      resolve(line);
      rl.close();
    });
    rl.once("close", () => {
      if (!answered) resolve(undefined);
    });
  });
}

const io: CliIO = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  home: process.env.HOME || process.env.USERPROFILE || homedir(),
  prompt: promptLine,
  interrupted: () =>
    new Promise((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }),
};

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 5;
  },
);
