import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import type { DemoDepartmentKey } from './demo-department.ts';
import { DEMO_DEPARTMENT_ID } from './demo-department.ts';

export interface IssuedDemoNotice {
  readonly noticeId: string;
  /** As the API prints it, in groups of four digits. */
  readonly paymentCode: string;
  readonly amountFen: number;
  /** The cashier page of the notice. */
  readonly payUrl: string;
}

export interface DemoNoticeRequest {
  readonly identity: string;
  readonly payments: string;
  readonly key: DemoDepartmentKey;
  readonly amountFen: number;
  readonly payer: { readonly idNumber: string; readonly name: string };
}

/** What a department's own system does: a client-credentials token from the provider, then `POST /v1/notices`. */
export const issueDemoNotice = async (request: DemoNoticeRequest): Promise<IssuedDemoNotice> => {
  const config = await oidc.discovery(
    new URL(request.identity),
    DEMO_DEPARTMENT_ID,
    {},
    oidc.PrivateKeyJwt({ key: request.key.privateKey, kid: request.key.kid }),
    // The local platform speaks plain HTTP on loopback.
    { execute: [oidc.allowInsecureRequests] },
  );
  const { access_token: token } = await oidc.clientCredentialsGrant(config, {
    scope: 'payments:notices:write',
    resource: request.payments,
  });
  const dueDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${request.payments}/v1/notices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      itemCode: '103050101',
      amountFen: request.amountFen,
      dueDate,
      description: '道路交通安全违法行为罚款（演示）',
      payer: { kind: 'natural-person', ...request.payer },
    }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201)
    throw new Error(`the payments API refused the notice (${response.status}): ${JSON.stringify(body)}`);
  const paymentCode = String(body.paymentCode);
  return {
    noticeId: String(body.id),
    paymentCode,
    amountFen: Number(body.amountFen),
    payUrl: `${request.payments}/pay/${paymentCode.replaceAll(' ', '')}`,
  };
};
