import type { KoaContextWithOIDC } from 'oidc-provider';
import { ALWAYS_CONSENTED_SCOPES } from './scopes.ts';

/**
 * Grants for first-party portals of the network are implied: the citizen is never asked to consent to the
 * government's own portals sharing their sign-on. For them a missing grant is created from the request, limited to
 * what the portal is registered for; third-party portals keep oidc-provider's consent prompt. Scopes the person
 * consents to every time (`idcard`: the full citizen ID number) are never implied: they stay out of the grant, so
 * oidc-provider's consent prompt asks for them (and `assurance-policy.ts` asks again on every later request).
 */
export const firstPartyGrant = async (ctx: KoaContextWithOIDC) => {
  const { oidc } = ctx;
  const existingId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client?.clientId ?? '');
  if (existingId) return oidc.provider.Grant.find(existingId);
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId || client.platform_first_party !== true) return undefined;

  const grant = new oidc.provider.Grant({ clientId: client.clientId, accountId });
  const requested = String(oidc.params?.scope ?? 'openid')
    .split(' ')
    .filter((scope) => scope && !ALWAYS_CONSENTED_SCOPES.includes(scope));
  grant.addOIDCScope(requested.join(' '));
  const claims = oidc.params?.claims;
  if (typeof claims === 'string') {
    const parsed = JSON.parse(claims) as { id_token?: object; userinfo?: object };
    grant.addOIDCClaims([...Object.keys(parsed.id_token ?? {}), ...Object.keys(parsed.userinfo ?? {})]);
  }
  await grant.save();
  return grant;
};
