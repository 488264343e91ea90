// @vitest-environment happy-dom
/**
 * `@tanstack/react-query` with our options, for real: components rendered by React in happy-dom, a
 * Client talking HTTP to the sandbox through msw (`setupServer`), and the sandbox's manual clock so
 * that jobs move when a test says so. Request counts come from the sandbox's own log.
 */
import {
  QueryClient,
  QueryClientProvider,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  useSuspenseQuery,
} from "@tanstack/react-query";
import { setupServer } from "msw/node";
import { Component, Suspense, useMemo, useState, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client";
import { ArmorError, NotFoundError } from "../../src/core/errors";
import { armorMutations, armorQueries, type ArmorQueries } from "../../src/query";
import { createSandbox } from "../../src/testing/index";
import { sandboxHandlers } from "../../src/testing/msw";

const API = "https://armor.example.test/api/v1";
const ORDERS = "snowflake.prod.warehouse.orders";
const CUSTOMERS = "snowflake.prod.warehouse.customers";

const sandbox = createSandbox({ seed: 20, clock: "manual" });
const server = setupServer(...sandboxHandlers(sandbox, API));
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

let client: Client;
let q: ArmorQueries;
let queryClient: QueryClient;
let root: Root | undefined;
let container: HTMLElement;
/** Errors React handed to an error boundary, as `createRoot`'s `onCaughtError` saw them. */
let caught: unknown[];

beforeEach(() => {
  sandbox.reset();
  client = new Client({
    apiKey: sandbox.keys.readWrite,
    apiUrl: API,
    maxRetries: 0,
    dangerouslyAllowBrowser: true, // happy-dom is a browser to the SDK; the sandbox's keys are not secrets
  });
  q = armorQueries(client);
  queryClient = new QueryClient();
  caught = [];
});

afterEach(() => {
  root?.unmount();
  root = undefined;
  queryClient.clear();
  document.body.innerHTML = "";
});

function render(ui: ReactNode): void {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container, { onCaughtError: (error) => caught.push(error) });
  root.render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>);
}

const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
const text = (selector: string) => $(selector)?.textContent ?? "";
/**
 * Requests the sandbox answered whose path (below /api/v1) matches. happy-dom's fetch is a browser's:
 * a cross-origin call sends a CORS preflight first, which the sandbox answers and logs; those are left out.
 */
const hits = (path: RegExp) =>
  sandbox.requests.filter((r) => r.method !== "OPTIONS" && path.test(r.path.replace(/^\/api\/v1/, ""))).length;
const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 5 });

describe("@tanstack/react-query", () => {
  it("should render useQuery(q.freshness.summary()) from the sandbox", async () => {
    function Summary() {
      const { data, isPending } = useQuery(q.freshness.summary());
      if (isPending) return <p data-part="summary">loading</p>;
      return (
        <p data-part="summary">
          {data?.fresh_count} fresh, {data?.stale_count} stale
        </p>
      );
    }
    render(<Summary />);
    await until(() => expect(text("[data-part=summary]")).toBe("loading"));
    await until(() => expect(text("[data-part=summary]")).toBe("10 fresh, 2 stale"));
    expect(hits(/^\/sdk\/freshness\/summary$/)).toBe(1);
  });

  it("should page through the catalogue with useInfiniteQuery(q.assets.infinite())", async () => {
    function Catalogue() {
      const { data, hasNextPage, fetchNextPage, isFetching } = useInfiniteQuery(q.assets.infinite({ limit: 5 }));
      const rows = data?.pages.flatMap((page) => page.items) ?? [];
      return (
        <div>
          <ul>
            {rows.map((asset) => (
              <li key={asset.id}>{asset.qualified_name}</li>
            ))}
          </ul>
          {hasNextPage ? (
            <button disabled={isFetching} onClick={() => void fetchNextPage()}>
              more
            </button>
          ) : (
            <p data-part="end">{isFetching ? "" : "end"}</p>
          )}
        </div>
      );
    }
    render(<Catalogue />);
    for (let shown = 5; shown <= 15; shown += 5) {
      await until(() => expect(container.querySelectorAll("li")).toHaveLength(shown));
      await until(() => expect($("button")?.hasAttribute("disabled")).toBe(false));
      $("button")!.click();
    }
    await until(() => expect(text("[data-part=end]")).toBe("end"));
    const names = [...container.querySelectorAll("li")].map((li) => li.textContent);
    const all = (await client.assets.list({ limit: 100 })).map((asset) => asset.qualified_name);
    expect(names).toEqual(all);
    expect(all).toHaveLength(18);
    // four pages (5 + 5 + 5 + 3), one request each, plus the direct list above
    expect(hits(/^\/sdk\/assets$/)).toBe(5);
  });

  it("should re-render only the component whose data a useMutation invalidated", async () => {
    const renders: Record<string, number> = {};
    function Metrics({ assetId }: { assetId: string }) {
      renders[assetId] = (renders[assetId] ?? 0) + 1;
      const { data } = useQuery(q.metrics.list(assetId));
      return <p data-asset={assetId}>{data ? `${data.length} metrics` : "…"}</p>;
    }
    function AddMetric({ assetId, tablePath }: { assetId: string; tablePath: string }) {
      const queryClient = useQueryClient();
      const m = useMemo(() => armorMutations(client, queryClient), [queryClient]);
      const create = useMutation(m.metrics.create(assetId));
      return (
        <button onClick={() => create.mutate({ metric_type: "row_count", table_path: tablePath })}>
          {create.isSuccess ? "added" : "add"}
        </button>
      );
    }
    render(
      <>
        <Metrics assetId={ORDERS} />
        <Metrics assetId={CUSTOMERS} />
        <AddMetric assetId={ORDERS} tablePath="warehouse.orders" />
      </>,
    );
    const count = (assetId: string) => Number(text(`[data-asset="${assetId}"]`).split(" ")[0]);
    await until(() => expect(text(`[data-asset="${ORDERS}"]`)).toMatch(/^\d+ metrics$/));
    await until(() => expect(text(`[data-asset="${CUSTOMERS}"]`)).toMatch(/^\d+ metrics$/));
    const before = { orders: count(ORDERS), customers: count(CUSTOMERS), renders: { ...renders } };
    const customerReads = hits(/^\/sdk\/metrics\/[^/]*customers$/);

    $("button")!.click();
    await until(() => expect($("button")?.textContent).toBe("added"));
    await until(() => expect(count(ORDERS)).toBe(before.orders + 1));

    expect(count(CUSTOMERS)).toBe(before.customers);
    expect(renders[CUSTOMERS]).toBe(before.renders[CUSTOMERS]);
    expect(renders[ORDERS]).toBeGreaterThan(before.renders[ORDERS]!);
    expect(hits(/^\/sdk\/metrics\/[^/]*customers$/)).toBe(customerReads);
  });

  it("should drive a progress element from a job-waiting mutation's onProgress", async () => {
    function Recheck({ assetId }: { assetId: string }) {
      const queryClient = useQueryClient();
      const m = useMemo(() => armorMutations(client, queryClient), [queryClient]);
      const [progress, setProgress] = useState(0);
      const refresh = useMutation(
        m.freshness.refresh(assetId, { intervalMs: 5, onProgress: (job) => setProgress(job.progress ?? 0) }),
      );
      return (
        <div>
          <progress max={100} value={progress} />
          <button onClick={() => refresh.mutate()}>
            {refresh.isSuccess ? "done" : refresh.isPending ? "checking" : "re-check"}
          </button>
        </div>
      );
    }
    render(<Recheck assetId={ORDERS} />);
    const progress = () => Number($("progress")?.getAttribute("value"));
    const seen: number[] = [];

    await until(() => expect(text("button")).toBe("re-check"));
    $("button")!.click();
    await until(() => expect(text("button")).toBe("checking"));
    for (let step = 0; step < 3; step++) {
      const last = progress();
      sandbox.clock.advance({ seconds: 1.5 });
      await until(() => expect(progress()).toBeGreaterThan(last));
      seen.push(progress());
    }
    sandbox.clock.advance({ seconds: 5 });
    await until(() => expect(text("button")).toBe("done"));
    seen.push(progress());

    // rising through values between 0 and 100, ending at 100 once the job completed
    expect(seen.slice(0, -1).every((p) => p > 0 && p < 100)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.at(-1)).toBe(100);
  });

  it("should stop polling useQuery(q.jobs.status(id)) once the job reaches a terminal state", async () => {
    const { job_id } = await client.freshness.refresh(ORDERS);
    const jobReads = () => hits(new RegExp(`^/sdk/jobs/${job_id}$`));
    function Job({ id }: { id: string }) {
      const { data } = useQuery(q.jobs.status(id, { intervalMs: 10 }));
      return <p data-part="job">{data?.status ?? "…"}</p>;
    }
    render(<Job id={job_id} />);
    await until(() => expect(text("[data-part=job]")).toBe("pending"));
    await until(() => expect(jobReads()).toBeGreaterThanOrEqual(3)); // polling while pending

    sandbox.clock.advance({ seconds: 6 });
    await until(() => expect(text("[data-part=job]")).toBe("completed"));
    const atTerminal = jobReads();
    await new Promise((resolve) => setTimeout(resolve, 150)); // fifteen intervals
    expect(jobReads()).toBe(atTerminal);
  });

  it("should hand a typed ArmorError to an error boundary", async () => {
    class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
      override state: { error: unknown } = { error: undefined };
      static getDerivedStateFromError(error: unknown) {
        return { error };
      }
      override render() {
        const { error } = this.state;
        if (error instanceof ArmorError) {
          return (
            <p role="alert">
              {error.name} {error.status} {error.code}
            </p>
          );
        }
        return error === undefined ? this.props.children : <p role="alert">not an ArmorError</p>;
      }
    }
    function Asset({ assetId }: { assetId: string }) {
      const { data } = useQuery({ ...q.assets.get(assetId), throwOnError: true });
      return <p>{data?.name}</p>;
    }
    render(
      <Boundary>
        <Asset assetId="snowflake.prod.warehouse.no_such_table" />
      </Boundary>,
    );
    await until(() => expect(text("[role=alert]")).toBe("NotFoundError 404 ASSET_NOT_FOUND"));
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(caught[0])).not.toContain(sandbox.keys.readWrite);
    // retry defers to the SDK: one request, no TanStack retries on top
    expect(hits(/^\/sdk\/assets\//)).toBe(1);
  });

  it("should suspend on useSuspenseQuery with our options, then render the model", async () => {
    function Fresh({ assetId }: { assetId: string }) {
      const { data } = useSuspenseQuery(q.freshness.get(assetId));
      return (
        <p data-part="fresh">
          {data.qualified_name}: {data.status}
        </p>
      );
    }
    render(
      <Suspense fallback={<p data-part="fallback">loading</p>}>
        <Fresh assetId={ORDERS} />
        <Fresh assetId="snowflake.prod.marts.revenue_daily" />
      </Suspense>,
    );
    await until(() => expect(text("[data-part=fallback]")).toBe("loading"));
    await until(() => expect(container.querySelectorAll("[data-part=fresh]")).toHaveLength(2));
    expect([...container.querySelectorAll("[data-part=fresh]")].map((p) => p.textContent)).toEqual([
      `${ORDERS}: fresh`,
      "snowflake.prod.marts.revenue_daily: stale",
    ]);
    expect($("[data-part=fallback]")).toBeNull();
  });
});
