import type { Adapter, AdapterPayload } from 'oidc-provider';

export interface ClientMetadataSource {
  findClientMetadata(clientId: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * oidc-provider reads clients through its adapter's `Client` model; for the platform that model is the portal
 * registry, read-only (registration happens through the admin CLI, never through the protocol).
 */
export const clientAdapter = (registry: ClientMetadataSource): Adapter => {
  const readOnly = () =>
    Promise.reject(new Error('portals are registered with the admin CLI, not through the provider'));
  return {
    find: async (id: string) => (await registry.findClientMetadata(id)) as AdapterPayload | undefined,
    upsert: readOnly,
    destroy: readOnly,
    consume: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    revokeByGrantId: async () => undefined,
  };
};

/** Routes the `Client` model to the registry and every other model to the token store. */
export const platformAdapter = (
  storage: new (name: string) => Adapter,
  registry: ClientMetadataSource,
): (new (
  name: string,
) => Adapter) => {
  const clients = clientAdapter(registry);
  return function PlatformAdapter(name: string) {
    return name === 'Client' ? clients : new storage(name);
  } as unknown as new (
    name: string,
  ) => Adapter;
};
