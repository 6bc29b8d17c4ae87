import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { Http1ConnectionPool } from './http1-connection-pool.ts';

const servers: { close(callback: () => void): void }[] = [];
const pools: Http1ConnectionPool[] = [];

afterEach(async () => {
  for (const pool of pools.splice(0)) pool.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((closed) => server.close(() => closed()))));
});

const listen = async (server: Server | ReturnType<typeof createHttpServer>): Promise<URL> => {
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
};

const poolFor = (
  origin: URL,
  maxSockets?: number,
  more: Partial<ConstructorParameters<typeof Http1ConnectionPool>[0]> = {},
) => {
  const pool = new Http1ConnectionPool({ origin, ...(maxSockets ? { maxSockets } : {}), ...more });
  pools.push(pool);
  return pool;
};

const post = (pool: Http1ConnectionPool, body: string) =>
  pool.request(`POST / HTTP/1.1\r\nhost: ${pool.host}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`, body);

/**
 * A raw TCP server: reads each request (head and Content-Length body) and hands it to `respond`, which writes
 * whatever bytes it likes, how it likes, on the socket.
 */
const rawServer = async (respond: (socket: Socket, request: { body: string; index: number }) => void) => {
  let index = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffer.toString('latin1', 0, end))?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const body = buffer.toString('utf8', end + 4, end + 4 + length);
        buffer = buffer.subarray(end + 4 + length);
        respond(socket, { body, index: index++ });
      }
    });
  });
  const origin = await listen(server);
  return { origin, sockets };
};

const response = (body: string, headers = '') =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;

describe('Http1ConnectionPool', () => {
  it('sends requests and reads responses over one kept-alive connection', async () => {
    const ports: number[] = [];
    const server = createHttpServer((request, reply) => {
      ports.push(request.socket.remotePort as number);
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        reply.writeHead(201, { 'x-amzn-RequestId': 'r1', 'content-type': 'application/json' });
        reply.end(JSON.stringify({ echo: body, host: request.headers.host }));
      });
    });
    const pool = poolFor(await listen(server));
    for (const body of ['{"a":1}', '{"ü":"😀"}', '']) {
      const answer = await post(pool, body);
      expect(answer.statusCode).toBe(201);
      expect(answer.headers['x-amzn-requestid']).toBe('r1');
      expect(JSON.parse(answer.body)).toStrictEqual({ echo: body, host: pool.host });
    }
    expect(new Set(ports).size).toBe(1);
    expect(pool.openConnections).toBe(1);
  });

  it('reads chunked responses, with and without trailers', async () => {
    const { origin } = await rawServer((socket, { index }) => {
      const trailers = index === 0 ? '' : 'x-checksum: 1\r\n';
      socket.write(
        `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\n6\r\n:"ü"}\r\n0\r\n${trailers}\r\n`,
      );
    });
    const pool = poolFor(origin);
    expect((await post(pool, '1')).body).toBe('{"a":"ü"}');
    expect((await post(pool, '2')).body).toBe('{"a":"ü"}');
    expect(pool.openConnections).toBe(1);
  });

  it('reads a response however it is split into packets (every byte apart, multi-byte characters split)', async () => {
    const full = response(JSON.stringify({ text: 'ü😀 DynamoDB' }), 'x-amzn-requestid: split\r\n');
    const chunked = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
    const { origin } = await rawServer((socket, { body }) => {
      const text = body === 'chunked' ? chunked : full;
      const bytes = Buffer.from(text);
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return;
        socket.write(bytes.subarray(at, at + 1));
        at += 1;
        setImmediate(next);
      };
      next();
    });
    const pool = poolFor(origin);
    const answer = await post(pool, 'length');
    expect(JSON.parse(answer.body)).toStrictEqual({ text: 'ü😀 DynamoDB' });
    expect(answer.headers['x-amzn-requestid']).toBe('split');
    expect((await post(pool, 'chunked')).body).toBe('abcde');
    expect(pool.openConnections).toBe(1);
  });

  it('reads a status line without a reason phrase, and closes HTTP/1.0 connections unless kept alive', async () => {
    const { origin } = await rawServer((socket, { body }) =>
      socket.write(
        body === 'bare'
          ? 'HTTP/1.1 204\r\n\r\n'
          : body === 'old'
            ? 'HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n{}'
            : 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\ncontent-length: 2\r\n\r\n{}',
      ),
    );
    const pool = poolFor(origin);
    expect(await post(pool, 'bare')).toStrictEqual({ statusCode: 204, headers: {}, body: '' });
    expect((await post(pool, 'old-kept')).body).toBe('{}');
    expect(pool.openConnections).toBe(1);
    expect((await post(pool, 'old')).body).toBe('{}');
    expect(pool.openConnections).toBe(0);
  });

  it.each([
    'HTTP/2 200 OK\r\n\r\n',
    'HTTP/1.1 20 OK\r\n\r\n',
    'HTTP/1.1 2000 OK\r\n\r\n',
    'HTTP/1.1 abc OK\r\n\r\n',
    'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    'HTTP/1.1 200 OK\r\n: empty name\r\n\r\n',
    'HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n',
  ])('refuses the malformed response head %j', async (head) => {
    const { origin } = await rawServer((socket) => socket.write(head));
    await expect(post(poolFor(origin), 'x')).rejects.toMatchObject({ code: 'HPE_INVALID_RESPONSE' });
  });

  it('joins repeated headers and lower-cases names', async () => {
    const { origin } = await rawServer((socket) =>
      socket.write(
        'HTTP/1.1 200 OK\r\nX-Amzn-RequestId:  r1 \r\nx-multi: a\r\nX-Multi: b\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    expect((await post(poolFor(origin), 'x')).headers).toStrictEqual({
      'x-amzn-requestid': 'r1',
      'x-multi': 'a, b',
      'content-length': '0',
    });
  });

  it('skips interim 1xx responses', async () => {
    const { origin } = await rawServer((socket) => socket.write(`HTTP/1.1 100 Continue\r\n\r\n${response('{}')}`));
    expect((await post(poolFor(origin), 'x')).body).toBe('{}');
  });

  it('does not reuse a connection the server closes, and opens a new one for the next request', async () => {
    const { origin, sockets } = await rawServer((socket, { index }) => {
      if (index === 0) socket.end(response('"first"', 'connection: close\r\n'));
      else socket.write(response('"second"'));
    });
    const pool = poolFor(origin);
    expect((await post(pool, 'a')).body).toBe('"first"');
    expect((await post(pool, 'b')).body).toBe('"second"');
    // The server now closes the idle connection; the pool notices and opens a fresh one.
    for (const socket of sockets) socket.end();
    await new Promise((settled) => setTimeout(settled, 50));
    expect(pool.openConnections).toBe(0);
    expect((await post(pool, 'c')).body).toBe('"second"');
  });

  it('reads a body framed by the end of the connection', async () => {
    const { origin } = await rawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{"until":"close"}'),
    );
    const pool = poolFor(origin);
    expect((await post(pool, 'x')).body).toBe('{"until":"close"}');
    expect(pool.openConnections).toBe(0);
  });

  it('rejects with ECONNRESET when the connection drops before the response is complete', async () => {
    const { origin } = await rawServer((socket, { index }) => {
      if (index === 0) socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"trunc');
      else socket.destroy();
    });
    const pool = poolFor(origin);
    await expect(post(pool, 'x')).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(post(pool, 'y')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(pool.openConnections).toBe(0);
  });

  it('rejects with the socket error when nothing listens', async () => {
    const { origin } = await rawServer(() => {});
    const [server] = servers.splice(0);
    await new Promise<void>((closed) => server?.close(() => closed()));
    await expect(post(poolFor(origin), 'x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses malformed responses and drops the connection', async () => {
    const { origin } = await rawServer((socket, { index }) => {
      if (index === 0) socket.write('SMTP ready\r\n\r\n');
      else socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n');
    });
    const pool = poolFor(origin);
    await expect(post(pool, 'x')).rejects.toMatchObject({ code: 'HPE_INVALID_RESPONSE' });
    await expect(post(pool, 'y')).rejects.toMatchObject({ code: 'HPE_INVALID_RESPONSE' });
    expect(pool.openConnections).toBe(0);
  });

  it('drops a connection that sends data nobody asked for', async () => {
    const { origin } = await rawServer((socket) => {
      socket.write(response('"ok"'));
      setTimeout(() => socket.write('garbage'), 20);
    });
    const pool = poolFor(origin);
    expect((await post(pool, 'x')).body).toBe('"ok"');
    await new Promise((settled) => setTimeout(settled, 60));
    expect(pool.openConnections).toBe(0);
    expect((await post(pool, 'y')).body).toBe('"ok"');
  });

  it('keeps to maxSockets, queueing requests in order', async () => {
    const remotePorts = new Set<number>();
    const { origin } = await rawServer((socket, { body }) => {
      remotePorts.add(socket.remotePort as number);
      setTimeout(() => socket.write(response(JSON.stringify(body))), 5);
    });
    const pool = poolFor(origin, 2);
    const bodies = Array.from({ length: 7 }, (_, index) => `r${index}`);
    const answers = await Promise.all(bodies.map((body) => post(pool, body)));
    expect(answers.map((answer) => JSON.parse(answer.body))).toStrictEqual(bodies);
    expect(remotePorts.size).toBe(2);
  });

  it('rejects queued and new requests once destroyed', async () => {
    const { origin } = await rawServer(() => {});
    const pool = poolFor(origin, 1);
    const first = post(pool, 'a');
    const queued = post(pool, 'b');
    pool.destroy();
    await expect(queued).rejects.toThrow('destroyed');
    await expect(first).rejects.toBeInstanceOf(Error);
    await expect(post(pool, 'c')).rejects.toThrow('destroyed');
  });

  it('lets the process exit while connections are idle', async () => {
    const { origin } = await rawServer((socket) => socket.write(response('"ok"')));
    const script = `
      import { Http1ConnectionPool } from ${JSON.stringify(new URL('./http1-connection-pool.ts', import.meta.url).href)};
      const pool = new Http1ConnectionPool({ origin: new URL(${JSON.stringify(origin.href)}) });
      const answer = await pool.request('POST / HTTP/1.1\\r\\nhost: x\\r\\ncontent-length: 0\\r\\n', '');
      console.log(answer.body);
    `;
    const started = Date.now();
    const output = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { timeout: 8_000 },
        (error, stdout) => (error ? fail(error) : done(stdout)),
      ),
    );
    expect(output.trim()).toBe('"ok"');
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 15_000);

  it('does not reuse a connection idle for longer than maxIdleMs', async () => {
    const { origin } = await rawServer((socket) => socket.write(response(JSON.stringify(socket.remotePort))));
    const pool = poolFor(origin, undefined, { maxIdleMs: 30 });
    const first = (await post(pool, 'a')).body;
    expect((await post(pool, 'b')).body).toBe(first);
    await new Promise((settled) => setTimeout(settled, 60));
    expect((await post(pool, 'c')).body).not.toBe(first);
    expect(pool.openConnections).toBe(1);
  });

  const openssl = !spawnSync('openssl', ['version']).error;
  it.runIf(openssl)('speaks HTTPS, verifying the certificate', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pool-tls-'));
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(folder, 'key.pem'),
      '-out',
      join(folder, 'cert.pem'),
    ]);
    expect(made.status).toBe(0);
    const cert = readFileSync(join(folder, 'cert.pem'));
    const server = createHttpsServer({ key: readFileSync(join(folder, 'key.pem')), cert }, (request, reply) => {
      const socket = request.socket as TLSSocket;
      reply.end(JSON.stringify({ alpn: socket.alpnProtocol, resumed: socket.isSessionReused() }));
    });
    const { port } = (await listen(server)) as URL;
    const origin = new URL(`https://localhost:${port}`);
    const pool = poolFor(origin, undefined, { tls: { ca: cert }, maxIdleMs: 1 });
    expect(JSON.parse((await post(pool, 'x')).body)).toStrictEqual({ alpn: 'http/1.1', resumed: false });
    await new Promise((settled) => setTimeout(settled, 20));
    // A second connection (the first is too old to reuse) resumes the TLS session of the first.
    expect(JSON.parse((await post(pool, 'y')).body)).toStrictEqual({ alpn: 'http/1.1', resumed: true });
    await expect(post(poolFor(origin), 'x')).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('only speaks http and https', () => {
    expect(() => new Http1ConnectionPool({ origin: new URL('ftp://example.com') })).toThrow(TypeError);
  });
});
