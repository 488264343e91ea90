/** Shared by the sandbox route tests: raw requests through the handler, and our SDK pointed at a sandbox. */
import { createTransport } from "../../../src/core/http";
import { AlertsResource } from "../../../src/resources/alerts";
import { InvestigationsResource } from "../../../src/resources/investigations";
import { MetricsResource } from "../../../src/resources/metrics";
import { ReferentialResource } from "../../../src/resources/referential";
import { ValidityResource } from "../../../src/resources/validity";
import type { Sandbox } from "../../../src/testing";

/** What a raw call answered. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read loosely
  body: any;
}

/**
 * Sends one real Request through `sandbox.handle` (admin key unless told; `key: null` sends none) and
 * parses the answer.
 */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; rawBody?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const key = options.key === undefined ? sandbox.keys.admin : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await sandbox.handle(
    new Request(`${sandbox.url}${path}`, body === undefined ? { method, headers } : { method, headers, body }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Our SDK's resource classes over the sandbox's in-process fetch, so every answer passes the SDK's models. */
export function sdk(sandbox: Sandbox, apiKey = sandbox.keys.admin) {
  const t = createTransport({ apiKey, apiUrl: sandbox.url, fetch: sandbox.fetch, maxRetries: 0 });
  return {
    metrics: new MetricsResource(t),
    validity: new ValidityResource(t),
    referential: new ReferentialResource(t),
    alerts: new AlertsResource(t),
    investigations: new InvestigationsResource(t),
  };
}

/** The public UUID of an asset by qualified name. */
export async function assetId(sandbox: Sandbox, qualifiedName: string): Promise<string> {
  return (await call(sandbox, "GET", `/sdk/assets/${qualifiedName}`)).body.data.id as string;
}
