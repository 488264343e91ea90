/**
 * `anomalyarmor/testing/server`: serves a sandbox over loopback HTTP in Node, Deno and Bun. Deno has
 * `Deno.serve`, used directly so that a script needs `--allow-net` and nothing else; Node and Bun go
 * through srvx (one web-standard handler) rather than a hand-bridged `node:http`.
 *
 * @module anomalyarmor/testing/server
 */
import { ON_SERVE } from "./clock";
import { forward, type SandboxLike } from "./forward";

/** Where and how to listen. */
export interface ServeSandboxOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number | undefined;
  /** Loopback address to bind. @default "127.0.0.1" */
  hostname?: string | undefined;
}

/** A running loopback sandbox server. */
export interface SandboxServer {
  /** Base URL for clients, e.g. `http://127.0.0.1:4010/api/v1`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves `sandbox` on loopback. A sandbox created without a `clock` option follows wall time from
 * then on, as `anomalyarmor sandbox` does, so jobs finish and data ages with no test there to move the
 * clock; one created with `clock: "manual"` keeps it.
 * @param sandbox - from `createSandbox`
 * @returns the server's URL and `close()`
 * @throws Error when the port is taken, or (Node, Bun) `srvx` is not installed
 * @example
 * const server = await serveSandbox(createSandbox(), { port: 4010 });
 */
export async function serveSandbox(sandbox: SandboxLike, options: ServeSandboxOptions = {}): Promise<SandboxServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  const basePath = new URL(sandbox.url).pathname.replace(/\/+$/, "");
  const fetch = async (request: Request) => {
    const origin = new URL(request.url).origin;
    const forwarded = await forward(sandbox, request, origin + basePath);
    return forwarded
      ? sandbox.handle(forwarded)
      : Response.json({ error: { code: "NOT_FOUND", message: `No route below ${basePath}` } }, { status: 404 });
  };
  const listening = await listen(fetch, options.port ?? 0, hostname);
  // Served, nobody is left to move a clock whose mode was not chosen: from now on it follows wall time.
  (sandbox as { [ON_SERVE]?: () => void })[ON_SERVE]?.();
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return { url: `http://${host}:${listening.port}${basePath}`, ...listening };
}

/** The part of Deno's `Deno.serve` used here (no Deno types in the package's declarations). */
interface DenoServe {
  serve(
    options: { port: number; hostname: string; signal: AbortSignal; onListen: () => void },
    handler: (request: Request) => Promise<Response>,
  ): { addr: { port: number }; finished: Promise<void> };
}

/** Binds `fetch` to `hostname:port` with the runtime's own server where that needs no extra permission. */
async function listen(
  fetch: (request: Request) => Promise<Response>,
  port: number,
  hostname: string,
): Promise<Pick<SandboxServer, "port" | "close">> {
  const deno = (globalThis as { Deno?: DenoServe }).Deno;
  if (deno) {
    // srvx reads the environment (TERM, NO_COLOR) as it loads, which Deno refuses without --allow-env.
    const stop = new AbortController();
    const server = deno.serve({ port, hostname, signal: stop.signal, onListen: () => {} }, (request) =>
      // A copy that never reads `request.signal` (nor copies it): that read makes Deno warn about its
      // legacy abort semantics on every run. What is still in the sandbox (a hang fault) ends at close.
      fetch(
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: stop.signal,
          duplex: "half",
        } as RequestInit),
      ),
    );
    return {
      port: server.addr.port,
      close: () => {
        stop.abort();
        return server.finished;
      },
    };
  }
  const { serve } = await import("srvx");
  const server = serve({ port, hostname, silent: true, gracefulShutdown: false, fetch });
  await server.ready();
  return { port: Number(new URL(server.url ?? `http://${hostname}:${port}/`).port), close: () => server.close(true) };
}
export type { SandboxLike } from "./forward";
