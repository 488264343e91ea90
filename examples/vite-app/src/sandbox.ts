/**
 * No account needed: an AnomalyArmor sandbox runs in the page, and msw's service worker answers the
 * client's requests from it. Loaded only when no API is configured, so a production bundle pointed
 * at a real account carries neither the sandbox nor msw.
 */
import { setupWorker } from "msw/browser";
import { createSandbox, type Sandbox } from "anomalyarmor/testing";
import { sandboxHandlers } from "anomalyarmor/testing/msw";

declare global {
  interface Window {
    /** The running sandbox, for play from the console: `armorSandbox.admin.touchTable("snowflake.prod.marts.revenue_daily")`. */
    armorSandbox?: Sandbox;
  }
}

/** Starts the sandbox (its clock follows wall time from now) and the worker that serves it. */
export async function startSandbox(): Promise<Sandbox> {
  const sandbox = createSandbox({ clock: "realtime", start: Date.now() });
  // Linked from the repository (file:../..), anomalyarmor's types name the repository's copy of msw
  // and this folder's is another; vite serves one copy (resolve.dedupe), so only the types differ.
  const handlers = sandboxHandlers(sandbox) as unknown as Parameters<typeof setupWorker>;
  const worker = setupWorker(...handlers);
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledFrame: "bypass",
    quiet: true,
  });
  window.armorSandbox = sandbox;
  return sandbox;
}
