/** Re-addresses a request to the sandbox's own base URL, so that any host or base path can front it. */

/** The part of a sandbox the transports (msw, loopback server) need. */
export interface SandboxLike {
  /** The sandbox's base URL (`https://sandbox.anomalyarmor.test/api/v1`). */
  readonly url: string;
  /** Answers one request. */
  handle(request: Request): Promise<Response>;
}

/**
 * Builds a request for `sandbox.url` + the part of `request`'s URL below `base`.
 * @returns the re-addressed request, or `undefined` when the request is not below `base`
 */
export async function forward(sandbox: SandboxLike, request: Request, base: string): Promise<Request | undefined> {
  const prefix = base.replace(/\/+$/, "");
  const raw = request.url;
  if (!raw.startsWith(prefix) || (raw.length > prefix.length && !"/?".includes(raw[prefix.length]!))) return undefined;
  const target = sandbox.url.replace(/\/+$/, "") + raw.slice(prefix.length);
  if (target === raw) return request;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    redirect: "manual",
    signal: request.signal,
  };
  if (hasBody) init.body = await request.arrayBuffer();
  return new Request(target, init);
}
