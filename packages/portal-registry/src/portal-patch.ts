import { isDeepStrictEqual } from 'node:util';
import { isJsonObject } from './field-readers.ts';
import type { PortalChange, PortalRegistration } from './portal.ts';
import { RegistrationError } from './registration-error.ts';

/**
 * Applies an update to a registration, JSON merge patch style (RFC 7396, top level only): a field given replaces
 * the current value, `null` removes it, anything not named is kept. The result still has to pass
 * `validateRegistration` as a whole.
 */
export const applyPatch = (current: PortalRegistration, patch: unknown): Record<string, unknown> => {
  if (!isJsonObject(patch)) throw new RegistrationError('invalid_input', 'an update must be a JSON object');
  if (Object.keys(patch).length === 0) throw new RegistrationError('invalid_input', 'the update changes nothing');
  for (const field of ['clientId', 'kind'] as const)
    if (patch[field] !== undefined && patch[field] !== current[field])
      throw new RegistrationError('immutable_field', 'can not change; register a new client instead', field);
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
};

/**
 * Changes a registration may not undergo even when the result is valid: a portal's pairwise `sub` values derive
 * from its subject type and sector, so changing either would hand every user a new identity at that portal.
 * Runs on the patched (not yet validated) registration so that the operator hears this reason first.
 */
export const checkUpdateAllowed = (current: PortalRegistration, next: Readonly<Record<string, unknown>>): void => {
  if (current.kind !== 'portal') return;
  if ((next.subjectType ?? 'public') !== current.subjectType)
    throw new RegistrationError(
      'immutable_field',
      "can not change: every user's sub at this portal would change; register a new client instead",
      'subjectType',
    );
  if (current.subjectType !== 'pairwise') return;
  const uris = Array.isArray(next.redirectUris) ? next.redirectUris : [];
  const hosts = uris.map((uri) => (typeof uri === 'string' ? URL.parse(uri)?.host : undefined));
  const sectors = [next.sectorIdentifier ?? current.sectorIdentifier, ...hosts.filter((host) => host !== undefined)];
  if (sectors.some((sector) => sector !== current.sectorIdentifier))
    throw new RegistrationError(
      'immutable_field',
      `a pairwise portal's redirect URIs must stay on its sector ${current.sectorIdentifier}: moving them would change every user's sub`,
      'sectorIdentifier',
    );
};

/** The fields that differ between two versions, in name order, with their values before and after. */
export const describeChanges = (
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): PortalChange['changes'] => {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  // Sorted: stored maps come back from DynamoDB in no particular order, and the log should read the same anyway.
  for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (isDeepStrictEqual(before[field], after[field])) continue;
    changes[field] = {
      ...(before[field] === undefined ? {} : { from: before[field] }),
      ...(after[field] === undefined ? {} : { to: after[field] }),
    };
  }
  return changes;
};
