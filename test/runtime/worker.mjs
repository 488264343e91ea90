/**
 * Entry of the suite in workerd: a module Worker bundled with esbuild (as wrangler would bundle it);
 * the runner posts the sandbox's `{ url, key }` and gets the results back as JSON.
 */
import { runSuite } from "./suite.mjs";

export default {
  async fetch(request) {
    return Response.json(await runSuite(await request.json()));
  },
};
