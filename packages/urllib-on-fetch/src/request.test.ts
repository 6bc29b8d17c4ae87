import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import urllib, { Agent, HttpClientRequestTimeoutError, ProxyAgent, UnsupportedRequestOptionError } from './index.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A loopback server whose answer each test sets; it records what it was sent. */
let answer: (request: IncomingMessage, response: ServerResponse) => void;
let seen: Seen | undefined;
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  seen = {
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    body: Buffer.concat(chunks).toString(),
  };
  answer(request, response);
});
let base = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const answerJson = (status: number, body: string) => {
  answer = (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'Alipay-Trace-Id': 'trace-1' });
    response.end(body);
  };
};

describe('request', () => {
  it('posts data as a form, as alipay-sdk’s exec does, and answers status, lower-case headers and text', async () => {
    answerJson(200, '{"alipay_trade_query_response":{"msg":"成功"}}');
    const response = await urllib.request(`${base}/gateway.do?method=alipay.trade.query`, {
      method: 'POST',
      data: { biz_content: '{"out_trade_no":"P 1&2"}', count: 3 },
      dataType: 'text',
      timeout: 2000,
      headers: { 'User-Agent': 'alipay-sdk-nodejs-4.0.0', accept: 'application/json' },
      dispatcher: undefined,
    });
    expect(response.status).toBe(200);
    expect(response.headers['alipay-trace-id']).toBe('trace-1');
    expect(response.data).toBe('{"alipay_trade_query_response":{"msg":"成功"}}');
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/gateway.do?method=alipay.trade.query');
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(seen?.headers['user-agent']).toBe('alipay-sdk-nodejs-4.0.0');
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({
      biz_content: '{"out_trade_no":"P 1&2"}',
      count: '3',
    });
  });

  it('sends content as given, a string as text unless a content-type says otherwise, as alipay-sdk’s curl does', async () => {
    answerJson(201, '{}');
    await urllib.request(`${base}/v3/x`, { method: 'PUT', content: '{"a":1}', dataType: 'text' });
    expect(seen?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    await urllib.request(`${base}/v3/x`, {
      method: 'POST',
      content: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
      dataType: 'text',
    });
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.body).toBe('{"a":1}');
  });

  it('streams a Readable body, as alipay-sdk’s file uploads send their form', async () => {
    answerJson(200, '{}');
    const content = Readable.from([Buffer.from('--b\r\n'), Buffer.from('part\r\n'), Buffer.from('--b--\r\n')]);
    await urllib.request(`${base}/upload`, {
      method: 'POST',
      content,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      dataType: 'text',
    });
    expect(seen?.body).toBe('--b\r\npart\r\n--b--\r\n');
    expect(seen?.headers['content-type']).toBe('multipart/form-data; boundary=b');
  });

  it('answers an error status rather than throwing, and repeated set-cookie headers as a list', async () => {
    answer = (_request, response) => {
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.writeHead(502);
      response.end('bad gateway');
    };
    const response = await urllib.request(`${base}/`, { method: 'POST', data: {}, dataType: 'text' });
    expect(response).toMatchObject({ status: 502, data: 'bad gateway' });
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('times out when the headers do not come in time', async () => {
    answer = () => {};
    const started = Date.now();
    const failure = await urllib.request(`${base}/`, { dataType: 'text', timeout: 200 }).catch((error) => error);
    expect(failure).toBeInstanceOf(HttpClientRequestTimeoutError);
    expect(failure.name).toBe('HttpClientRequestTimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out when the body stops, however long it has been flowing', async () => {
    answer = (_request, response) => {
      response.writeHead(200);
      let sent = 0;
      const drip = setInterval(() => {
        sent += 1;
        // Three chunks 100 ms apart (300 ms in all, beyond the timeout), then silence.
        if (sent <= 3) response.write('x');
        else clearInterval(drip);
      }, 100);
    };
    const failure = await urllib.request(`${base}/`, { dataType: 'text', timeout: 250 }).catch((error) => error);
    expect(failure).toBeInstanceOf(HttpClientRequestTimeoutError);
  });

  it('throws what failed, not fetch’s “fetch failed”', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const failure = await urllib.request(`http://127.0.0.1:${port}/`, { dataType: 'text' }).catch((error) => error);
    expect(failure).toMatchObject({ code: 'ECONNREFUSED' });
    expect(failure.message).toContain('ECONNREFUSED');
  });
});

describe('what it refuses rather than ignores', () => {
  const refusal = (options: object) =>
    urllib.request(`${base}/`, { dataType: 'text', ...options } as never).catch((error) => error);

  it.each([
    ['an agent (alipay-sdk’s HTTP/2 streaming)', { dispatcher: new Agent({ allowH2: true }), dataType: 'stream' }],
    ['an option urllib has and this has not', { retry: 2 }],
    ['an answer as bytes or JSON', { dataType: 'json' }],
    ['a body with GET', { data: { a: 1 } }],
    ['both data and content', { method: 'POST', data: { a: 1 }, content: 'b' }],
    ['data with a content-type', { method: 'POST', data: { a: 1 }, headers: { 'Content-Type': 'application/json' } }],
    ['a timeout that is not one number', { timeout: [1000, 2000] }],
  ])('%s', async (_what, options) => {
    seen = undefined;
    expect(await refusal(options)).toBeInstanceOf(UnsupportedRequestOptionError);
    expect(seen).toBeUndefined();
  });

  it('a proxy', () => {
    expect(() => new ProxyAgent()).toThrow(UnsupportedRequestOptionError);
  });
});

it('is the urllib alipay-sdk loads (root package.json overrides)', () => {
  const alipaySdk = createRequire(import.meta.url).resolve('alipay-sdk');
  const urllibOfAlipaySdk = realpathSync(createRequire(alipaySdk).resolve('urllib'));
  expect(urllibOfAlipaySdk).toBe(realpathSync(new URL('./index.ts', import.meta.url)));
});
