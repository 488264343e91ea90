/**
 * The one place that probes the host runtime. Nothing here imports a runtime module: every probe
 * goes through `globalThis`, guarded, so the core bundles for browsers, Deno, Bun and Workers alike.
 */

interface DenoLike {
  env?: { get(name: string): string | undefined };
}
interface ProcessLike {
  env?: Record<string, string | undefined>;
  versions?: { node?: string };
}
interface BunLike {
  env?: Record<string, string | undefined>;
}

const g = globalThis as unknown as {
  Deno?: DenoLike;
  process?: ProcessLike;
  Bun?: BunLike;
  window?: unknown;
  document?: unknown;
};

/**
 * Reads an environment variable where the runtime has an environment; `undefined` elsewhere.
 * A Deno without `--allow-env` answers `undefined` instead of throwing.
 */
export function readEnv(name: string): string | undefined {
  try {
    if (g.Deno?.env) return g.Deno.env.get(name) ?? undefined;
  } catch {
    return undefined;
  }
  try {
    if (g.Bun?.env) return g.Bun.env[name];
    return g.process?.env?.[name];
  } catch {
    return undefined;
  }
}

/** True where `window` and `document` both exist: the definition of "browser" in the API contract. */
export function isBrowser(): boolean {
  return typeof g.window !== "undefined" && typeof g.document !== "undefined";
}
