import { type AssuranceLevel, levelOfAcr } from '@platform/real-name';
import type { KoaContextWithOIDC } from 'oidc-provider';

export { ACR_VALUES } from '@platform/real-name';

const lowest = (acrs: unknown[]): AssuranceLevel | undefined => {
  const levels = acrs.map(levelOfAcr).filter((level): level is AssuranceLevel => level !== undefined);
  return levels.length ? (Math.min(...levels) as AssuranceLevel) : undefined;
};

/**
 * The minimum assurance level a portal asks for. Levels are ordered, so a portal that lists several acceptable
 * `acr` values (in `acr_values`, or as an essential `acr` claim) accepts the lowest of them and anything above;
 * unknown values are ignored, as OpenID Connect allows for voluntary requests.
 */
export const requiredLevel = (ctx: KoaContextWithOIDC): AssuranceLevel | undefined => {
  const { oidc } = ctx;
  const fromParameter = lowest(
    String(oidc.params?.acr_values ?? '')
      .split(' ')
      .filter(Boolean),
  );
  const claim = oidc.claims?.id_token?.acr as { essential?: boolean; value?: string; values?: string[] } | undefined;
  const fromClaim = claim?.essential ? lowest(claim.values ?? (claim.value ? [claim.value] : [])) : undefined;
  const candidates = [fromParameter, fromClaim].filter((level): level is AssuranceLevel => level !== undefined);
  return candidates.length ? (Math.max(...candidates) as AssuranceLevel) : undefined;
};
