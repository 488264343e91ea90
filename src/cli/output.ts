/**
 * Human and machine output of the commands: colour only on a terminal and never with NO_COLOR, tables
 * cut to the terminal's width, one JSON document with `--json`, a redrawn progress bar on a terminal
 * and plain lines elsewhere.
 */
import type { CliIO, OutStream } from "./io";

const ESC = "\u001b[";
const ANSI = /\u001b\[[0-9;]*m/g;

/** Text styles; each is the identity when colour is off. */
export interface Styles {
  /** Bold. */ bold: (text: string) => string;
  /** Dim. */ dim: (text: string) => string;
  /** Red. */ red: (text: string) => string;
  /** Green. */ green: (text: string) => string;
  /** Yellow. */ yellow: (text: string) => string;
  /** Blue. */ blue: (text: string) => string;
  /** Cyan. */ cyan: (text: string) => string;
}

/** Whether `stream` gets colour: a terminal, and NO_COLOR unset or empty (no-color.org). */
export function wantsColour(stream: OutStream, env: CliIO["env"]): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** Styles for a stream. */
export function styles(enabled: boolean): Styles {
  const paint = (open: number, close: number) => (text: string) =>
    enabled ? `${ESC}${open}m${text}${ESC}${close}m` : text;
  return {
    bold: paint(1, 22),
    dim: paint(2, 22),
    red: paint(31, 39),
    green: paint(32, 39),
    yellow: paint(33, 39),
    blue: paint(34, 39),
    cyan: paint(36, 39),
  };
}

/** Visible width of a string (escape codes do not count). */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, "")].length;
}

function cut(text: string, width: number): string {
  const plain = text.replace(ANSI, "");
  const chars = [...plain];
  if (chars.length <= width) return text;
  // A cut cell loses its colour: the column is shown dim-free rather than with a dangling escape.
  return width <= 1 ? "…".slice(0, width) : `${chars.slice(0, width - 1).join("")}…`;
}

/**
 * Lays rows out as an aligned table. With `maxWidth`, the widest columns are narrowed (cells cut with
 * `…`) until a line fits; without it (output to a file or pipe) nothing is cut.
 */
export function renderTable(
  headers: string[],
  rows: string[][],
  options: { maxWidth?: number | undefined; style?: Styles | undefined } = {},
): string[] {
  const gap = 2;
  const widths = headers.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ""))));
  if (options.maxWidth !== undefined) {
    const budget = options.maxWidth - gap * (headers.length - 1);
    const floor = 4;
    while (widths.reduce((a, b) => a + b, 0) > budget) {
      const widest = widths.indexOf(Math.max(...widths));
      if (widths[widest]! <= floor) break;
      widths[widest]! -= 1;
    }
  }
  const fmt = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const shown = cut(cell, widths[i]!);
        return shown + " ".repeat(Math.max(0, widths[i]! - visibleWidth(shown)));
      })
      .join(" ".repeat(gap))
      .trimEnd();
  const head = fmt(headers);
  return [options.style ? options.style.bold(head) : head, ...rows.map(fmt)];
}

/** A progress bar such as `[██████░░░░]  60%`. */
export function progressBar(percent: number, width = 24): string {
  const p = Math.max(0, Math.min(100, Number.isFinite(percent) ? percent : 0));
  const full = Math.round((p / 100) * width);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}] ${String(Math.round(p)).padStart(3)}%`;
}

/** The printer a command writes through. */
export class Printer {
  /** Styles for stdout. */
  readonly style: Styles;
  /** Styles for stderr. */
  readonly errStyle: Styles;
  private progressShown = "";
  private progressOpen = false;

  /** @param io - the streams; @param json - whether `--json` was given */
  constructor(
    readonly io: CliIO,
    readonly json: boolean,
  ) {
    this.style = styles(wantsColour(io.stdout, io.env));
    this.errStyle = styles(wantsColour(io.stderr, io.env));
  }

  /** One line on stdout (nothing with `--json`, whose only output is the document). */
  line(text = ""): void {
    if (!this.json) this.io.stdout.write(`${text}\n`);
  }

  /** One line on stderr, always. */
  err(text: string): void {
    this.endProgress();
    this.io.stderr.write(`${text}\n`);
  }

  /** `Label: value` lines. */
  fields(pairs: [string, unknown][]): void {
    for (const [label, value] of pairs) this.line(`${label}: ${cell(value)}`);
  }

  /** A table on stdout, cut to the terminal's width when stdout is one. */
  table(headers: string[], rows: string[][]): void {
    const stdout = this.io.stdout;
    const maxWidth = stdout.isTTY && stdout.columns ? stdout.columns : undefined;
    for (const row of renderTable(headers, rows, { maxWidth, style: this.style })) this.line(row);
  }

  /** The one JSON document of `--json`. */
  document(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /**
   * Progress of a wait, on stderr: a bar redrawn in place on a terminal; elsewhere a plain line each
   * time the status or the quarter of progress changes, so that logs stay short.
   */
  progress(status: string, percent: number | undefined): void {
    const tty = Boolean(this.io.stderr.isTTY);
    const pct = percent ?? 0;
    if (tty) {
      const text = `${progressBar(pct)} ${status}`;
      if (text === this.progressShown) return;
      this.progressShown = text;
      this.progressOpen = true;
      this.io.stderr.write(`\r${ESC}2K${text}`);
    } else {
      const key = `${status}:${Math.floor(pct / 25)}`;
      if (key === this.progressShown) return;
      this.progressShown = key;
      this.io.stderr.write(`${status} ${Math.round(pct)}%\n`);
    }
  }

  /** Ends a redrawn progress line, so the next output starts on its own line. */
  endProgress(): void {
    if (this.progressOpen) this.io.stderr.write("\n");
    this.progressOpen = false;
  }
}

/** `Yes` / `No`. */
export const yesNo = (value: unknown): string => (value ? "Yes" : "No");

/** A value as text: `-` when absent, JSON for an object. */
export function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "-";
  // Numbers and booleans print the same through JSON; an object prints as its JSON, not [object Object].
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "-");
}

/** An id shortened for a table: its first 8 characters and `...`. */
export const shortId = (id: unknown): string => {
  const s = cell(id);
  return s.length > 8 ? `${s.slice(0, 8)}...` : s;
};

/** Hours with one decimal, `-` when absent. */
export const hours = (value: unknown): string =>
  typeof value === "number" && Number.isFinite(value) ? value.toFixed(1) : "-";
