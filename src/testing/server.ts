/**
 * `anomalyarmor/testing/server`: serves a sandbox over loopback HTTP in Node, Deno and Bun, through srvx
 * (one web-standard handler on every runtime) rather than a hand-bridged `node:http`.
 */
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
 * Serves `sandbox` on loopback.
 * @param sandbox - from `createSandbox`
 * @returns the server's URL and `close()`
 * @throws Error when the port is taken or `srvx` is not installed
 * @example
 * const server = await serveSandbox(createSandbox(), { port: 4010 });
 */
export async function serveSandbox(sandbox: SandboxLike, options: ServeSandboxOptions = {}): Promise<SandboxServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  const { serve } = await import("srvx");
  const basePath = new URL(sandbox.url).pathname.replace(/\/+$/, "");
  const server = serve({
    port: options.port ?? 0,
    hostname,
    silent: true,
    gracefulShutdown: false,
    fetch: async (request: Request) => {
      const origin = new URL(request.url).origin;
      const forwarded = await forward(sandbox, request, origin + basePath);
      return forwarded
        ? sandbox.handle(forwarded)
        : Response.json({ error: { code: "NOT_FOUND", message: `No route below ${basePath}` } }, { status: 404 });
    },
  });
  await server.ready();
  const bound = new URL(server.url ?? `http://${hostname}:${options.port ?? 0}/`);
  const port = Number(bound.port);
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${port}${basePath}`,
    port,
    close: () => server.close(true),
  };
}
export type { SandboxLike } from "./forward";
