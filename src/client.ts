/**
 * The `Client` facade: resolves options once, builds one transport, and wires every resource onto it.
 */
import { readOptions } from "./core/check";
import type { ClientOptions } from "./core/config";
import { createTransport, type Transport } from "./core/http";
import { AlertsResource } from "./resources/alerts";
import { ApiKeysResource } from "./resources/api-keys";
import { AssetsResource } from "./resources/assets";
import { BadgesResource } from "./resources/badges";
import { FreshnessResource } from "./resources/freshness";
import { HealthResource } from "./resources/health";
import { IntelligenceResource } from "./resources/intelligence";
import { InvestigationsResource } from "./resources/investigations";
import { JobsResource } from "./resources/jobs";
import { LineageResource } from "./resources/lineage";
import { MetricsResource } from "./resources/metrics";
import { RecommendationsResource } from "./resources/recommendations";
import { ReferentialResource } from "./resources/referential";
import { SchemaResource } from "./resources/schema";
import { TagsResource } from "./resources/tags";
import { ValidityResource } from "./resources/validity";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Every resource of a `Client`, by property name, with its class: the one list that `Client`, the query
 * layer's types and the tests derive from. Internal (the package does not export it).
 */
export const RESOURCES = {
  assets: AssetsResource,
  freshness: FreshnessResource,
  schema: SchemaResource,
  lineage: LineageResource,
  tags: TagsResource,
  intelligence: IntelligenceResource,
  investigations: InvestigationsResource,
  jobs: JobsResource,
  metrics: MetricsResource,
  validity: ValidityResource,
  referential: ReferentialResource,
  alerts: AlertsResource,
  apiKeys: ApiKeysResource,
  badges: BadgesResource,
  health: HealthResource,
  recommendations: RecommendationsResource,
} as const;

/** The resources of a `Client`, by property name. */
export type ResourceName = keyof typeof RESOURCES;

/**
 * The AnomalyArmor API client: every resource of the API over one transport.
 * @example
 * const client = new Client({ apiKey: "aa_live_…" });
 * await client.freshness.requireFresh("snowflake.prod.warehouse.orders");
 */
export class Client {
  /** The transport every resource uses (credential-free `config` and `scope`). */
  readonly transport: Transport;
  /** Data assets: tables, views, sources. */
  declare readonly assets: AssetsResource;
  /** Data freshness and the `requireFresh` gate. */
  declare readonly freshness: FreshnessResource;
  /** Schema drift. */
  declare readonly schema: SchemaResource;
  /** Upstream and downstream dependencies. */
  declare readonly lineage: LineageResource;
  /** Classification tags. */
  declare readonly tags: TagsResource;
  /** Questions answered from the generated knowledge base. */
  declare readonly intelligence: IntelligenceResource;
  /** Root-cause investigations returning an `EvidenceCapsule`. */
  declare readonly investigations: InvestigationsResource;
  /** Asynchronous jobs. */
  declare readonly jobs: JobsResource;
  /** Data-quality metrics and their snapshots. */
  declare readonly metrics: MetricsResource;
  /** Validity rules and their check results. */
  declare readonly validity: ValidityResource;
  /** Referential-integrity checks. */
  declare readonly referential: ReferentialResource;
  /** Alerts, rules, destinations and the inbox. */
  declare readonly alerts: AlertsResource;
  /** API keys (admin scope). */
  declare readonly apiKeys: ApiKeysResource;
  /** Status badges. */
  declare readonly badges: BadgesResource;
  /** The health summary across alerts, freshness and schema drift. */
  declare readonly health: HealthResource;
  /** Monitoring recommendations. */
  declare readonly recommendations: RecommendationsResource;
  readonly #options: ClientOptions;

  /**
   * @param options - key, URL, timeouts, retries, fetch, …; the key falls back to `ARMOR_API_KEY`
   * @throws AuthenticationError for a missing or malformed key, or a secret key in a browser
   * @throws ValidationError for an invalid `apiUrl` or option
   */
  constructor(options: ClientOptions = {}) {
    // Read once: the transport and withOptions see the same copy, and options that cannot be read fail typed.
    const copy = readOptions(options);
    const t = createTransport(copy);
    this.#options = copy;
    this.transport = t;
    // The properties declared above, one per entry of RESOURCES (test/client.test-d.ts checks the pair).
    for (const name in RESOURCES) (this as Record<string, unknown>)[name] = new RESOURCES[name as ResourceName](t);
  }

  /**
   * A derived client with some options replaced, sharing nothing mutable (its own transport and
   * lifetime: closing one does not close the other).
   */
  withOptions(options: ClientOptions): Client {
    return new Client({ ...this.#options, ...readOptions(options) });
  }

  /** Aborts every call in flight; later calls reject with `AbortError`. */
  close(): void {
    this.transport.close();
  }

  /** `using client = new Client()` closes it at the end of the scope. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** A log-safe description: the URL and settings, never the key. */
  toJSON(): Record<string, unknown> {
    const { apiUrl, timeout, maxRetries } = this.transport.config;
    return { apiUrl, timeout, maxRetries, closed: this.transport.closed };
  }

  /** Node's `util.inspect` shows the same safe description. */
  [INSPECT](): string {
    return `Client ${JSON.stringify(this.toJSON())}`;
  }
}
