/**
 * Reading the SDK's settings from a runtime's environment, and the lean freshness reader built from
 * them. Kept apart from `clientFromEnv` so that a bundle which only gates never imports the `Client`.
 */
import { readOptions } from "../core/check";
import type { ClientOptions, RequestOptions } from "../core/config";
import { createTransport } from "../core/http";
import { isLogLevel } from "../core/log";
import { readEnv } from "../core/runtime";
import { FreshnessResource, getFreshness, type FreshnessStatus } from "../resources/freshness";

/** The settings `clientFromEnv` and the freshness gate read, by variable name. */
export interface ArmorEnvSettings {
  /** `ARMOR_API_KEY`, when set. */
  apiKey: string | undefined;
  /** `ARMOR_API_URL`, when set. */
  apiUrl: string | undefined;
  /** `ARMOR_LOG`, when set to a known level. */
  logLevel: ClientOptions["logLevel"];
}

function fromBindings(env: unknown, name: string): string | undefined {
  if (env === null || typeof env !== "object") return undefined;
  let value: unknown;
  try {
    value = (env as Record<string, unknown>)[name];
  } catch {
    // A proxy-backed env (some platforms guard unknown names) must not take the request down.
    return undefined;
  }
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * One variable: the given bindings first, then the runtime's environment (Deno, Bun, Node).
 * @param env - Workers bindings or any object of variables; other values are ignored
 * @param name - the variable's name
 */
export function readArmorVar(env: unknown, name: string): string | undefined {
  return fromBindings(env, name) ?? (readEnv(name) || undefined);
}

/**
 * Reads `ARMOR_API_KEY`, `ARMOR_API_URL` and `ARMOR_LOG`: from `env` when it has them (Workers
 * bindings), else from `Deno.env` (a denied permission reads as unset), `Bun.env` or `process.env`.
 * @param env - Workers bindings (or any object whose string properties are named like variables) to
 *   read first; non-string properties (KV namespaces, service bindings…) and non-objects are ignored
 * @returns the settings found; nothing is validated here (the client does that)
 */
export function readArmorEnv(env?: unknown): ArmorEnvSettings {
  const level = readArmorVar(env, "ARMOR_LOG");
  return {
    apiKey: readArmorVar(env, "ARMOR_API_KEY"),
    apiUrl: readArmorVar(env, "ARMOR_API_URL"),
    logLevel: isLogLevel(level) ? level : undefined,
  };
}

/**
 * Client options from the environment, with explicit `overrides` winning.
 * @param env - bindings to read first
 * @param overrides - options that take precedence over the environment
 */
export function optionsFromEnv(env?: unknown, overrides?: ClientOptions): ClientOptions {
  const given = readOptions(overrides);
  const found = readArmorEnv(env);
  return {
    ...given,
    apiKey: given.apiKey ?? found.apiKey,
    apiUrl: given.apiUrl ?? found.apiUrl,
    logLevel: given.logLevel ?? found.logLevel,
  };
}

/**
 * A lean freshness reader from the environment: the transport and the freshness resource only, for
 * edge bundles that do not need the whole client.
 * @param env - Workers bindings (or any object of variables) to read first
 * @param options - client options overriding what the environment says (`fetch`, `timeout`, …)
 * @returns a `FreshnessResource` over its own transport
 * @throws AuthenticationError when no usable key is found; ValidationError for a bad `ARMOR_API_URL`
 * @example
 * const freshness = freshnessFromEnv(env);
 * const status = await freshness.get("snowflake.prod.warehouse.orders");
 */
export function freshnessFromEnv(env?: unknown, options?: ClientOptions): FreshnessResource {
  return new FreshnessResource(createTransport(optionsFromEnv(env, options)));
}

/**
 * The freshness gate's default reader: `freshness.get` over a transport configured like
 * {@link freshnessFromEnv}'s, without the rest of the resource (its other calls' models and params).
 */
export function freshnessReaderFromEnv(env?: unknown): {
  get(assetId: string, options?: RequestOptions): Promise<FreshnessStatus>;
} {
  const transport = createTransport(optionsFromEnv(env));
  return { get: (assetId, options) => getFreshness(transport, assetId, options) };
}
