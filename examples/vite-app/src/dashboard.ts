/**
 * The dashboard: plain DOM on top of anomalyarmor/query and @tanstack/query-core. Every panel is a
 * QueryObserver on one read (`armorQueries`); writes go through `armorMutations`, whose invalidations
 * refetch exactly the panels they make stale; a re-check's job is a polled query (`q.jobs.status`).
 */
import { MutationObserver, QueryClient, QueryObserver, type QueryObserverResult } from "@tanstack/query-core";
import type { ArmorError, Client, FreshnessStatus, LineageGraph } from "anomalyarmor";
import { armorKeys, armorMutations, armorQueries, type ArmorQueryOptions } from "anomalyarmor/query";

/** Options of {@link mountDashboard}. */
export interface DashboardOptions {
  /** Where the data comes from. */
  client: Client;
  /** The cache the panels share. @default a new QueryClient */
  queryClient?: QueryClient | undefined;
  /** The asset the detail panel shows first. @default the first stale asset */
  assetId?: string | undefined;
  /** Milliseconds between job reads while a re-check runs. @default 500 */
  jobPollMs?: number | undefined;
}

/** A mounted dashboard. */
export interface Dashboard {
  readonly queryClient: QueryClient;
  /** Shows one asset in the detail panel (its freshness and lineage). */
  select(assetId: string): void;
  /** Unsubscribes every observer and empties the root. */
  destroy(): void;
}

const SKELETON = `
  <section class="card summary" data-part="summary" aria-live="polite"><h2>Freshness</h2><div class="body">Loading…</div></section>
  <section class="card stale" data-part="stale"><h2>Stale assets</h2><div class="body">Loading…</div></section>
  <section class="card asset" data-part="asset">
    <h2 data-part="asset-name">No asset selected</h2>
    <div data-part="asset-status" class="status-line"></div>
    <div class="actions">
      <button type="button" data-action="refresh">Re-check freshness</button>
      <div class="job" data-part="job" hidden>
        <progress max="100" value="0"></progress>
        <span class="job-label"></span>
      </div>
    </div>
    <form data-part="threshold" class="threshold">
      <label>Expect a load every <input name="hours" type="number" min="1" max="720" step="1" value="48" required /> h</label>
      <button type="submit">Save schedule</button>
      <span class="form-status" data-part="threshold-status"></span>
    </form>
    <h3>Lineage</h3>
    <div data-part="lineage" class="lineage">Loading…</div>
  </section>`;

const esc = (text: unknown): string => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A qualified name that may wrap after its dots, never inside a word. */
const qname = (name: string): string => esc(name).replaceAll(".", ".<wbr>");
const hours = (h: number | null | undefined): string => (typeof h === "number" ? `${h.toFixed(1)} h` : "—");
const time = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleTimeString() : "—");
const errorText = (error: unknown): string => {
  const e = error as { code?: string; message?: string } | null;
  return e?.code ? `${e.code}: ${e.message ?? ""}` : String(e?.message ?? error);
};
/** `<schema>.<table>` of a table's qualified name `<source>.<database>.<schema>.<table>`. */
const tablePath = (qualifiedName: string): string => qualifiedName.split(".").slice(-2).join(".");

/**
 * Mounts the dashboard into `root`.
 * @param root - an empty element
 * @param options - client, cache, first asset, job polling interval
 * @returns the dashboard handle
 */
export function mountDashboard(root: HTMLElement, options: DashboardOptions): Dashboard {
  const { client } = options;
  const queryClient = options.queryClient ?? new QueryClient();
  queryClient.mount();
  const q = armorQueries(client);
  const m = armorMutations(client, queryClient);
  const keys = armorKeys(client);
  const jobPollMs = options.jobPollMs ?? 500;

  root.innerHTML = SKELETON;
  const part = <E extends HTMLElement = HTMLElement>(name: string) =>
    root.querySelector<E>(`[data-part="${name}"]`) as E;
  const cleanups: (() => void)[] = [];

  let selected: string | undefined = options.assetId;

  /**
   * Subscribes `render` to one read. Returns a function that points the same observer (and `render`)
   * at another read of that kind, e.g. another asset's.
   */
  function watch<TData, TKey extends readonly unknown[]>(
    first: ArmorQueryOptions<TData, TKey>,
    render: (result: QueryObserverResult<TData, ArmorError>) => void,
  ): (next: ArmorQueryOptions<TData, TKey>) => void {
    const observer = new QueryObserver(queryClient, first);
    cleanups.push(observer.subscribe(render));
    render(observer.getCurrentResult());
    return (next) => {
      observer.setOptions(next);
      render(observer.getCurrentResult());
    };
  }

  // The selected asset: its freshness and its lineage, one level each way. One observer each,
  // pointed at another asset's query when the selection changes.
  let showStatusOf: ((options: ReturnType<typeof q.freshness.get>) => void) | undefined;
  let showLineageOf: ((options: ReturnType<typeof q.lineage.get>) => void) | undefined;
  function renderStatus({ data, error }: QueryObserverResult<FreshnessStatus, ArmorError>): void {
    const line = part("asset-status");
    if (error) line.innerHTML = `<span class="error">${esc(errorText(error))}</span>`;
    else if (data) {
      line.innerHTML = `<span class="badge ${esc(data.status)}" data-status="${esc(data.status)}">${esc(data.status)}</span>
        ${hours(data.hours_since_update)} since last load · threshold ${hours(data.staleness_threshold_hours)} ·
        checked <time data-part="checked-at" datetime="${esc(data.checked_at)}">${esc(time(data.checked_at))}</time>`;
    }
  }
  function renderLineage({ data, error }: QueryObserverResult<LineageGraph, ArmorError>): void {
    const box = part("lineage");
    if (error) box.innerHTML = `<p class="error">${esc(errorText(error))}</p>`;
    else if (data) {
      const column = (title: string, nodes: LineageGraph["upstream"], cls = "") =>
        `<div class="column ${cls}" data-side="${title}"><h4>${title}</h4>${
          nodes.length
            ? `<ul>${nodes.map((n) => `<li><span class="type">${esc(n.asset_type)}</span> ${qname(n.qualified_name)}</li>`).join("")}</ul>`
            : `<p class="muted">none</p>`
        }</div>`;
      box.innerHTML =
        column("upstream", data.upstream) +
        column("asset", [data.root], "root") +
        column("downstream", data.downstream);
    }
  }

  // Re-check: the write starts a job; the job is a polled query whose progress is the bar; once it
  // completes, the freshness reads it made stale are invalidated and the panels refetch.
  const refreshButton = root.querySelector<HTMLButtonElement>('[data-action="refresh"]') as HTMLButtonElement;
  let stopJob: (() => void) | undefined;
  function showJob(state: "idle" | "running" | "done" | "failed", progress = 0, label = ""): void {
    const box = part("job");
    box.hidden = state === "idle";
    box.dataset.state = state;
    (box.querySelector("progress") as HTMLProgressElement).value = progress;
    (box.querySelector(".job-label") as HTMLElement).textContent = label;
  }
  refreshButton.addEventListener("click", async () => {
    const assetId = selected;
    if (!assetId) return;
    refreshButton.disabled = true;
    showJob("running", 0, "queued");
    try {
      const { job_id } = await client.freshness.refresh(assetId);
      const job = new QueryObserver(queryClient, q.jobs.status(job_id, { intervalMs: jobPollMs }));
      stopJob?.();
      stopJob = job.subscribe(({ data, error }) => {
        if (error) {
          finish();
          showJob("failed", 0, errorText(error));
        } else if (data) {
          const settled = ["completed", "failed", "cancelled", "timed_out", "error"].includes(data.status);
          if (!settled) showJob("running", data.progress ?? 0, `${data.status} ${Math.round(data.progress ?? 0)}%`);
          else if (data.status === "completed") {
            finish();
            showJob("done", 100, "updating…");
            void queryClient.invalidateQueries({ queryKey: keys.freshness.all }).then(() => {
              if (selected === assetId) showJob("done", 100, `re-checked at ${new Date().toLocaleTimeString()}`);
            });
          } else {
            finish();
            showJob("failed", data.progress ?? 0, `${data.status}${data.error ? `: ${data.error}` : ""}`);
          }
        }
      });
    } catch (error) {
      finish();
      showJob("failed", 0, errorText(error));
    }
    function finish() {
      stopJob?.();
      stopJob = undefined;
      refreshButton.disabled = false;
    }
  });

  // Threshold: an explicit freshness schedule for the asset. The mutation invalidates that asset's
  // freshness, the freshness lists and the summary (the query layer's table), so all three refetch.
  const thresholdForm = part<HTMLFormElement>("threshold");
  const schedule = new MutationObserver(queryClient, m.freshness.createSchedule());
  cleanups.push(
    schedule.subscribe(({ status, error }) => {
      const out = part("threshold-status");
      thresholdForm.querySelector("button")!.disabled = status === "pending";
      out.dataset.state = status;
      out.textContent =
        status === "pending" ? "saving…" : status === "success" ? "saved" : status === "error" ? errorText(error) : "";
    }),
  );
  thresholdForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!selected) return;
    const value = Number(new FormData(thresholdForm).get("hours"));
    schedule
      .mutate({
        asset_id: selected,
        table_path: tablePath(selected),
        check_interval: "1h",
        monitoring_mode: "explicit",
        expected_interval_hours: value,
      })
      .catch(() => undefined); // shown by the subscription above
  });

  function select(assetId: string): void {
    selected = assetId;
    part("asset-name").textContent = assetId;
    for (const el of root.querySelectorAll<HTMLElement>("[data-asset]"))
      el.classList.toggle("selected", el.dataset.asset === assetId);
    stopJob?.();
    stopJob = undefined;
    refreshButton.disabled = false;
    showJob("idle");
    schedule.reset();
    if (showStatusOf && showLineageOf) {
      showStatusOf(q.freshness.get(assetId));
      showLineageOf(q.lineage.get(assetId, { depth: 1 }));
    } else {
      showStatusOf = watch(q.freshness.get(assetId), renderStatus);
      showLineageOf = watch(q.lineage.get(assetId, { depth: 1 }), renderLineage);
    }
  }

  // Summary: counts and the share of fresh tables.
  watch(q.freshness.summary(), ({ data, error }) => {
    const body = part("summary").querySelector(".body") as HTMLElement;
    if (error) body.innerHTML = `<p class="error">${esc(errorText(error))}</p>`;
    else if (data) {
      body.innerHTML = `
        <div class="meter" title="${esc(data.freshness_rate)}% fresh"><span style="width:${Number(data.freshness_rate) || 0}%"></span></div>
        <dl class="counts">
          <div class="fresh"><dt>fresh</dt><dd data-count="fresh">${esc(data.fresh_count)}</dd></div>
          <div class="stale"><dt>stale</dt><dd data-count="stale">${esc(data.stale_count)}</dd></div>
          <div class="unknown"><dt>unknown</dt><dd data-count="unknown">${esc(data.unknown_count)}</dd></div>
          <div class="disabled"><dt>disabled</dt><dd data-count="disabled">${esc(data.disabled_count)}</dd></div>
        </dl>
        <p class="muted">${esc(data.freshness_rate)}% of ${esc(data.total_assets)} tables fresh</p>`;
    }
  });

  // Stale assets: each one opens in the detail panel.
  watch(q.freshness.list({ status: "stale" }), ({ data, error }) => {
    const body = part("stale").querySelector(".body") as HTMLElement;
    if (error) body.innerHTML = `<p class="error">${esc(errorText(error))}</p>`;
    else if (data) {
      body.innerHTML = data.length
        ? `<ul class="asset-list">${data.map(staleRow).join("")}</ul>`
        : `<p class="ok">Every monitored table is fresh.</p>`;
      for (const el of body.querySelectorAll<HTMLElement>("[data-asset]"))
        el.classList.toggle("selected", el.dataset.asset === selected);
      if (!selected && data[0]) select(data[0].qualified_name);
    }
  });
  function staleRow(s: FreshnessStatus): string {
    return `<li><button type="button" data-asset="${esc(s.qualified_name)}">
      <span class="name">${qname(s.qualified_name)}</span>
      <span class="age">${hours(s.hours_since_update)} since last load · threshold ${hours(s.staleness_threshold_hours)}</span>
    </button></li>`;
  }
  part("stale").addEventListener("click", (event) => {
    const asset = (event.target as HTMLElement).closest<HTMLElement>("[data-asset]")?.dataset.asset;
    if (asset) select(asset);
  });

  if (selected) select(selected);
  return {
    queryClient,
    select,
    destroy() {
      stopJob?.();
      for (const cleanup of cleanups.splice(0)) cleanup();
      queryClient.unmount();
      root.innerHTML = "";
    },
  };
}
