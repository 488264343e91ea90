// @vitest-environment happy-dom
/**
 * Server rendering and hydration with `@tanstack/react-query`: a "server" client (static key) fills a
 * QueryClient through our options, renders to HTML and dehydrates; a "browser" client (key function)
 * with the same `cacheScope` hydrates that state and the HTML, and renders without a request. The
 * whole file runs in happy-dom, so the server client is told it may hold a key there
 * (`dangerouslyAllowBrowser`); in a real server it would not need to.
 */
import {
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  useQuery,
  type DehydratedState,
} from "@tanstack/react-query";
import { setupServer } from "msw/node";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client";
import { armorKeys, armorQueries, type ArmorQueries } from "../../src/query";
import { createSandbox } from "../../src/testing/index";
import { sandboxHandlers } from "../../src/testing/msw";

const API = "https://armor.example.test/api/v1";
const sandbox = createSandbox({ seed: 20, clock: "manual" });
const server = setupServer(...sandboxHandlers(sandbox, API));
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

let root: Root | undefined;
beforeEach(() => sandbox.reset());
afterEach(() => {
  root?.unmount();
  root = undefined;
  document.body.innerHTML = "";
});

function Dashboard({ q }: { q: ArmorQueries }) {
  const summary = useQuery(q.freshness.summary());
  const assets = useQuery(q.assets.list({ limit: 3 }));
  return (
    <section>
      <p data-part="summary">{summary.data ? `${summary.data.fresh_count} fresh` : "loading"}</p>
      <ul>
        {assets.data?.map((asset) => (
          <li key={asset.id}>{asset.qualified_name}</li>
        ))}
      </ul>
    </section>
  );
}

/** What the server side sends: the rendered HTML and the dehydrated cache, as JSON. */
async function serverRender(): Promise<{ html: string; state: string }> {
  const client = new Client({
    apiKey: sandbox.keys.readOnly,
    apiUrl: API,
    cacheScope: "tenant-42",
    dangerouslyAllowBrowser: true,
  });
  const q = armorQueries(client);
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery(q.freshness.summary()),
    queryClient.prefetchQuery(q.assets.list({ limit: 3 })),
  ]);
  const html = renderToString(
    <QueryClientProvider client={queryClient}>
      <Dashboard q={q} />
    </QueryClientProvider>,
  );
  return { html, state: JSON.stringify(dehydrate(queryClient)) };
}

/** A browser client: a key function (short-lived tokens) and the scope it shares with the server. */
function browserClient(cacheScope: string, onKey: () => void): Client {
  return new Client({
    apiKey: () => {
      onKey();
      return sandbox.keys.readOnly;
    },
    apiUrl: API,
    cacheScope,
  });
}

function hydrate(html: string, state: string, client: Client, onRecoverableError: (error: unknown) => void) {
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const queryClient = new QueryClient();
  root = hydrateRoot(
    container,
    <QueryClientProvider client={queryClient}>
      <HydrationBoundary state={JSON.parse(state) as DehydratedState}>
        <Dashboard q={armorQueries(client)} />
      </HydrationBoundary>
    </QueryClientProvider>,
    { onRecoverableError },
  );
  return { container, queryClient };
}

const gets = () => sandbox.requests.filter((r) => r.method === "GET").length;

describe("dehydrate / hydrate across a static-key server and a key-function browser", () => {
  it("should hydrate the server's cache in the browser and render with no request", async () => {
    const { html, state } = await serverRender();
    expect(html).toContain("10 fresh");
    expect(state).not.toContain(sandbox.keys.readOnly);
    expect(state).toContain("tenant-42");
    const served = gets();
    expect(served).toBe(2);

    let keyReads = 0;
    const errors: unknown[] = [];
    const browser = browserClient("tenant-42", () => keyReads++);
    const { container, queryClient } = hydrate(html, state, browser, (error) => errors.push(error));
    await vi.waitFor(() =>
      expect(queryClient.getQueryData(armorKeys(browser).freshness.summary())?.fresh_count).toBe(10),
    );
    await new Promise((resolve) => setTimeout(resolve, 100)); // time for any mount refetch to start

    expect(container.querySelector("[data-part=summary]")?.textContent).toBe("10 fresh");
    expect(container.querySelectorAll("li")).toHaveLength(3);
    expect(errors).toEqual([]); // no hydration mismatch
    expect(gets()).toBe(served);
    expect(keyReads).toBe(0);
  });

  it("should fetch instead when the browser's cacheScope differs from the server's", async () => {
    const { html, state } = await serverRender();
    let keyReads = 0;
    const browser = browserClient("tenant-43", () => keyReads++);
    const { container } = hydrate(html, state, browser, () => {});
    // A different scope is a different cache: the hydrated entries are not this client's.
    await vi.waitFor(() => expect(gets()).toBe(4));
    await vi.waitFor(() => expect(container.querySelector("[data-part=summary]")?.textContent).toBe("10 fresh"));
    expect(keyReads).toBe(2);
  });
});
