import { parseReceiptNumber, parseVerificationCode } from '@platform/fiscal-receipts';
import { badRequest, type HttpHandler, jsonResponse, Problem } from '@platform/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ReceiptsDependencies } from '../receipts-dependencies.ts';

const MAXIMUM_SIGNED_RECEIPT = 8_000;

const jsonBody = (event: APIGatewayProxyEventV2): Record<string, unknown> => {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new Problem({
      status: 415,
      code: 'unsupported_media_type',
      title: 'Unsupported media type',
      detail: 'Send the body as application/json.',
    });
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  try {
    const body: unknown = JSON.parse(raw);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw badRequest('invalid_json', 'The body is not a JSON object.');
};

/**
 * `POST /v1/receipts/verifications` with `{receiptNumber, verificationCode}` or `{signedReceipt}`: always 200 with
 * `{valid, status, receipt, reasons, kid}` for a well-formed question, whatever the verdict (an invalid receipt is an
 * answer, not an error). A wrong code gets `{valid: false, reasons: ['verification_code_mismatch']}` and nothing else.
 */
export const verifyReceipt =
  (deps: ReceiptsDependencies): HttpHandler =>
  async (event) => {
    const body = jsonBody(event);
    if (body.signedReceipt !== undefined) {
      if (
        typeof body.signedReceipt !== 'string' ||
        body.signedReceipt === '' ||
        body.signedReceipt.length > MAXIMUM_SIGNED_RECEIPT
      ) {
        throw badRequest('invalid_signed_receipt', 'signedReceipt must be a compact JWS string.', 'signedReceipt');
      }
      return jsonResponse(200, await deps.receipts.verifySignedReceipt(body.signedReceipt), {
        'cache-control': 'no-store',
      });
    }
    const number = parseReceiptNumber(body.receiptNumber);
    const code = parseVerificationCode(body.verificationCode);
    return jsonResponse(200, await deps.receipts.verifyWithCode(number, code), { 'cache-control': 'no-store' });
  };
