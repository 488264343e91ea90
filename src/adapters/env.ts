/** `clientFromEnv`: a full `Client` configured from whatever environment the runtime offers. */
import { Client } from "../client";
import type { ClientOptions } from "../core/config";
import { optionsFromEnv } from "./env-options";

export { freshnessFromEnv } from "./env-options";

/**
 * Builds a `Client` from the environment: `ARMOR_API_KEY`, `ARMOR_API_URL` and `ARMOR_LOG` are read
 * from `env` (Workers bindings) when it has them, else from `Deno.env` (a denied `--allow-env` reads
 * as unset instead of throwing), `Bun.env` or `process.env`.
 * @param env - Workers bindings, or any object of variables, read first (other values are ignored)
 * @param options - client options that win over the environment (`fetch`, `timeout`, …)
 * @returns a new client
 * @throws AuthenticationError when no usable key is found; ValidationError for a bad `ARMOR_API_URL`
 * @example
 * export default {
 *   async fetch(request, env) {
 *     const client = clientFromEnv(env);
 *     return Response.json(await client.freshness.summary());
 *   },
 * };
 */
export function clientFromEnv(env?: unknown, options?: ClientOptions): Client {
  return new Client(optionsFromEnv(env, options));
}
