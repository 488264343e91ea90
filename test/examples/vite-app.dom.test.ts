// @vitest-environment happy-dom
/**
 * examples/vite-app's dashboard in happy-dom: the real component code (bundled from the example's
 * source with `anomalyarmor` resolved to this repository's src/), a Client answering from an in-process
 * sandbox through its `fetch` option, and a manual sandbox clock so a job's progress is stepped, not
 * waited for.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../../src/client";
import { createSandbox, type Sandbox } from "../../src/testing/index";

// A path string, not new URL(): under happy-dom, URL is the DOM's, which Node's fileURLToPath refuses.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const REVENUE = "snowflake.prod.marts.revenue_daily";
const PAGE_VIEWS = "databricks.lakehouse.events.page_views";

interface Dashboard {
  select(assetId: string): void;
  destroy(): void;
}
type Mount = (
  root: HTMLElement,
  options: { client: Client; assetId?: string | undefined; jobPollMs?: number },
) => Dashboard;

let mountDashboard: Mount;
// Inside the repository (test-output/ is ignored), where vitest's module runner loads files from.
mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
const outDir = mkdtempSync(path.join(ROOT, "test-output", "vite-app-dom-"));

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(ROOT, "examples", "vite-app", "src", "dashboard.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    alias: { anomalyarmor: path.join(ROOT, "src") },
    logLevel: "silent",
  });
  const file = path.join(outDir, "dashboard.mjs");
  writeFileSync(file, result.outputFiles[0]!.text);
  ({ mountDashboard } = (await import(/* @vite-ignore */ file)) as { mountDashboard: Mount });
}, 30_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let sandbox: Sandbox;
let dashboard: Dashboard | undefined;
let root: HTMLElement;

function mount(options: { key?: keyof Sandbox["keys"]; assetId?: string } = {}): Dashboard {
  sandbox = createSandbox({ clock: "manual" });
  const client = new Client({
    apiKey: sandbox.keys[options.key ?? "readWrite"],
    apiUrl: sandbox.url,
    fetch: sandbox.fetch,
    dangerouslyAllowBrowser: true, // happy-dom is a browser to the SDK; the sandbox's keys are not secrets
  });
  root = document.createElement("main");
  document.body.append(root);
  dashboard = mountDashboard(root, { client, assetId: options.assetId, jobPollMs: 10 });
  return dashboard;
}

afterEach(() => {
  dashboard?.destroy();
  dashboard = undefined;
  document.body.innerHTML = "";
});

const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const textOf = (selector: string) => $(selector)?.textContent?.trim() ?? "";
const staleAssets = () =>
  [...root.querySelectorAll<HTMLElement>("[data-part=stale] [data-asset]")].map((el) => el.dataset.asset);
const reads = (suffix: string) => sandbox.requests.filter((r) => r.method === "GET" && r.path.endsWith(suffix)).length;
const job = () => $("[data-part=job]") as HTMLElement & { dataset: { state?: string } };

describe("mountDashboard", () => {
  it("should show the freshness summary and the stale assets, and open the first stale one", async () => {
    mount();
    await expect.poll(() => textOf('[data-count="fresh"]')).toBe("10");
    expect(textOf('[data-count="stale"]')).toBe("2");
    expect(textOf('[data-count="unknown"]')).toBe("1");
    expect(textOf('[data-count="disabled"]')).toBe("1");
    expect(staleAssets()).toEqual([REVENUE, PAGE_VIEWS]);
    await expect.poll(() => textOf("[data-part=asset-name]")).toBe(REVENUE);
    await expect.poll(() => $("[data-part=asset-status] [data-status]")?.dataset.status).toBe("stale");
    expect(textOf("[data-part=asset-status]")).toContain("26.5 h since last load · threshold 24.0 h");
  });

  it("should show the selected asset's lineage one level each way, and follow the selection", async () => {
    mount({ assetId: REVENUE });
    await expect
      .poll(() => textOf("[data-part=lineage] [data-side=upstream]"))
      .toContain("snowflake.prod.warehouse.orders");
    expect(textOf("[data-part=lineage] [data-side=downstream]")).toContain("none");

    await expect.poll(() => staleAssets()).toEqual([REVENUE, PAGE_VIEWS]);
    (root.querySelector(`[data-asset="${PAGE_VIEWS}"]`) as HTMLElement).click();
    expect(textOf("[data-part=asset-name]")).toBe(PAGE_VIEWS);
    await expect
      .poll(() => textOf("[data-part=lineage] [data-side=downstream]"))
      .toContain("databricks.lakehouse.ml.churn_features");
    expect(textOf("[data-part=lineage] [data-side=upstream]")).toContain("none");
    expect(root.querySelector(`[data-asset="${PAGE_VIEWS}"]`)?.classList.contains("selected")).toBe(true);
  });

  it("should show a re-check's job as a progress bar until it completes, then refetch freshness", async () => {
    mount({ assetId: REVENUE });
    await expect.poll(() => textOf('[data-count="fresh"]')).toBe("10");
    await expect.poll(() => $("[data-part=asset-status] [data-status]")?.dataset.status).toBe("stale");
    expect(reads("/sdk/freshness/summary")).toBe(1);
    const button = $('[data-action="refresh"]') as HTMLButtonElement;
    expect(job().hidden).toBe(true);

    button.click();
    // pending: the job exists and is polled; the sandbox's clock has not moved, so it stays pending.
    await expect.poll(() => textOf("[data-part=job] .job-label")).toBe("pending 0%");
    expect(job().hidden).toBe(false);
    expect(button.disabled).toBe(true);

    sandbox.clock.advance({ seconds: 2 });
    await expect.poll(() => textOf("[data-part=job] .job-label")).toMatch(/^running \d+%$/);
    const progress = (job().querySelector("progress") as HTMLProgressElement).value;
    expect(progress).toBe(31);
    expect(reads("/sdk/freshness/summary")).toBe(1); // nothing refetched while the job runs

    sandbox.clock.advance({ seconds: 5 });
    await expect.poll(() => textOf("[data-part=job] .job-label")).toMatch(/^re-checked at /);
    expect(job().dataset.state).toBe("done");
    expect(button.disabled).toBe(false);
    expect(sandbox.effects["job.freshness_refresh"]).toBe(1);
    // The completed job invalidated freshness: summary, stale list and the asset refetched once each.
    expect(reads("/sdk/freshness/summary")).toBe(2);
    expect(reads(`/sdk/freshness/${encodeURIComponent(REVENUE)}`)).toBe(2);
    // Polling stopped with the job: no job read after the one that saw it complete.
    const jobReads = sandbox.requests.filter((r) => r.path.includes("/sdk/jobs/")).length;
    await new Promise((resolve) => setTimeout(resolve, 100)); // ten polling intervals
    expect(sandbox.requests.filter((r) => r.path.includes("/sdk/jobs/")).length).toBe(jobReads);
  });

  it("should report a re-check the key may not start, and let the user try again", async () => {
    mount({ key: "readOnly", assetId: REVENUE });
    await expect.poll(() => $("[data-part=asset-status] [data-status]")?.dataset.status).toBe("stale");
    const button = $('[data-action="refresh"]') as HTMLButtonElement;
    button.click();
    await expect.poll(() => job().dataset.state).toBe("failed");
    expect(textOf("[data-part=job] .job-label")).toMatch(/^FORBIDDEN: /);
    expect(button.disabled).toBe(false);
  });

  it("should refresh the summary, the stale list and the asset after a schedule mutation", async () => {
    mount({ assetId: REVENUE });
    await expect.poll(() => staleAssets()).toEqual([REVENUE, PAGE_VIEWS]);
    await expect.poll(() => $("[data-part=asset-status] [data-status]")?.dataset.status).toBe("stale");
    const form = $("[data-part=threshold]") as HTMLFormElement;
    (form.querySelector("input[name=hours]") as HTMLInputElement).value = "48";
    form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));

    await expect.poll(() => textOf("[data-part=threshold-status]")).toBe("saved");
    expect(sandbox.effects["freshness.create_schedule"]).toBe(1);
    await expect.poll(() => textOf('[data-count="fresh"]')).toBe("11");
    expect(textOf('[data-count="stale"]')).toBe("1");
    await expect.poll(() => staleAssets()).toEqual([PAGE_VIEWS]);
    await expect.poll(() => $("[data-part=asset-status] [data-status]")?.dataset.status).toBe("fresh");
    expect(textOf("[data-part=asset-status]")).toContain("threshold 48.0 h");
  });
});
