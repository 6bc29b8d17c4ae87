import { badRequest, problemResponse } from '@platform/http';
import type { IdempotencyPersistence, StoredResponse } from '@platform/payment-notices';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { isDecision, toProblem } from './domain-problem.ts';
import { requestHeader } from './request-header.ts';

export interface IdempotentRequest {
  readonly idempotency: IdempotencyPersistence;
  readonly departmentId: string;
  readonly event: APIGatewayProxyEventV2;
  readonly context: Context;
  /** The parsed body: what "the same request" is compared on, with the method and path. */
  readonly body: unknown;
  /** Does the work and says what to answer; a thrown error is mapped (below) and may be recorded. */
  readonly run: () => Promise<StoredResponse>;
}

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const toResult = (response: StoredResponse, extra: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode: response.statusCode,
  headers: { ...response.headers, ...extra },
  body: JSON.stringify(response.body),
});

const stored = (result: APIGatewayProxyStructuredResultV2): StoredResponse => ({
  statusCode: result.statusCode ?? 200,
  headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)])),
  body: JSON.parse(String(result.body)),
});

/**
 * Runs a POST under its `Idempotency-Key` (required on every POST of this API):
 *
 * - first use: run it, record the answer, answer;
 * - same key, same method, path and body (in any member order): the recorded answer again, with
 *   `Idempotent-Replayed: true`, whatever it was — a 201 or a 422;
 * - same key, anything else different: 409 `idempotency_key_reused`;
 * - same key while the first is still running: 409 `idempotency_request_in_progress` with `Retry-After`.
 *
 * Final answers (2xx and 4xx problems) are recorded; failures a retry may cure (503, internal errors) give the key
 * back so that the retry runs afresh. Keys are per department: two departments never share one.
 */
export const respondIdempotently = async (request: IdempotentRequest): Promise<APIGatewayProxyStructuredResultV2> => {
  const { idempotency, departmentId, event, context } = request;
  const key = requestHeader(event, IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) {
    throw badRequest(
      'idempotency_key_required',
      'Every POST needs an Idempotency-Key header: a unique value per operation, reused only to retry it.',
      IDEMPOTENCY_KEY_HEADER,
    );
  }
  const fingerprint = { method: event.requestContext.http.method, path: event.rawPath, body: request.body };
  const start = await idempotency.begin({ departmentId, key }, fingerprint);
  if (start.outcome === 'replay') return toResult(start.response, { 'idempotent-replayed': 'true' });

  let response: StoredResponse;
  try {
    response = await request.run();
  } catch (error) {
    const problem = toProblem(error);
    if (!problem || !isDecision(problem)) {
      // Not an answer, a failure: free the key so that a retry runs afresh. Should the release fail too, the lease
      // lapses on its own and the key frees itself then.
      await idempotency.release(start.claim).catch(() => undefined);
      throw error;
    }
    response = stored(problemResponse(problem, event.rawPath, context.awsRequestId));
  }
  // Should recording fail (storage down, lease lost), the caller gets that failure, not the answer, and the key stays
  // held until its lease lapses: a retry within the lease is told to wait rather than repeat the work at once.
  await idempotency.complete(start.claim, response);
  return toResult(response);
};
