import { type CitizenId, parseCitizenId } from '@platform/identifiers';
import type { PaymentAccountIdentity } from './payment-account-verifier.ts';
import { normalisePersonName } from './person-name.ts';

/**
 * The identity a person claims before going to the wallet, kept only as keyed hashes between the redirect and the
 * callback (and masked forms for the audit trail): the pending state holds nothing that reads as personal data.
 */
export interface PaymentAccountClaim {
  readonly citizenIndex: string;
  readonly nameIndex: string;
  readonly maskedCitizenId: string;
  readonly maskedName: string;
}

export type PaymentAccountMatch =
  | { readonly result: 'match'; readonly citizenId: CitizenId; readonly name: string }
  | { readonly result: 'mismatch' }
  | { readonly result: 'not_certified' };

/** `0` is the resident identity card: the only certificate whose number is a citizen ID number. */
const IDENTITY_CARD = '0';

/**
 * Matches what the wallet says against what the person claimed. A match needs all of: the account is certified, with
 * a resident identity card, a number that is a valid citizen ID (check digit, birth date, region) and equal to the
 * claimed one, and a real name equal to the claimed one — both compared after the same normalisation as typed input
 * (`parseCitizenId`, `normalisePersonName`), through the same keyed hash the claim was kept as. Anything certified
 * that does not match is a mismatch; an account without certification (or certified with a passport and the like)
 * proves no citizen identity: `not_certified`.
 */
export const matchPaymentAccount = (
  claim: Pick<PaymentAccountClaim, 'citizenIndex' | 'nameIndex'>,
  identity: PaymentAccountIdentity,
  index: (kind: 'citizen-id' | 'name', value: string) => string,
  today: Date,
): PaymentAccountMatch => {
  if (!identity.certified || identity.certType !== IDENTITY_CARD) return { result: 'not_certified' };
  const parsed = parseCitizenId(identity.certNo, { today });
  const name = normalisePersonName(identity.name);
  if (!parsed.ok || name === undefined) return { result: 'mismatch' };
  const sameNumber = index('citizen-id', parsed.value) === claim.citizenIndex;
  const sameName = index('name', name) === claim.nameIndex;
  return sameNumber && sameName ? { result: 'match', citizenId: parsed.value, name } : { result: 'mismatch' };
};
