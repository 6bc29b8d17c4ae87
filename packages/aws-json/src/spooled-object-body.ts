import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { StreamedObjectBody } from './s3-object-client.ts';

/**
 * Writes `body` to a new file at `path` (refused if one is there) as it arrives, hashing it on the way: a body too
 * large for memory becomes a `StreamedObjectBody`, whose length and SHA-256 S3 needs before the first byte is sent.
 * Text chunks are written as UTF-8. On failure the partial file stays; removing it is the caller's, who chose `path`.
 */
export const spoolObjectBody = async (
  body: AsyncIterable<Uint8Array | string>,
  path: string,
): Promise<StreamedObjectBody> => {
  const hash = createHash('sha256');
  let contentLength = 0;
  await pipeline(
    (async function* () {
      for await (const chunk of body) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        hash.update(bytes);
        contentLength += bytes.byteLength;
        yield bytes;
      }
    })(),
    createWriteStream(path, { flags: 'wx' }),
  );
  return { contentLength, sha256: hash.digest(), open: () => createReadStream(path) };
};
