import type { FindAccount } from 'oidc-provider';
import type { AccountStore, PhoneProtector } from './account.ts';

/** Mainland numbers are stored as 11 digits; OIDC's `phone_number` is E.164. */
const e164 = (phone: string) => `+86${phone}`;

/**
 * oidc-provider's account lookup. Claims are computed per request and only for what was granted: the phone number is
 * decrypted only when the `phone` scope is in play.
 */
export const createFindAccount =
  (accounts: AccountStore, phones: PhoneProtector): FindAccount =>
  async (_ctx, sub) => {
    const account = await accounts.findBySub(sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      claims: async (_use, scope) => {
        const granted = new Set(String(scope ?? '').split(' '));
        return {
          sub: account.sub,
          platform_subject_kind: account.kind,
          ...(granted.has('phone')
            ? { phone_number: e164(await phones.open(account.sealedPhone)), phone_number_verified: true }
            : {}),
        };
      },
    };
  };
