/** What one POST to an endpoint came to. */
export interface TransportResult {
  readonly httpStatus?: number;
  readonly error?: string;
}

/** Port: POST a signed webhook. Never throws: a refused connection or a timeout is a result like a 500. */
export type WebhookTransport = (url: string, headers: Record<string, string>, body: string) => Promise<TransportResult>;

/** Five seconds: a department's endpoint should acknowledge and do its work afterwards. */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Node's fetch, no redirects followed (a redirect is not a delivery), the response body discarded. */
export const fetchTransport =
  (timeoutMs = DELIVERY_TIMEOUT_MS): WebhookTransport =>
  async (url, headers, body) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300
        ? { httpStatus: response.status }
        : { httpStatus: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = error instanceof Error ? error.name : 'Error';
      return { error: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause ?? name) };
    }
  };
