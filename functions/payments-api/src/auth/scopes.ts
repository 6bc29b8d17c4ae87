/** The scopes of the payments API, as the identity provider grants them to departments. */
export const PAYMENTS_SCOPES = {
  readNotices: 'payments:notices:read',
  writeNotices: 'payments:notices:write',
  writeRefunds: 'payments:refunds:write',
  approveRefunds: 'payments:refunds:approve',
  webhooks: 'payments:webhooks',
} as const;

export type PaymentsScope = (typeof PAYMENTS_SCOPES)[keyof typeof PAYMENTS_SCOPES];

export const SCOPE_DESCRIPTIONS: Readonly<Record<PaymentsScope, string>> = {
  'payments:notices:read': "Read and list the department's own payment notices",
  'payments:notices:write': 'Issue and cancel payment notices',
  'payments:refunds:write': 'Request refunds of paid notices',
  'payments:refunds:approve': 'Approve refunds (not served yet)',
  'payments:webhooks': "Register webhook endpoints, list the department's deliveries and replay failed ones",
};
