import { maskCitizenId, maskUscc } from '@platform/personal-data';
import { type SignedInPerson, WebSignInError } from '@platform/web-sign-in';

/** The identifier kinds notices are issued to: a citizen's ID number or a company's USCC. */
export type PayerIdentifierKind = 'citizen-id' | 'uscc';

/**
 * What the payer pages keep of a signed-in payer, in the sealed session cookie: the blind index that finds their
 * notices and the masked identifier the page shows — never the identifier in clear.
 */
export interface PayerProfile {
  readonly kind: PayerIdentifierKind;
  readonly payerIndex: string;
  readonly maskedIdentifier: string;
}

export type PayerIndexer = (kind: PayerIdentifierKind, identifier: string) => Promise<string>;

/**
 * Chooses the payer's identifier from UserInfo: a company's USCC (`enterprise` scope, legal persons signed in with
 * a certificate), else the citizen ID number (`idcard` scope, released with the person's consent once their real
 * name is verified). A person who declined, or whose ID number is not verified, has no notices to see here.
 */
export const payerProfileOf =
  (payerIndex: PayerIndexer) =>
  async ({ userinfo }: SignedInPerson): Promise<PayerProfile> => {
    const uscc = userinfo?.platform_uscc;
    if (typeof uscc === 'string' && uscc !== '') {
      return { kind: 'uscc', payerIndex: await payerIndex('uscc', uscc), maskedIdentifier: maskUscc(uscc) };
    }
    const citizenId = userinfo?.platform_citizen_id;
    if (typeof citizenId === 'string' && citizenId !== '') {
      return {
        kind: 'citizen-id',
        payerIndex: await payerIndex('citizen-id', citizenId),
        maskedIdentifier: maskCitizenId(citizenId),
      };
    }
    throw new WebSignInError('refused', 'the provider released neither a citizen ID number nor a USCC', {
      providerError: 'identifier_not_released',
    });
  };
