import { QueryClient } from "@tanstack/query-core";
import { Client } from "anomalyarmor";
import { mountDashboard } from "./dashboard";
import "./style.css";

/** A client for your account when one is configured, else for the in-browser sandbox. */
async function connect(): Promise<{ client: Client; label: string }> {
  const { VITE_ARMOR_API_URL: apiUrl, VITE_ARMOR_TOKEN_URL: tokenUrl } = import.meta.env;
  if (apiUrl && tokenUrl) {
    // A secret key never ships to browsers: your backend hands out short-lived tokens instead.
    const apiKey = async () => (await fetch(tokenUrl, { credentials: "include" })).text().then((t) => t.trim());
    return { client: new Client({ apiUrl, apiKey, cacheScope: apiUrl }), label: new URL(apiUrl).host };
  }
  const { startSandbox } = await import("./sandbox");
  const sandbox = await startSandbox();
  // The sandbox's keys are not secrets: they open a fake API that lives in this page.
  const client = new Client({ apiUrl: sandbox.url, apiKey: sandbox.keys.readWrite, dangerouslyAllowBrowser: true });
  return { client, label: "sandbox (no account)" };
}

const status = document.querySelector<HTMLElement>("#connection")!;
try {
  const { client, label } = await connect();
  status.textContent = label;
  status.dataset.state = "connected";
  mountDashboard(document.querySelector<HTMLElement>("#app")!, {
    client,
    queryClient: new QueryClient(),
    assetId: "snowflake.prod.marts.revenue_daily",
  });
} catch (error) {
  status.textContent = `not connected: ${(error as Error).message}`;
  status.dataset.state = "error";
}
