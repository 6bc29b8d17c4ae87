import type { Adapter, AdapterPayload } from 'oidc-provider';
import { TtlCache } from './ttl-cache.ts';

export interface ClientMetadataSource {
  findClientMetadata(clientId: string): Promise<Record<string, unknown> | undefined>;
}

export interface ClientCacheOptions {
  /** How long an active portal's metadata is served from memory (default 30 s); 0 turns the cache off. */
  readonly ttlMs?: number;
  /** How long "no such active portal" is remembered (default 5 s). */
  readonly missTtlMs?: number;
  /** At most this many client ids remembered (default 1,000). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export const CLIENT_METADATA_TTL_MS = 30_000;
export const CLIENT_MISS_TTL_MS = 5_000;

/**
 * The registry read with an in-process cache in front: oidc-provider loads the client on every request (twice per
 * sign-in: authorization and token endpoints), and the record changes only when an operator edits it.
 *
 * What the cache costs: an operator's change reaches each running instance within `ttlMs` (30 s) — a portal
 * disabled with the admin CLI keeps working for up to 30 s, a rotated secret or edited redirect URI takes up to
 * 30 s to apply. Unknown or disabled client ids are remembered for `missTtlMs` (5 s), so a flood of requests with
 * one bogus id costs one read per 5 s; a newly registered or re-enabled portal may be refused for up to 5 s.
 * Distinct ids beyond `maxEntries` push out the oldest, so random ids can not grow memory. Read failures are not
 * cached; concurrent requests for one id share one read.
 */
export const cachedClientMetadata = (
  registry: ClientMetadataSource,
  options: ClientCacheOptions = {},
): ClientMetadataSource => {
  const ttlMs = options.ttlMs ?? CLIENT_METADATA_TTL_MS;
  const missTtlMs = options.missTtlMs ?? CLIENT_MISS_TTL_MS;
  if (ttlMs <= 0) return registry;
  const cache = new TtlCache<string, Record<string, unknown> | undefined>({
    ttlMs: (metadata) => (metadata ? ttlMs : missTtlMs),
    maxEntries: options.maxEntries ?? 1_000,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    findClientMetadata: (clientId) =>
      typeof clientId === 'string'
        ? cache.get(clientId, (id) => registry.findClientMetadata(id))
        : registry.findClientMetadata(clientId),
  };
};

/**
 * oidc-provider reads clients through its adapter's `Client` model; for the platform that model is the portal
 * registry, read-only (registration happens through the admin CLI, never through the protocol), behind the cache
 * of `cachedClientMetadata`.
 */
export const clientAdapter = (registry: ClientMetadataSource, cache: ClientCacheOptions = {}): Adapter => {
  const source = cachedClientMetadata(registry, cache);
  const readOnly = () =>
    Promise.reject(new Error('portals are registered with the admin CLI, not through the provider'));
  return {
    find: async (id: string) => (await source.findClientMetadata(id)) as AdapterPayload | undefined,
    upsert: readOnly,
    destroy: readOnly,
    consume: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    revokeByGrantId: async () => undefined,
  };
};

/**
 * Routes the `Client` model to the registry, the models in `models` to their own adapter (the platform's
 * `ReplayDetection`, one conditional write per check: `@platform/oidc-storage` `replay-detection-adapter.ts`) and
 * every other model to the token store.
 */
export const platformAdapter = (
  storage: new (name: string) => Adapter,
  registry: ClientMetadataSource,
  cache: ClientCacheOptions = {},
  models: Readonly<Record<string, Adapter>> = {},
): (new (
  name: string,
) => Adapter) => {
  const clients = clientAdapter(registry, cache);
  const own = new Map(Object.entries(models));
  return function PlatformAdapter(name: string) {
    return name === 'Client' ? clients : (own.get(name) ?? new storage(name));
  } as unknown as new (
    name: string,
  ) => Adapter;
};
