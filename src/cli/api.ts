/**
 * The resources a command needs, loaded on first use over one shared transport: a command pays for
 * the one resource module it calls (schemas are built when their module loads), not for all sixteen
 * as `new Client()` would, and `--help` / `--version` load none. Same options, same behaviour: `Client`
 * is these classes over `createTransport`.
 */
import type { ClientOptions } from "../core/config";
import type { Transport } from "../core/http";
import type { AlertsResource } from "../resources/alerts";
import type { ApiKeysResource } from "../resources/api-keys";
import type { AssetsResource } from "../resources/assets";
import type { BadgesResource } from "../resources/badges";
import type { FreshnessResource } from "../resources/freshness";
import type { IntelligenceResource } from "../resources/intelligence";
import type { JobsResource } from "../resources/jobs";
import type { LineageResource } from "../resources/lineage";
import type { MetricsResource } from "../resources/metrics";
import type { ReferentialResource } from "../resources/referential";
import type { SchemaResource } from "../resources/schema";
import type { TagsResource } from "../resources/tags";
import type { ValidityResource } from "../resources/validity";

/** Resource classes by the name a `Client` gives them. */
export interface Resources {
  /** `client.alerts` */ alerts: AlertsResource;
  /** `client.apiKeys` */ apiKeys: ApiKeysResource;
  /** `client.assets` */ assets: AssetsResource;
  /** `client.badges` */ badges: BadgesResource;
  /** `client.freshness` */ freshness: FreshnessResource;
  /** `client.intelligence` */ intelligence: IntelligenceResource;
  /** `client.jobs` */ jobs: JobsResource;
  /** `client.lineage` */ lineage: LineageResource;
  /** `client.metrics` */ metrics: MetricsResource;
  /** `client.referential` */ referential: ReferentialResource;
  /** `client.schema` */ schema: SchemaResource;
  /** `client.tags` */ tags: TagsResource;
  /** `client.validity` */ validity: ValidityResource;
}

type Loader<K extends keyof Resources> = () => Promise<new (transport: Transport) => Resources[K]>;

const LOADERS: { [K in keyof Resources]: Loader<K> } = {
  alerts: async () => (await import("../resources/alerts")).AlertsResource,
  apiKeys: async () => (await import("../resources/api-keys")).ApiKeysResource,
  assets: async () => (await import("../resources/assets")).AssetsResource,
  badges: async () => (await import("../resources/badges")).BadgesResource,
  freshness: async () => (await import("../resources/freshness")).FreshnessResource,
  intelligence: async () => (await import("../resources/intelligence")).IntelligenceResource,
  jobs: async () => (await import("../resources/jobs")).JobsResource,
  lineage: async () => (await import("../resources/lineage")).LineageResource,
  metrics: async () => (await import("../resources/metrics")).MetricsResource,
  referential: async () => (await import("../resources/referential")).ReferentialResource,
  schema: async () => (await import("../resources/schema")).SchemaResource,
  tags: async () => (await import("../resources/tags")).TagsResource,
  validity: async () => (await import("../resources/validity")).ValidityResource,
};

/** Lazily built resources over one transport. */
export interface Api {
  /** The resource `name`, its module loaded on first use. */
  get<K extends keyof Resources>(name: K): Promise<Resources[K]>;
  /** Aborts what is in flight (the transport's `close`). */
  close(): void;
}

/** An {@link Api} over a transport made from `options` (checked now: bad options throw here). */
export async function createApi(options: ClientOptions): Promise<Api> {
  const { createTransport } = await import("../core/http");
  const transport = createTransport(options);
  const made = new Map<keyof Resources, unknown>();
  return {
    async get(name) {
      if (!made.has(name)) made.set(name, new (await LOADERS[name]())(transport));
      return made.get(name) as Resources[typeof name];
    },
    close: () => transport.close(),
  };
}
