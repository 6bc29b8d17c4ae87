/**
 * Assurance levels as `acr` values, lowest first. At this stage only L1 (a phone number proven by an SMS code) can
 * be reached; the higher levels are the real-name verification work and are advertised only once they exist.
 */
export const ACR = {
  L1: 'urn:platform:loa:1',
} as const;

export const ACR_VALUES = [ACR.L1];
