import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_PORTALS,
  type DemoPortalId,
  demoPortalRegistration,
  generatePortalKey,
  startDemoPortal,
} from '@platform/demo-portals';
import type { DocumentClient } from '@platform/dynamodb';
import { PortalRegistry } from '@platform/portal-registry';
import type { JWK } from 'jose';

export interface DemoPortalsOptions {
  readonly documents: DocumentClient;
  readonly identityTable: string;
  readonly issuer: string;
  readonly stateDir: string;
  readonly ports: Readonly<Record<DemoPortalId, number>>;
  readonly log: (line: string) => void;
}

export interface RunningDemoPortals {
  readonly urls: Record<DemoPortalId, string>;
  stop(): Promise<void>;
}

/** A portal's private key survives restarts, so its registration at the provider stays valid. */
const portalKey = async (stateDir: string, id: string): Promise<JWK> => {
  const folder = join(stateDir, 'portals');
  const path = join(folder, `${id}.private-jwk.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as JWK;
  const key = await generatePortalKey();
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  return key;
};

/**
 * Starts the two demo portals and registers them at the provider through the portal registry (as an operator's
 * CLI would), updating their URLs when their ports changed since the last run.
 */
export const startDemoPortals = async (options: DemoPortalsOptions): Promise<RunningDemoPortals> => {
  const registry = new PortalRegistry({ documents: options.documents, tableName: options.identityTable });
  const running: { stop(): Promise<void> }[] = [];
  const urls = {} as Record<DemoPortalId, string>;
  try {
    for (const id of Object.keys(DEMO_PORTALS) as DemoPortalId[]) {
      const portalOptions = {
        id,
        name: DEMO_PORTALS[id],
        port: options.ports[id],
        issuer: options.issuer,
        clientId: id,
        privateJwk: await portalKey(options.stateDir, id),
        log: options.log,
      };
      const portal = await startDemoPortal(portalOptions);
      running.push(portal);
      urls[id] = portal.url;
      const registration = demoPortalRegistration(portalOptions, portal.url);
      const existing = await registry.get(id);
      if (!existing) {
        await registry.register(registration, { by: 'npm start' });
      } else if (
        JSON.stringify(existing.registration) !== JSON.stringify({ ...existing.registration, ...registration })
      ) {
        const { kind: _kind, clientId: _clientId, ...patch } = registration;
        await registry.update(id, patch, { by: 'npm start' });
      }
    }
  } catch (error) {
    await Promise.all(running.map((portal) => portal.stop()));
    throw error;
  }
  return { urls, stop: async () => void (await Promise.all(running.map((portal) => portal.stop()))) };
};
