/**
 * `anomalyarmor/testing/msw`: msw request handlers answering from a sandbox, for `setupServer` (Node) and
 * `setupWorker` (browsers).
 *
 * @module anomalyarmor/testing/msw
 */
import { http, type HttpHandler } from "msw";
import { forward, type SandboxLike } from "./forward";

/**
 * msw handlers that answer every request below `baseUrl` from the sandbox.
 * @param sandbox - from `createSandbox`
 * @param baseUrl - the API base URL your client uses. @default sandbox.url
 * @returns handlers for `setupServer(...)` / `setupWorker(...)`
 * @example
 * const server = setupServer(...sandboxHandlers(sandbox, "https://app.anomalyarmor.ai/api/v1"));
 */
export function sandboxHandlers(sandbox: SandboxLike, baseUrl: string = sandbox.url): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, "");
  return [
    http.all(`${base}/*`, async ({ request }) => {
      const forwarded = await forward(sandbox, request, base);
      return forwarded ? sandbox.handle(forwarded) : undefined;
    }),
  ];
}
export type { SandboxLike } from "./forward";
