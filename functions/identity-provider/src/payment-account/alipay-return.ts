import type { Logger } from '@platform/logging';
import { RealNameError, type RealNameService } from '@platform/real-name';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  type AlipayCheckOutcomeStore,
  type AlipayCheckResult,
  CHECK_OUTCOME_MS,
} from '../alipay/alipay-check-outcome.ts';
import { ALIPAY_COMPLETE_STEP } from '../alipay/alipay-steps.ts';
import type { PendingAuthorisationStore } from '../alipay/pending-authorisation.ts';

export interface AlipayReturnDependencies {
  readonly realName: Pick<RealNameService, 'verifyPaymentAccount'>;
  readonly pending: PendingAuthorisationStore;
  readonly outcomes: AlipayCheckOutcomeStore;
  readonly logger: Logger;
  readonly now?: () => number;
}

const INTERACTION_PATH = /^\/interaction\/([\w-]+)\/alipay-return$/;

/**
 * `GET /interaction/{uid}/alipay-return`, where Alipay sends the browser back with `auth_code` and `state`. The
 * `state` is taken once (the pending item, bound to the interaction and subject at the start); only for a pending
 * item of this very interaction is the code exchanged and matched, through the real-name service (rate limits,
 * lockout and audit as for every check). The outcome is stored beside the state for the provider, which reads it
 * once and finishes the step-up; nothing else of the query is read, and nothing the browser says is trusted: the
 * provider takes the outcome by the state and checks it against its own interaction and session.
 *
 * An unknown, used or foreign state stores nothing: the browser is still sent on, and the provider, finding no
 * outcome, shows "expired or belongs to another sign-in".
 */
export const createAlipayReturn =
  (deps: AlipayReturnDependencies) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const uid = INTERACTION_PATH.exec(event.rawPath)?.[1];
    if (event.requestContext.http.method !== 'GET' || !uid) {
      return { statusCode: 404, headers: { 'cache-control': 'no-store' }, body: '' };
    }
    const query = new URLSearchParams(event.rawQueryString ?? '');
    const state = query.get('state') ?? '';
    const now = deps.now ?? Date.now;
    const pending = /^[\w-]{16,128}$/.test(state) ? await deps.pending.take(state, now()) : undefined;
    if (pending && pending.uid === uid) {
      const result = await checkResult(deps, event, pending, query.get('auth_code'));
      await deps.outcomes.save(state, {
        uid: pending.uid,
        sub: pending.sub,
        result,
        expiresAtMs: now() + CHECK_OUTCOME_MS,
      });
    }
    const next = new URLSearchParams(state ? { state } : {});
    return {
      statusCode: 303,
      headers: {
        location: `/interaction/${uid}/${ALIPAY_COMPLETE_STEP}${state ? `?${next}` : ''}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      },
      body: '',
    };
  };

const checkResult = async (
  deps: AlipayReturnDependencies,
  event: APIGatewayProxyEventV2,
  pending: NonNullable<Awaited<ReturnType<PendingAuthorisationStore['take']>>>,
  authCode: string | null,
): Promise<AlipayCheckResult> => {
  // No code: the person declined at Alipay (or came back some other way); nothing is asked, nothing counted.
  if (!authCode) return { kind: 'denied' };
  try {
    const outcome = await deps.realName.verifyPaymentAccount({
      sub: pending.sub,
      ip: event.requestContext.http.sourceIp,
      portal: pending.portal,
      sessionMethods: pending.sessionMethods,
      claim: pending.claim,
      authCode,
    });
    return { kind: 'verified', outcome };
  } catch (error) {
    if (!(error instanceof RealNameError)) throw error;
    return { kind: 'refused', error };
  }
};
