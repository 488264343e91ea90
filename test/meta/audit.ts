/**
 * The mechanical part of issue 19's assertion audit: patterns that let a test pass without checking
 * what it claims. `test/meta/assertions.test.ts` runs it over test/ and fails on any finding;
 * docs/mutation.md ("Assertion audit") says what it covers and what was audited by hand.
 *
 * - `weak`: a matcher that passes for many values (`toBeTruthy()`, `toBeFalsy()`, `toBeDefined()`,
 *   `not.toBeUndefined()`, `not.toBeNull()`, `toBeGreaterThan(0)`) where the exact value may be known.
 * - `loop`: a `for…of`, `for…in` or `.forEach` whose body asserts (calls `expect`, or declares tests),
 *   over a list not known to be non-empty: an empty list passes it without one assertion. A list is
 *   known non-empty when it is a non-empty array or object literal (or a `const` of the same file bound
 *   to one, or `Object.entries`/`keys`/`values` of one), or when the same function asserts its length
 *   or its exact contents (`expect(list).toHaveLength(…)`, `expect(list.length)…`,
 *   `expect(list).toEqual([…])`), before or after the loop, or a counter the loop adds to after it.
 *
 * Where the weak form is the right one (a measured time, a count the test cannot know), a comment on
 * the line or the line above, `// audit: <why>`, accepts it; the reason is required.
 */
import ts from "typescript";

/** One pattern found. */
export interface Finding {
  file: string;
  line: number;
  rule: "weak" | "loop";
  text: string;
}

const WEAK_MATCHERS = new Set(["toBeTruthy", "toBeFalsy", "toBeDefined"]);
const ACCEPT = /\/\/\s*audit:\s*\S/;

/** Whether `node` is a call of `expect` (also `expect.soft`, `expect(x, "why")`). */
function isExpectCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === "expect";
  return (
    ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "expect"
  );
}

/** Whether `node` declares a test (`it(…)`, `test(…)`, `it.each(…)(…)`). */
function isTestCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  let callee: ts.Expression = node.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && (callee.text === "it" || callee.text === "test");
}

function asserts(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (isExpectCall(n) || isTestCall(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isAwaitExpression(n)
  )
    n = n.expression;
  return n;
}

/** The initialiser of the `const` that `name` refers to at `from` (the nearest enclosing declaration). */
function resolveConst(name: string, from: ts.Node): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = from; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const list = statement.declarationList;
      for (const d of list.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name)
          return list.flags & ts.NodeFlags.Const ? d.initializer : undefined;
      }
    }
  }
  return undefined;
}

function nonEmpty(expr: ts.Expression, seen = 0): boolean {
  const e = unwrap(expr);
  if (seen > 5) return false;
  if (ts.isArrayLiteralExpression(e))
    return e.elements.some((x) => !ts.isSpreadElement(x) || nonEmpty(x.expression, seen + 1));
  if (ts.isObjectLiteralExpression(e)) return e.properties.length > 0 && !e.properties.every(ts.isSpreadAssignment);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text.length > 0;
  if (ts.isIdentifier(e)) {
    const init = resolveConst(e.text, e);
    return init !== undefined && nonEmpty(init, seen + 1);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const target = e.expression.expression;
    const method = e.expression.name.text;
    const arg = e.arguments[0];
    if (ts.isIdentifier(target) && target.text === "Object" && ["entries", "keys", "values"].includes(method) && arg)
      return nonEmpty(arg, seen + 1);
    // `Array.from({ length: 3 }, …)`
    if (
      ts.isIdentifier(target) &&
      target.text === "Array" &&
      method === "from" &&
      arg &&
      ts.isObjectLiteralExpression(arg)
    ) {
      const length = arg.properties.find(
        (p): p is ts.PropertyAssignment =>
          ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "length",
      );
      return length !== undefined && ts.isNumericLiteral(length.initializer) && Number(length.initializer.text) > 0;
    }
    // A list's own `.entries()`, `.map(…)`, `.slice()`… are as long as the list.
    if (["entries", "keys", "values", "map", "toSorted", "sort"].includes(method)) return nonEmpty(target, seen + 1);
    // `.slice(0, n)` keeps the first n > 0 items.
    if (
      method === "slice" &&
      e.arguments.length === 2 &&
      e.arguments.every(ts.isNumericLiteral) &&
      e.arguments[0]!.getText() === "0" &&
      Number(e.arguments[1]!.getText()) > 0
    )
      return nonEmpty(target, seen + 1);
  }
  return false;
}

/** Whether `scope` asserts the length or the exact contents of `list` (compared by source text). */
function lengthAsserted(scope: ts.Node, list: string, source: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (isExpectCall(n) && n.arguments[0]) {
      const subject = unwrap(n.arguments[0]).getText(source);
      if (subject === `${list}.length` || subject === `${list}.size`) found = true;
      // `expect(list.map(…))` has the list's length.
      else if (subject === list || (subject.startsWith(`${list}.map(`) && subject.endsWith(")"))) {
        // `expect(list).toHaveLength(…)`, `.toEqual([…])`, `.toStrictEqual([…])`, `.not.toHaveLength(0)`
        let parent: ts.Node = n.parent;
        while (ts.isPropertyAccessExpression(parent) && ["not"].includes(parent.name.text)) parent = parent.parent;
        if (ts.isPropertyAccessExpression(parent)) {
          const matcher = parent.name.text;
          const call = parent.parent;
          const expected = ts.isCallExpression(call) && call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
          // An exact length, exact contents, or contents that include something: each rules out empty.
          if (matcher === "toHaveLength" || matcher === "toContain" || matcher === "toContainEqual") found = true;
          else if ((matcher === "toEqual" || matcher === "toStrictEqual") && expected) {
            if (ts.isArrayLiteralExpression(expected)) found = true;
            // `toEqual(expect.arrayContaining([…]))` with something in it
            else if (
              ts.isCallExpression(expected) &&
              expected.expression.getText(source) === "expect.arrayContaining" &&
              expected.arguments[0] &&
              nonEmpty(expected.arguments[0])
            )
              found = true;
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** Counters the loop body adds to (`n++`, `n += …`), by name. */
function counters(body: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node) => {
    if (
      (ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) &&
      n.operator === ts.SyntaxKind.PlusPlusToken
    ) {
      if (ts.isIdentifier(n.operand)) out.add(n.operand.text);
    } else if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken &&
      ts.isIdentifier(n.left)
    )
      out.add(n.left.text);
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/** Whether `scope` asserts, after `loop`, one of the counters `loop` adds to: the count proves it ran. */
function countAsserted(scope: ts.Node, loop: ts.Node, body: ts.Node, source: ts.SourceFile): boolean {
  const names = counters(body);
  if (names.size === 0) return false;
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (isExpectCall(n) && n.pos >= loop.end && n.arguments[0] && names.has(unwrap(n.arguments[0]).getText(source)))
      found = true;
    else ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

function enclosingScope(node: ts.Node): ts.Node {
  let n: ts.Node = node.parent;
  while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n)) n = n.parent;
  return n;
}

/**
 * The findings in one file's text.
 * @param file - the name reported (and, by its extension, how the text is parsed)
 * @param text - the file's content
 */
export function auditSource(file: string, text: string): Finding[] {
  const kind = file.endsWith(".tsx")
    ? ts.ScriptKind.TSX
    : /\.[cm]?js$/.test(file)
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const lines = text.split("\n");
  const findings: Finding[] = [];
  const report = (node: ts.Node, rule: Finding["rule"]) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    if (ACCEPT.test(lines[line] ?? "") || ACCEPT.test(lines[line - 1] ?? "")) return;
    findings.push({ file, line: line + 1, rule, text: (lines[line] ?? "").trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const matcher = node.expression.name.text;
      const on = node.expression.expression;
      const negated = ts.isPropertyAccessExpression(on) && on.name.text === "not";
      const arg = node.arguments[0];
      const weak =
        (WEAK_MATCHERS.has(matcher) && !negated) ||
        (negated && (matcher === "toBeUndefined" || matcher === "toBeNull")) ||
        (matcher === "toBeGreaterThan" &&
          !negated &&
          arg !== undefined &&
          ts.isNumericLiteral(arg) &&
          arg.text === "0");
      if (weak && node.arguments.length <= 1) report(node, "weak");
      if (matcher === "forEach" && arg && asserts(arg) && !nonEmpty(on)) {
        const scope = enclosingScope(node);
        if (!lengthAsserted(scope, unwrap(on).getText(source), source) && !countAsserted(scope, node, arg, source))
          report(node, "loop");
      }
    }
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && asserts(node.statement)) {
      const scope = enclosingScope(node);
      if (
        !nonEmpty(node.expression) &&
        !lengthAsserted(scope, unwrap(node.expression).getText(source), source) &&
        !countAsserted(scope, node, node.statement, source)
      )
        report(node, "loop");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
