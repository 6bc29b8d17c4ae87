import type { IncomingMessage } from 'node:http';

const MAX_FORM_BYTES = 16 * 1024;

export class FormTooLargeError extends Error {
  constructor() {
    super('form body too large');
    this.name = 'FormTooLargeError';
  }
}

/**
 * Reads an `application/x-www-form-urlencoded` body; the forms here are tiny, anything large is refused. The
 * certificate form, which carries a PEM chain, passes a larger limit.
 */
export const readForm = async (request: IncomingMessage, maxBytes = MAX_FORM_BYTES): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new FormTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};
