import type { IncomingMessage } from 'node:http';

const MAX_FORM_BYTES = 16 * 1024;

export class FormTooLargeError extends Error {
  constructor() {
    super('form body too large');
    this.name = 'FormTooLargeError';
  }
}

/** Reads an `application/x-www-form-urlencoded` body; the forms here are tiny, anything large is refused. */
export const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new FormTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};
