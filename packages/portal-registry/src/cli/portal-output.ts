import type { PortalChange, RegisteredPortal } from '../portal.ts';

/** Left-aligned columns; the last column (names, often Chinese) is never padded, so wide characters do no harm. */
const columns = (rows: readonly (readonly string[])[]): string => {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

const minute = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** The readable table of `portal list`. */
export const formatPortalTable = (portals: readonly RegisteredPortal[]): string => {
  if (portals.length === 0) return 'No portals or departments registered.';
  const header = ['CLIENT ID', 'KIND', 'STATUS', 'AUTH', 'VERSION', 'UPDATED (UTC)', 'NAME'];
  const rows = portals.map(({ registration, status, version, updatedAt }) => [
    registration.clientId,
    registration.kind,
    status,
    registration.tokenEndpointAuthMethod,
    String(version),
    minute(updatedAt),
    `${registration.name['zh-CN']} / ${registration.name.en}`,
  ]);
  return columns([header, ...rows]);
};

const describeFields = (change: PortalChange): string => Object.keys(change.changes).join(', ') || '-';

/** The readable change log of `portal history`. */
export const formatHistory = (changes: readonly PortalChange[]): string => {
  if (changes.length === 0) return 'No changes recorded.';
  const header = ['AT (UTC)', 'VERSION', 'ACTION', 'BY', 'FIELDS'];
  return columns([
    header,
    ...changes.map((change) => [change.at, String(change.version), change.action, change.by, describeFields(change)]),
  ]);
};

/** How a newly issued secret is shown: once, with what to do about it. */
export const formatIssuedSecret = (secret: string): string =>
  [
    'Client secret (shown this once; it can not be read again. Hand it to the client over a secure channel):',
    `  ${secret}`,
  ].join('\n');
