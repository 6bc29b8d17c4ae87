import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCitizenId } from '@platform/identifiers';
import type { CarrierVerifier } from './carrier-verifier.ts';
import { CheckUnavailableError } from './check-unavailable-error.ts';
import { CARRIER_CHECK_PATH } from './http-carrier-verifier.ts';
import { IDENTITY_CHECK_PATH } from './http-population-registry.ts';
import { parseMobileNumber } from './mobile-number.ts';
import type { PopulationRegistry } from './population-registry.ts';
import {
  HEADERS,
  hmacSignature,
  MAXIMUM_CLOCK_SKEW_SECONDS,
  requestStringToSign,
  responseStringToSign,
  signatureMatches,
} from './signed-request.ts';

/**
 * The gateway side of the check protocol, on loopback, answering from a registry and a carrier port (the sandboxes):
 * what the local runtime and the tests put behind the HTTP adapters. It enforces what a real gateway must — known
 * client, fresh timestamp, unused nonce, valid signature — so that the adapters are tested against those rules.
 */
export interface CheckProtocolSimulatorOptions {
  readonly registry: PopulationRegistry;
  readonly carrier: CarrierVerifier;
  /** client id → shared secret. */
  readonly clients: Readonly<Record<string, string>>;
  readonly port?: number;
  /** Epoch milliseconds. */
  readonly now?: () => number;
}

export interface CheckProtocolSimulator {
  readonly baseUrl: string;
  /** Protocol error codes answered, in order (`OK` for answers): for tests. */
  readonly answered: readonly string[];
  close(): Promise<void>;
}

type Answer = { status: number; code: string; result?: string };

const MAXIMUM_BODY_BYTES = 16_384;

const readBody = (request: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAXIMUM_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAXIMUM_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

export const startCheckProtocolSimulator = async (
  options: CheckProtocolSimulatorOptions,
): Promise<CheckProtocolSimulator> => {
  const now = options.now ?? Date.now;
  const seenNonces = new Map<string, number>();
  const answered: string[] = [];

  const authenticate = (request: IncomingMessage, path: string, body: string): Answer | undefined => {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : '';
    };
    const clientId = header(HEADERS.clientId);
    const secret = Object.hasOwn(options.clients, clientId) ? options.clients[clientId] : undefined;
    if (!secret) return { status: 401, code: 'E_CLIENT' };
    const timestamp = header(HEADERS.timestamp);
    const nowSeconds = Math.floor(now() / 1000);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAXIMUM_CLOCK_SKEW_SECONDS) {
      return { status: 401, code: 'E_TIMESTAMP' };
    }
    const nonce = header(HEADERS.nonce);
    const expected = hmacSignature(
      secret,
      requestStringToSign({
        method: request.method ?? '',
        path,
        clientId,
        requestId: header(HEADERS.requestId),
        timestamp,
        nonce,
        body,
      }),
    );
    if (!signatureMatches(expected, header(HEADERS.signature))) return { status: 401, code: 'E_SIGNATURE' };
    for (const [seen, at] of seenNonces) if (at < nowSeconds - 2 * MAXIMUM_CLOCK_SKEW_SECONDS) seenNonces.delete(seen);
    if (nonce.length < 16 || seenNonces.has(`${clientId}:${nonce}`)) return { status: 409, code: 'E_REPLAY' };
    seenNonces.set(`${clientId}:${nonce}`, nowSeconds);
    return undefined;
  };

  const check = async (path: string, fields: Record<string, unknown>): Promise<Answer> => {
    const citizen = parseCitizenId(fields.citizenId);
    const name = typeof fields.name === 'string' && fields.name.length > 0 ? fields.name : undefined;
    if (!citizen.ok || !name) return { status: 400, code: 'E_BAD_REQUEST' };
    try {
      if (path === IDENTITY_CHECK_PATH) {
        return {
          status: 200,
          code: 'OK',
          result: await options.registry.checkIdentity({ citizenId: citizen.value, name }),
        };
      }
      const phone = parseMobileNumber(fields.phone);
      if (!phone) return { status: 400, code: 'E_BAD_REQUEST' };
      const result = await options.carrier.checkThreeFactors({ citizenId: citizen.value, name, phone });
      return { status: 200, code: 'OK', result };
    } catch (error) {
      if (error instanceof CheckUnavailableError) return { status: 503, code: 'E_UNAVAILABLE' };
      throw error;
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readBody(request);
    const fields = (() => {
      try {
        const value: unknown = JSON.parse(body ?? '');
        return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    })();
    const requestId = typeof fields?.requestId === 'string' ? fields.requestId : '';
    const answer: Answer =
      request.method !== 'POST' || (path !== IDENTITY_CHECK_PATH && path !== CARRIER_CHECK_PATH)
        ? { status: 404, code: 'E_NOT_FOUND' }
        : body === undefined || !fields || requestId !== request.headers[HEADERS.requestId]
          ? { status: 400, code: 'E_BAD_REQUEST' }
          : (authenticate(request, path, body) ?? (await check(path, fields)));
    answered.push(answer.code);

    const text = JSON.stringify({ requestId, code: answer.code, ...(answer.result ? { result: answer.result } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (answer.status === 200) {
      const clientId = String(request.headers[HEADERS.clientId]);
      const timestamp = String(Math.floor(now() / 1000));
      const nonce = String(request.headers[HEADERS.nonce]);
      headers[HEADERS.timestamp] = timestamp;
      headers[HEADERS.signature] = hmacSignature(
        options.clients[clientId] ?? '',
        responseStringToSign({ requestId, nonce, timestamp, body: text }),
      );
    }
    response.writeHead(answer.status, headers);
    response.end(text);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    answered,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
