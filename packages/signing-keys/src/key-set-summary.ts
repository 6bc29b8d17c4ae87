import { providerJwks } from './jwks.ts';
import type { KeySet } from './key-set.ts';

/**
 * What `keys show` prints: kids, algorithms, states and ages, in signing order. Built from the record fields
 * only, never from `privateJwk`, so no private member can reach a terminal or a log.
 */
export const summariseKeySet = (set: KeySet, now: Date): string[] => {
  const order = new Map(providerJwks(set).keys.map((jwk, index) => [jwk.kid, index]));
  const keys = set.keys.toSorted((a, b) => (order.get(a.kid) ?? 0) - (order.get(b.kid) ?? 0));
  const ageOf = (instant: string | undefined) => (instant === undefined ? '-' : formatAge(now, instant));
  const rows = [
    ['alg', 'state', 'kid', 'created', 'activated', 'retired'],
    ...keys.map((key) => [
      key.alg,
      key.state,
      key.kid,
      ageOf(key.createdAt),
      ageOf(key.activatedAt),
      ageOf(key.retiredAt),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const cookieAges = set.cookieKeys.map((key) => ageOf(key.createdAt)).join(', ');
  return [
    ...rows.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
    `cookie keys: ${set.cookieKeys.length} (ages, newest first: ${cookieAges})`,
  ];
};

/** "3d 4h ago" style: precise enough to judge retention, short enough for a table. */
export const formatAge = (now: Date, instant: string): string => {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(instant)) / 1000));
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count}${unit}`);
    if (parts.length > 0 && count === 0) break;
  }
  return parts.length === 0 ? 'just now' : `${parts.join(' ')} ago`;
};
