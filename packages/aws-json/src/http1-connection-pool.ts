import net from 'node:net';
import type tls from 'node:tls';

/**
 * A minimal HTTP/1.1 client for one origin: keep-alive connections, one request at a time on each, at most
 * `maxSockets` of them, requests beyond that queued in order. Just enough HTTP for DynamoDB's JSON protocol (`POST`
 * with a body, a response framed by `Content-Length`, chunked encoding or connection close), at about a third of
 * the CPU of `node:http` per request (≈0.05 against ≈0.15 ms on loopback): no `ClientRequest`/`IncomingMessage`
 * streams, agent bookkeeping, header validation of our own constant headers, or per-request timers.
 *
 * Failures surface as Node's socket errors with their `code` (`ECONNREFUSED`, `ECONNRESET`, `EPIPE`, …); a
 * connection that closes before the response is complete rejects with `ECONNRESET` ("socket hang up"), as
 * `node:http` does, so that the caller's retry policy treats both alike. Like the SDK's handler, there is no timeout.
 * Idle connections do not keep the process alive.
 */

export interface Http1Response {
  readonly statusCode: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Http1ConnectionPoolOptions {
  /** `http://host[:port]` or `https://host[:port]`; requests go to this origin. */
  readonly origin: URL;
  /** Connections open at once at most (default 50, as the SDK's agent). */
  readonly maxSockets?: number;
  /** Response heads larger than this are refused (default 64 KiB). */
  readonly maxHeaderBytes?: number;
  /**
   * An idle connection older than this is closed instead of reused (default 30 s), so that a connection the
   * network dropped silently while the process was idle (a Lambda environment frozen between invocations) is not
   * written to and waited on.
   */
  readonly maxIdleMs?: number;
  /** Extra options for HTTPS connections (e.g. `ca` in tests); certificates are always verified by default. */
  readonly tls?: tls.ConnectionOptions;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

const socketHangUp = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const protocolError = (message: string): Error => Object.assign(new Error(message), { code: 'HPE_INVALID_RESPONSE' });

interface PendingRequest {
  readonly payload: string;
  readonly resolve: (response: Http1Response) => void;
  readonly reject: (error: Error) => void;
}

type BodyFraming = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' } | { kind: 'none' };

/** One keep-alive connection; parses the response to the request it carries. */
class Connection {
  readonly socket: net.Socket;
  readonly #pool: Http1ConnectionPool;
  readonly #maxHeaderBytes: number;
  #current: PendingRequest | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #head: { statusCode: number; headers: Record<string, string>; keepAlive: boolean } | undefined;
  #framing: BodyFraming = { kind: 'none' };
  #body: Buffer[] = [];
  #closed = false;

  constructor(pool: Http1ConnectionPool, socket: net.Socket, maxHeaderBytes: number) {
    this.#pool = pool;
    this.socket = socket;
    this.#maxHeaderBytes = maxHeaderBytes;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 1_000);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onClose(undefined));
    socket.on('error', (error) => this.#onClose(error));
    socket.on('close', () => this.#onClose(undefined));
  }

  get usable(): boolean {
    return !this.#closed && !this.socket.destroyed && !this.socket.readableEnded;
  }

  send(request: PendingRequest): void {
    this.#current = request;
    this.socket.ref();
    this.socket.write(request.payload);
  }

  /** Idle: waits for the next request without keeping the process alive (as `node:http`'s agent does). */
  park(now: number): void {
    this.idleSince = now;
    this.socket.unref();
  }

  idleSince = 0;

  destroy(): void {
    this.#closed = true;
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    if (!this.#current) {
      // Nothing was asked: a server talking out of turn can not be trusted with the next request.
      this.#fail(protocolError('unexpected data on an idle connection'));
      return;
    }
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    try {
      this.#parse();
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  #parse(): void {
    for (;;) {
      if (!this.#head) {
        const end = this.#buffer.indexOf(HEAD_END);
        if (end < 0) {
          if (this.#buffer.length > this.#maxHeaderBytes) throw protocolError('response head too large');
          return;
        }
        const head = parseHead(this.#buffer.toString('latin1', 0, end));
        this.#buffer = this.#buffer.subarray(end + HEAD_END.length);
        if (head.statusCode >= 100 && head.statusCode < 200) continue; // interim response: the real one follows
        this.#head = head;
        this.#framing = framingOf(head.statusCode, head.headers);
        this.#body = [];
      }
      if (!this.#readBody()) return;
      this.#complete();
      return;
    }
  }

  /** Moves body bytes out of the buffer; true once the body is complete. */
  #readBody(): boolean {
    const framing = this.#framing;
    switch (framing.kind) {
      case 'none':
        return true;
      case 'close':
        if (this.#buffer.length > 0) this.#body.push(this.#buffer);
        this.#buffer = Buffer.alloc(0);
        return false;
      case 'length': {
        const take = Math.min(framing.remaining, this.#buffer.length);
        if (take > 0) {
          this.#body.push(this.#buffer.subarray(0, take));
          this.#buffer = this.#buffer.subarray(take);
          framing.remaining -= take;
        }
        return framing.remaining === 0;
      }
      case 'chunked':
        return this.#readChunks();
    }
  }

  #readChunks(): boolean {
    for (;;) {
      const lineEnd = this.#buffer.indexOf(CRLF);
      if (lineEnd < 0) {
        if (this.#buffer.length > this.#maxHeaderBytes) throw protocolError('chunk size line too long');
        return false;
      }
      const sizeText = this.#buffer.toString('latin1', 0, lineEnd).split(';')[0]?.trim() ?? '';
      if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw protocolError('invalid chunk size');
      const size = Number.parseInt(sizeText, 16);
      if (size === 0) {
        // The last chunk: then trailer lines (we keep none) and an empty line.
        const afterSize = lineEnd + CRLF.length;
        if (this.#buffer.length < afterSize + CRLF.length) return false;
        if (this.#buffer[afterSize] === 13 && this.#buffer[afterSize + 1] === 10) {
          this.#buffer = this.#buffer.subarray(afterSize + CRLF.length);
          return true;
        }
        const trailersEnd = this.#buffer.indexOf(HEAD_END, lineEnd);
        if (trailersEnd < 0) {
          if (this.#buffer.length > this.#maxHeaderBytes) throw protocolError('trailers too large');
          return false;
        }
        this.#buffer = this.#buffer.subarray(trailersEnd + HEAD_END.length);
        return true;
      }
      const dataStart = lineEnd + CRLF.length;
      if (this.#buffer.length < dataStart + size + CRLF.length) return false;
      if (!this.#buffer.subarray(dataStart + size, dataStart + size + CRLF.length).equals(CRLF)) {
        throw protocolError('chunk not terminated by CRLF');
      }
      this.#body.push(this.#buffer.subarray(dataStart, dataStart + size));
      this.#buffer = this.#buffer.subarray(dataStart + size + CRLF.length);
    }
  }

  #complete(): void {
    const head = this.#head;
    const request = this.#current;
    if (!head || !request) return;
    const body =
      this.#body.length === 0
        ? ''
        : this.#body.length === 1
          ? (this.#body[0] as Buffer).toString('utf8')
          : Buffer.concat(this.#body).toString('utf8');
    const reusable = head.keepAlive && this.#framing.kind !== 'close' && this.#buffer.length === 0;
    this.#head = undefined;
    this.#body = [];
    this.#current = undefined;
    if (reusable) {
      this.#pool.release(this);
    } else {
      this.destroy();
      this.#pool.forget(this);
    }
    request.resolve({ statusCode: head.statusCode, headers: head.headers, body });
  }

  #onClose(error: Error | undefined): void {
    if (this.#closed && !this.#current) return;
    // A body framed by the connection's end is complete when it ends cleanly.
    if (!error && this.#current && this.#head && this.#framing.kind === 'close') {
      this.#closed = true;
      this.#complete();
      return;
    }
    this.#fail(error ?? socketHangUp());
  }

  #fail(error: Error): void {
    const request = this.#current;
    this.#current = undefined;
    this.#head = undefined;
    this.destroy();
    this.#pool.forget(this);
    request?.reject(error);
  }
}

const parseHead = (text: string): { statusCode: number; headers: Record<string, string>; keepAlive: boolean } => {
  // "HTTP/1.x NNN[ reason]": checked by hand, this runs for every response.
  const minor = text.charCodeAt(7);
  const statusCode = Number(text.slice(9, 12));
  if (
    !text.startsWith('HTTP/1.') ||
    (minor !== 48 && minor !== 49) ||
    text.charCodeAt(8) !== 32 ||
    !(statusCode >= 100 && statusCode <= 999) ||
    !Number.isInteger(statusCode) ||
    (text.length > 12 && text.charCodeAt(12) !== 32 && text.charCodeAt(12) !== 13)
  ) {
    throw protocolError('invalid status line');
  }
  const headers: Record<string, string> = {};
  let start = text.indexOf('\r\n');
  while (start >= 0) {
    const lineStart = start + 2;
    const next = text.indexOf('\r\n', lineStart);
    const lineEnd = next < 0 ? text.length : next;
    const colon = text.indexOf(':', lineStart);
    if (colon <= lineStart || colon > lineEnd) throw protocolError('invalid header line');
    const name = text.slice(lineStart, colon).trim().toLowerCase();
    const value = text.slice(colon + 1, lineEnd).trim();
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing}, ${value}`;
    start = next;
  }
  const connection = headers.connection?.toLowerCase() ?? '';
  const keepAlive = minor === 49 ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
  return { statusCode, headers, keepAlive };
};

const framingOf = (statusCode: number, headers: Record<string, string>): BodyFraming => {
  if (statusCode === 204 || statusCode === 304) return { kind: 'none' };
  const transferEncoding = headers['transfer-encoding'];
  if (transferEncoding !== undefined) {
    if (/\bchunked\s*$/i.test(transferEncoding)) return { kind: 'chunked' };
    return { kind: 'close' };
  }
  const contentLength = headers['content-length'];
  if (contentLength !== undefined) {
    if (!/^\d+$/.test(contentLength)) throw protocolError('invalid content-length');
    const length = Number(contentLength);
    return length === 0 ? { kind: 'none' } : { kind: 'length', remaining: length };
  }
  return { kind: 'close' };
};

export class Http1ConnectionPool {
  readonly #origin: URL;
  readonly #maxSockets: number;
  readonly #maxHeaderBytes: number;
  readonly #idle: Connection[] = [];
  readonly #all = new Set<Connection>();
  readonly #queue: PendingRequest[] = [];
  readonly #secure: boolean;
  readonly #maxIdleMs: number;
  readonly #tls: tls.ConnectionOptions;
  /** The last TLS session offered by the server, to resume it on the next connection (as `https.Agent` does). */
  #tlsSession: Buffer | undefined;
  #destroyed = false;

  constructor(options: Http1ConnectionPoolOptions) {
    const { origin } = options;
    if (origin.protocol !== 'http:' && origin.protocol !== 'https:') {
      throw new TypeError(`Http1ConnectionPool: unsupported protocol ${origin.protocol}`);
    }
    this.#origin = origin;
    this.#secure = origin.protocol === 'https:';
    this.#maxSockets = options.maxSockets ?? 50;
    this.#maxHeaderBytes = options.maxHeaderBytes ?? 64 * 1024;
    this.#maxIdleMs = options.maxIdleMs ?? 30_000;
    this.#tls = options.tls ?? {};
  }

  /** The `Host` header value for this origin (with the port when it is not the default). */
  get host(): string {
    return this.#origin.host;
  }

  /** Connections currently open (idle or busy). */
  get openConnections(): number {
    return this.#all.size;
  }

  /**
   * Sends one request: `head` is the request line and header lines, each ending in CRLF, without the blank line
   * that ends the head; `body` is sent after it. The caller owns the headers (including `Host` and
   * `Content-Length`) and must not put CR or LF in their values.
   */
  request(head: string, body: string): Promise<Http1Response> {
    if (this.#destroyed) return Promise.reject(new Error('Http1ConnectionPool: destroyed'));
    return new Promise<Http1Response>((resolve, reject) => {
      this.#dispatch({ payload: `${head}\r\n${body}`, resolve, reject });
    });
  }

  destroy(): void {
    this.#destroyed = true;
    for (const connection of this.#all) connection.destroy();
    this.#all.clear();
    this.#idle.length = 0;
    for (const waiting of this.#queue.splice(0)) waiting.reject(new Error('Http1ConnectionPool: destroyed'));
  }

  /** A connection finished its response and can take the next request. */
  release(connection: Connection): void {
    const next = this.#queue.shift();
    if (next) {
      connection.send(next);
      return;
    }
    connection.park(Date.now());
    this.#idle.push(connection);
  }

  /** A connection is gone (closed by either side). */
  forget(connection: Connection): void {
    this.#all.delete(connection);
    const index = this.#idle.indexOf(connection);
    if (index >= 0) this.#idle.splice(index, 1);
    const next = this.#queue.shift();
    if (next) this.#dispatch(next);
  }

  #dispatch(request: PendingRequest): void {
    const now = this.#idle.length > 0 ? Date.now() : 0;
    for (let connection = this.#idle.pop(); connection; connection = this.#idle.pop()) {
      if (connection.usable && now - connection.idleSince < this.#maxIdleMs) {
        connection.send(request);
        return;
      }
      this.#all.delete(connection);
      connection.destroy();
    }
    if (this.#all.size >= this.#maxSockets) {
      this.#queue.push(request);
      return;
    }
    const connection = new Connection(this, this.#connect(), this.#maxHeaderBytes);
    this.#all.add(connection);
    connection.send(request);
  }

  #connect(): net.Socket {
    const hostname = this.#origin.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(this.#origin.port || (this.#secure ? 443 : 80));
    if (!this.#secure) return net.connect({ host: hostname, port });
    // Loaded on the first HTTPS connection rather than with the module: `node:tls` costs a cold start several
    // milliseconds, and a function's module init should not pay for what only its first call needs.
    const socket = process.getBuiltinModule('node:tls').connect({
      ...this.#tls,
      host: hostname,
      port,
      ...(net.isIP(hostname) ? {} : { servername: hostname }),
      ...(this.#tlsSession ? { session: this.#tlsSession } : {}),
      ALPNProtocols: ['http/1.1'],
    });
    socket.on('session', (session: Buffer) => {
      this.#tlsSession = session;
    });
    return socket;
  }
}
