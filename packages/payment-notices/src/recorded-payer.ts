import { type Payer, payerIdentifierOf } from './payer.ts';
import { maskIdentifier, maskPayerName } from './payer-masking.ts';
import type { RecordedPayer } from './payment-notice.ts';

export type SealedKind = 'citizen-id' | 'uscc' | 'name';

/** What protects a payer's personal data at rest: in production, the personal-data vault's two functions. */
export interface PayerProtection {
  /** Envelope-encrypts a value: the vault's `seal`. */
  readonly seal: (kind: SealedKind, plaintext: string) => Promise<string>;
  /** Keyed hash of an identifier for equality lookups: the vault's `blindIndex`. */
  readonly payerIndex: (kind: 'citizen-id' | 'uscc', identifier: string) => string;
}

/** The payer as a notice keeps them: identifier and name sealed, identifier indexed, both masked for display. */
export const recordPayer = async (payer: Payer, { seal, payerIndex }: PayerProtection): Promise<RecordedPayer> => {
  const { kind, value } = payerIdentifierOf(payer);
  const [sealedIdentifier, sealedName] = await Promise.all([seal(kind, value), seal('name', payer.name)]);
  return {
    kind: payer.kind,
    index: payerIndex(kind, value),
    sealedIdentifier,
    sealedName,
    maskedIdentifier: maskIdentifier(kind, value),
    maskedName: maskPayerName(kind, payer.name),
  };
};
