/**
 * Entry of the suite in Node, Deno and Bun: the sandbox's `{ url, key }` as JSON in the first argument;
 * the results as one `RESULT <json>` line on stdout. The runtime's own module loader resolves
 * `anomalyarmor` from the consumer directory's node_modules, as in a user's project.
 */
import { runSuite } from "./suite.mjs";

const args = globalThis.Deno?.args ?? globalThis.process.argv.slice(2);
const report = await runSuite(JSON.parse(args[0]));
console.log(`RESULT ${JSON.stringify(report)}`);
// Deno, Bun and Node alike: leave at once rather than wait for keep-alive sockets to time out.
const code = report.results.every((r) => r.ok) ? 0 : 1;
if (globalThis.Deno) globalThis.Deno.exit(code);
else globalThis.process.exit(code);
