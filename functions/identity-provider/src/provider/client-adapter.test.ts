import type { Adapter } from 'oidc-provider';
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_METADATA_TTL_MS, CLIENT_MISS_TTL_MS, clientAdapter, platformAdapter } from './client-adapter.ts';

const registryOf = (clients: Record<string, Record<string, unknown> | undefined>) => ({
  findClientMetadata: vi.fn(async (clientId: string) => clients[clientId]),
});

const clock = () => {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('clientAdapter', () => {
  it('reads a portal once per 30 s: an operator change applies within that time', async () => {
    const time = clock();
    const clients: Record<string, Record<string, unknown> | undefined> = { portal: { client_id: 'portal', v: 1 } };
    const registry = registryOf(clients);
    const adapter = clientAdapter(registry, { now: time.now });
    expect(await adapter.find('portal')).toStrictEqual({ client_id: 'portal', v: 1 });
    clients.portal = undefined; // disabled with the admin CLI
    time.advance(CLIENT_METADATA_TTL_MS - 1);
    expect(await adapter.find('portal')).toStrictEqual({ client_id: 'portal', v: 1 });
    time.advance(1);
    expect(await adapter.find('portal')).toBeUndefined();
    expect(registry.findClientMetadata).toHaveBeenCalledTimes(2);
  });

  it('remembers an unknown client id for 5 s only', async () => {
    const time = clock();
    const clients: Record<string, Record<string, unknown> | undefined> = {};
    const registry = registryOf(clients);
    const adapter = clientAdapter(registry, { now: time.now });
    for (let request = 0; request < 100; request += 1) expect(await adapter.find('bogus')).toBeUndefined();
    expect(registry.findClientMetadata).toHaveBeenCalledTimes(1);
    clients.bogus = { client_id: 'bogus' }; // registered since
    time.advance(CLIENT_MISS_TTL_MS);
    expect(await adapter.find('bogus')).toStrictEqual({ client_id: 'bogus' });
  });

  it('shares one read between concurrent requests and does not cache failures', async () => {
    const registry = {
      findClientMetadata: vi
        .fn()
        .mockRejectedValueOnce(new Error('storage down'))
        .mockResolvedValue({ client_id: 'portal' }),
    };
    const adapter = clientAdapter(registry);
    await expect(adapter.find('portal')).rejects.toThrow('storage down');
    const found = await Promise.all([adapter.find('portal'), adapter.find('portal'), adapter.find('portal')]);
    expect(found).toStrictEqual([{ client_id: 'portal' }, { client_id: 'portal' }, { client_id: 'portal' }]);
    expect(registry.findClientMetadata).toHaveBeenCalledTimes(2);
  });

  it('bounds the ids it remembers', async () => {
    const registry = registryOf({});
    const adapter = clientAdapter(registry, { maxEntries: 10 });
    for (let id = 0; id < 50; id += 1) await adapter.find(`random-${id}`);
    await adapter.find('random-0');
    expect(registry.findClientMetadata).toHaveBeenCalledTimes(51);
  });

  it('reads every time with ttlMs 0', async () => {
    const registry = registryOf({ portal: { client_id: 'portal' } });
    const adapter = clientAdapter(registry, { ttlMs: 0 });
    await adapter.find('portal');
    await adapter.find('portal');
    expect(registry.findClientMetadata).toHaveBeenCalledTimes(2);
  });

  it('is read-only', async () => {
    const adapter = clientAdapter(registryOf({}));
    await expect(adapter.upsert('x', {}, 1)).rejects.toThrow('admin CLI');
    await expect(adapter.destroy('x')).rejects.toThrow('admin CLI');
  });
});

describe('platformAdapter', () => {
  it('routes Client to the registry, through one cache, and other models to the token store', async () => {
    const registry = registryOf({ portal: { client_id: 'portal' } });
    const made: string[] = [];
    class Storage {
      constructor(name: string) {
        made.push(name);
      }
    }
    const Adapter = platformAdapter(Storage as unknown as new (name: string) => Adapter, registry);
    const first = new Adapter('Client');
    const second = new Adapter('Client');
    await first.find('portal');
    await second.find('portal');
    expect(registry.findClientMetadata).toHaveBeenCalledTimes(1);
    expect(new Adapter('Session')).toBeInstanceOf(Storage);
    expect(made).toStrictEqual(['Session']);
  });

  it('routes the models given their own adapter to it, every time', () => {
    const made: string[] = [];
    class Storage {
      constructor(name: string) {
        made.push(name);
      }
    }
    const replays = { find: vi.fn() } as unknown as Adapter;
    const Adapter = platformAdapter(
      Storage as unknown as new (
        name: string,
      ) => Adapter,
      registryOf({}),
      {},
      { ReplayDetection: replays },
    );
    expect(new Adapter('ReplayDetection')).toBe(replays);
    expect(new Adapter('ReplayDetection')).toBe(replays);
    expect(new Adapter('AccessToken')).toBeInstanceOf(Storage);
    expect(made).toStrictEqual(['AccessToken']);
  });
});
