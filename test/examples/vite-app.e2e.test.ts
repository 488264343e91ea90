/**
 * examples/vite-app end to end: built with Vite (anomalyarmor resolved to this repository's src/),
 * served by `vite preview` on loopback, and driven in headless Chromium through playwright-core. No
 * account and no network: the sandbox runs in the page and msw's service worker answers the client.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build, preview, type InlineConfig, type PreviewServer } from "vite";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const APP = path.join(ROOT, "examples", "vite-app");
const OUTPUT = path.join(ROOT, "test-output", "vite-app");
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

if (!hasChromium && !process.env.CI) {
  console.warn(
    `examples/vite-app end-to-end test skipped: ${CHROMIUM} not found (apt-get install -y chromium). Under CI=true it runs and fails instead.`,
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const config = (port: number): InlineConfig => ({
  root: APP,
  configFile: path.join(APP, "vite.config.ts"),
  logLevel: "silent",
  // As installed, `anomalyarmor` is the package linked from ../..; here it is the repository's source.
  resolve: { alias: [{ find: /^anomalyarmor(?=\/|$)/, replacement: path.join(ROOT, "src") }] },
  build: { outDir: path.join(OUTPUT, "dist"), emptyOutDir: true },
  preview: { host: "127.0.0.1", port, strictPort: true },
});

let server: PreviewServer | undefined;
let context: BrowserContext | undefined;
const profiles: string[] = [];

afterAll(async () => {
  await context?.close();
  await server?.close();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

describe("examples/vite-app", () => {
  it.skipIf(!hasChromium && !process.env.CI)(
    "should load the dashboard, show the assets, and show a re-check's progress and then fresh data",
    async () => {
      mkdirSync(OUTPUT, { recursive: true });
      const port = await freePort();
      await build(config(port));
      server = await preview(config(port));
      const url = `http://127.0.0.1:${port}/`;

      const profile = mkdtempSync(path.join(tmpdir(), "armor-chromium-"));
      profiles.push(profile);
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        viewport: { width: 1200, height: 820 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));

      // Loads: the sandbox's demo catalogue, through the service worker.
      await page.goto(url);
      await expect.poll(() => text(page, "#connection"), { timeout: 15_000 }).toBe("sandbox (no account)");
      await page.locator('[data-count="fresh"]').waitFor();
      expect(await text(page, '[data-count="fresh"]')).toBe("10");
      expect(await text(page, '[data-count="stale"]')).toBe("2");
      const stale = await page
        .locator("[data-part=stale] [data-asset]")
        .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.asset));
      expect(stale).toEqual(["snowflake.prod.marts.revenue_daily", "databricks.lakehouse.events.page_views"]);
      await expect
        .poll(() => text(page, "[data-part=lineage] [data-side=upstream]"))
        .toContain("snowflake.prod.warehouse.orders");
      expect(await page.locator("[data-part=asset-status] [data-status]").getAttribute("data-status")).toBe("stale");
      const checkedBefore = await page.locator("[data-part=checked-at]").getAttribute("datetime");

      // Re-check: a bar while the job runs, then the freshness panels refetch.
      await page.click('[data-action="refresh"]');
      await page.locator('[data-part=job][data-state="running"] progress').waitFor({ state: "visible" });
      // audit: a real browser on a real clock: any progress shows the bar moving
      await expect
        .poll(() => page.locator("[data-part=job] progress").evaluate((el) => (el as HTMLProgressElement).value), {
          timeout: 8_000,
        })
        .toBeGreaterThan(0);
      await page.screenshot({ path: path.join(OUTPUT, "dashboard-refreshing.png") });
      await page.locator('[data-part=job][data-state="done"]').waitFor({ timeout: 15_000 });
      await expect.poll(() => text(page, "[data-part=job] .job-label")).toMatch(/^re-checked at /);
      const checkedAfter = await page.locator("[data-part=checked-at]").getAttribute("datetime");
      expect(Date.parse(checkedAfter ?? "")).toBeGreaterThan(Date.parse(checkedBefore ?? ""));
      // The page keeps its sandbox on window.armorSandbox (examples/vite-app/src/sandbox.ts).
      const requests = await page.evaluate(() => {
        const sandbox = (window as unknown as { armorSandbox: { requests: { method: string; path: string }[] } })
          .armorSandbox;
        return sandbox.requests.filter((r) => r.method === "GET" && r.path.endsWith("/sdk/freshness/summary")).length;
      });
      expect(requests).toBe(2); // first load, then the refetch the re-check's invalidation caused

      // A write through armorMutations: an explicit 48 h schedule makes revenue_daily fresh, and the
      // summary, the stale list and the asset panel refetch on their own.
      await page.fill("[data-part=threshold] input[name=hours]", "48");
      await page.click("[data-part=threshold] button[type=submit]");
      await expect.poll(() => text(page, "[data-part=threshold-status]")).toBe("saved");
      await expect.poll(() => text(page, '[data-count="fresh"]')).toBe("11");
      expect(await page.locator("[data-part=stale] [data-asset]").count()).toBe(1);
      expect(await page.locator("[data-part=asset-status] [data-status]").getAttribute("data-status")).toBe("fresh");
      await page.screenshot({ path: path.join(OUTPUT, "dashboard.png") });
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
