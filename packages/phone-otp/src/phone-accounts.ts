import type { VerifiedPhone } from './verify-code.ts';

/**
 * The account side of phone sign-in. It belongs to the identity provider's account model, not to this package; this
 * is the interface the two agree on, so that "first sign-in with a new number creates the account" stays one call.
 *
 * Rules for an implementation:
 * - key the phone → account index by `phone.phoneHash` (the blind index, `phoneBlindIndex`); store the number itself
 *   only encrypted (envelope encryption), never in clear;
 * - be race-safe: two first sign-ins with one number must end with one account — create the index item with a
 *   conditional put (`attribute_not_exists(pk)`) and, if that fails, read and return the winner's account;
 * - call it only with the result of a successful `verifyCode`. Called before, `created` would tell someone who has not
 *   proved they hold the number whether it has an account.
 */
export interface PhoneAccounts {
  findOrCreateByPhone(phone: VerifiedPhone): Promise<PhoneAccount>;
}

export interface PhoneAccount {
  readonly accountId: string;
  /** True on the sign-in that created the account (e.g. to show a welcome page). */
  readonly created: boolean;
}
