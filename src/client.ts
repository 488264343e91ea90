/**
 * The `Client` facade: resolves options once, builds one transport, and wires every resource onto it.
 */
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
 * The AnomalyArmor API client: every resource of the API over one transport.
 * @example
 * const client = new Client({ apiKey: "aa_live_…" });
 * await client.freshness.requireFresh("snowflake.prod.warehouse.orders");
 */
export class Client {
  /** The transport every resource uses (credential-free `config` and `scope`). */
  readonly transport: Transport;
  /** Data assets: tables, views, sources. */
  readonly assets: AssetsResource;
  /** Data freshness and the `requireFresh` gate. */
  readonly freshness: FreshnessResource;
  /** Schema drift. */
  readonly schema: SchemaResource;
  /** Upstream and downstream dependencies. */
  readonly lineage: LineageResource;
  /** Classification tags. */
  readonly tags: TagsResource;
  /** Questions answered from the generated knowledge base. */
  readonly intelligence: IntelligenceResource;
  /** Root-cause investigations returning an `EvidenceCapsule`. */
  readonly investigations: InvestigationsResource;
  /** Asynchronous jobs. */
  readonly jobs: JobsResource;
  /** Data-quality metrics and their snapshots. */
  readonly metrics: MetricsResource;
  /** Validity rules and their check results. */
  readonly validity: ValidityResource;
  /** Referential-integrity checks. */
  readonly referential: ReferentialResource;
  /** Alerts, rules, destinations and the inbox. */
  readonly alerts: AlertsResource;
  /** API keys (admin scope). */
  readonly apiKeys: ApiKeysResource;
  /** Status badges. */
  readonly badges: BadgesResource;
  /** The health summary across alerts, freshness and schema drift. */
  readonly health: HealthResource;
  /** Monitoring recommendations. */
  readonly recommendations: RecommendationsResource;
  readonly #options: ClientOptions;

  /**
   * @param options - key, URL, timeouts, retries, fetch, …; the key falls back to `ARMOR_API_KEY`
   * @throws AuthenticationError for a missing or malformed key, or a secret key in a browser
   * @throws ValidationError for an invalid `apiUrl` or option
   */
  constructor(options: ClientOptions = {}) {
    this.#options = { ...options };
    const t = createTransport(options);
    this.transport = t;
    this.assets = new AssetsResource(t);
    this.freshness = new FreshnessResource(t);
    this.schema = new SchemaResource(t);
    this.lineage = new LineageResource(t);
    this.tags = new TagsResource(t);
    this.intelligence = new IntelligenceResource(t);
    this.investigations = new InvestigationsResource(t);
    this.jobs = new JobsResource(t);
    this.metrics = new MetricsResource(t);
    this.validity = new ValidityResource(t);
    this.referential = new ReferentialResource(t);
    this.alerts = new AlertsResource(t);
    this.apiKeys = new ApiKeysResource(t);
    this.badges = new BadgesResource(t);
    this.health = new HealthResource(t);
    this.recommendations = new RecommendationsResource(t);
  }

  /**
   * A derived client with some options replaced, sharing nothing mutable (its own transport and
   * lifetime: closing one does not close the other).
   */
  withOptions(options: ClientOptions): Client {
    return new Client({ ...this.#options, ...options });
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
    return {
      apiUrl: this.transport.config.apiUrl,
      timeout: this.transport.config.timeout,
      maxRetries: this.transport.config.maxRetries,
      closed: this.transport.closed,
    };
  }

  /** Node's `util.inspect` shows the same safe description. */
  [INSPECT](): string {
    return `Client ${JSON.stringify(this.toJSON())}`;
  }
}
