import { type HttpHandler, jsonResponse } from '@platform/http';
import type { ReceiptsDependencies } from '../receipts-dependencies.ts';

/**
 * `GET /v1/receipts/keys`: the finance bureau's receipt keys as a JWKS (public members only). Cacheable for five
 * minutes, as long as the functions cache the key set: a new key is published as `next` well before it signs.
 */
export const publishReceiptKeys =
  (deps: ReceiptsDependencies): HttpHandler =>
  async () =>
    jsonResponse(200, await deps.receipts.jwks(), {
      'content-type': 'application/jwk-set+json',
      'cache-control': 'public, max-age=300',
    });
