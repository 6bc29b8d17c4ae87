import { maskCitizenId, maskName, maskOrganisationName, maskUscc } from '@platform/personal-data';

/**
 * Masked forms of a payer's identifier and name, the only forms kept in clear on a notice, for pages and receipts
 * that must show whose notice it is: enough to recognise one's own data, too little to use someone else's.
 */
export const maskIdentifier = (kind: 'citizen-id' | 'uscc', value: string): string =>
  kind === 'citizen-id' ? maskCitizenId(value) : maskUscc(value);

export const maskPayerName = (kind: 'citizen-id' | 'uscc', name: string): string =>
  kind === 'uscc' ? maskOrganisationName(name) : maskName(name);
