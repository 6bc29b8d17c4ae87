import { type AssuranceLevel, levelOfAcr } from '@platform/real-name';
import type { KoaContextWithOIDC } from 'oidc-provider';

export { ACR_VALUES } from '@platform/real-name';

const lowest = (acrs: unknown[]): AssuranceLevel | undefined => {
  const levels = acrs.map(levelOfAcr).filter((level): level is AssuranceLevel => level !== undefined);
  return levels.length ? (Math.min(...levels) as AssuranceLevel) : undefined;
};

type AcrClaim = { essential?: boolean; value?: string; values?: string[] };

const requiredLevelFor = (acrValues: unknown, claim: AcrClaim | undefined): AssuranceLevel | undefined => {
  const fromParameter = lowest(
    String(acrValues ?? '')
      .split(' ')
      .filter(Boolean),
  );
  const fromClaim = claim?.essential ? lowest(claim.values ?? (claim.value ? [claim.value] : [])) : undefined;
  const candidates = [fromParameter, fromClaim].filter((level): level is AssuranceLevel => level !== undefined);
  return candidates.length ? (Math.max(...candidates) as AssuranceLevel) : undefined;
};

/**
 * The minimum assurance level a portal asks for. Levels are ordered, so a portal that lists several acceptable
 * `acr` values (in `acr_values`, or as an essential `acr` claim) accepts the lowest of them and anything above;
 * unknown values are ignored, as OpenID Connect allows for voluntary requests.
 */
export const requiredLevel = (ctx: KoaContextWithOIDC): AssuranceLevel | undefined =>
  requiredLevelFor(ctx.oidc.params?.acr_values, ctx.oidc.claims?.id_token?.acr as AcrClaim | undefined);

/**
 * The same from the authorisation parameters an interaction keeps, where `claims` is the JSON the portal sent
 * (oidc-provider has validated it before creating the interaction).
 */
export const requiredLevelOf = (params: Record<string, unknown>): AssuranceLevel | undefined => {
  const claims = typeof params.claims === 'string' ? JSON.parse(params.claims) : params.claims;
  return requiredLevelFor(params.acr_values, (claims as { id_token?: { acr?: AcrClaim } } | undefined)?.id_token?.acr);
};
