/** The two bounded contexts. They share nothing but the OAuth2 trust between them. */
export const CONTEXTS = ['identity', 'payments'] as const;
export type BoundedContext = (typeof CONTEXTS)[number];
