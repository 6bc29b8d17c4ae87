import type { IncomingMessage } from 'node:http';

/** A request body the portal will not read: its status says why (413 too large, 415 not a form). */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';
  readonly status: 413 | 415;
  constructor(status: 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

/** Reads an `application/x-www-form-urlencoded` body of at most `maxBytes`. */
export const readFormBody = async (request: IncomingMessage, maxBytes: number): Promise<URLSearchParams> => {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new RequestBodyError(415, 'expected an application/x-www-form-urlencoded body');
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) throw new RequestBodyError(413, `body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};
