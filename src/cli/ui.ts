/** Terminal output for the CLI: colour only on a TTY (and never with NO_COLOR), bars, tables, trees. */

const proc = (
  globalThis as {
    process?: {
      stdout?: { isTTY?: boolean; write(s: string): boolean; columns?: number };
      env?: Record<string, string | undefined>;
    };
  }
).process;
const colour = Boolean(proc?.stdout?.isTTY) && !proc?.env?.NO_COLOR;
const paint = (code: number) => (text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Text styles (no-ops when not on a TTY). */
export const style = {
  bold: paint(1),
  dim: paint(2),
  red: paint(31),
  green: paint(32),
  yellow: paint(33),
  blue: paint(34),
  cyan: paint(36),
};

/** Whether output goes to a terminal with colour. */
export function isTTY(): boolean {
  return colour;
}

/** Writes one line. */
export function line(text = ""): void {
  proc?.stdout?.write(`${text}\n`);
}

/** A numbered section heading. */
export function heading(step: number, title: string): void {
  line();
  line(style.bold(style.cyan(`${step}. ${title}`)));
}

/** Renders rows as an aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string[] {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [style.dim(fmt(headers)), ...cells.slice(1).map(fmt)];
}

/** A progress bar like `[██████░░░░]  60%`. */
export function bar(percent: number, width = 24): string {
  const p = Math.max(0, Math.min(100, percent));
  const full = Math.round((p / 100) * width);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}] ${String(Math.round(p)).padStart(3)}%`;
}

/** Rewrites the current line on a TTY; prints a new line otherwise (logs stay readable). */
export function progress(text: string): void {
  if (colour) proc?.stdout?.write(`\r${text}`);
  else line(text);
}

/** A node of a tree to draw. */
export interface TreeNode {
  label: string;
  children: TreeNode[];
}

/** Draws a tree with box-drawing connectors. */
export function tree(root: TreeNode): string[] {
  const out = [root.label];
  const walk = (node: TreeNode, prefix: string) => {
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      out.push(`${prefix}${last ? "└─ " : "├─ "}${child.label}`);
      walk(child, prefix + (last ? "   " : "│  "));
    });
  };
  walk(root, "");
  return out;
}
