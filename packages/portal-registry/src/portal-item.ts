import type { PortalChange, PortalRegistration, RegisteredPortal } from './portal.ts';

/**
 * Where the registry's items live in the identity table (single-table design, generic key names):
 *
 * | item       | `pk`                 | `sk`                             | `gsi1pk`, `gsi1sk`                 |
 * | ---------- | -------------------- | -------------------------------- | ---------------------------------- |
 * | client     | `PORTAL#<clientId>`  | `PORTAL`                         | `PORTALS`, `<kind>#<clientId>`     |
 * | change log | `PORTAL#<clientId>`  | `CHANGE#<ISO time>#<version>`    | (none)                             |
 *
 * One partition per client holds the client and its whole history, so `history` is one Query and the change log is
 * never listed by `gsi1`. Listing every client (or every client of one kind) is one Query on `gsi1`; the index is
 * eventually consistent, which a listing can afford. The change log's version (zero-padded) keeps two changes in
 * the same millisecond apart and in order.
 */
export const PORTAL_SORT_KEY = 'PORTAL';
export const PORTAL_LIST_INDEX = 'gsi1';
export const PORTAL_LIST_PARTITION = 'PORTALS';
export const CHANGE_SORT_KEY_PREFIX = 'CHANGE#';

export const portalKey = (clientId: string) => ({ pk: `PORTAL#${clientId}`, sk: PORTAL_SORT_KEY }) as const;

export const listSortKeyPrefix = (kind: PortalRegistration['kind']): string => `${kind}#`;

export const changeSortKey = (at: string, version: number): string =>
  `${CHANGE_SORT_KEY_PREFIX}${at}#${String(version).padStart(8, '0')}`;

/** The client secret sits beside the registration, never inside it, so that no admin view carries it by mistake. */
export interface StoredPortal {
  readonly portal: RegisteredPortal;
  readonly clientSecret?: string;
}

export const toPortalItem = ({ portal, clientSecret }: StoredPortal): Record<string, unknown> => ({
  ...portalKey(portal.registration.clientId),
  gsi1pk: PORTAL_LIST_PARTITION,
  gsi1sk: `${listSortKeyPrefix(portal.registration.kind)}${portal.registration.clientId}`,
  entity: 'Portal',
  registration: portal.registration,
  status: portal.status,
  version: portal.version,
  createdAt: portal.createdAt,
  updatedAt: portal.updatedAt,
  createdBy: portal.createdBy,
  updatedBy: portal.updatedBy,
  ...(portal.clientSecretIssuedAt ? { clientSecretIssuedAt: portal.clientSecretIssuedAt } : {}),
  ...(clientSecret ? { clientSecret } : {}),
});

export const fromPortalItem = (item: Record<string, unknown>): StoredPortal => {
  const portal: RegisteredPortal = {
    registration: item.registration as PortalRegistration,
    status: item.status as RegisteredPortal['status'],
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    createdBy: item.createdBy as string,
    updatedBy: item.updatedBy as string,
    ...(typeof item.clientSecretIssuedAt === 'string' ? { clientSecretIssuedAt: item.clientSecretIssuedAt } : {}),
  };
  return typeof item.clientSecret === 'string' ? { portal, clientSecret: item.clientSecret } : { portal };
};

export const toChangeItem = (change: PortalChange): Record<string, unknown> => ({
  pk: portalKey(change.clientId).pk,
  sk: changeSortKey(change.at, change.version),
  entity: 'PortalChange',
  ...change,
});

export const fromChangeItem = (item: Record<string, unknown>): PortalChange => ({
  clientId: item.clientId as string,
  action: item.action as PortalChange['action'],
  version: item.version as number,
  at: item.at as string,
  by: item.by as string,
  changes: (item.changes ?? {}) as PortalChange['changes'],
});
