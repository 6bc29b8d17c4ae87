import { createHash } from 'node:crypto';

/**
 * Passes a statement's bytes through unchanged while hashing them (SHA-256), so that a run records exactly which file
 * it reconciled without reading the file twice. `sha256()` answers once the body has been read to its end.
 */
export const digestingBody = (
  body: AsyncIterable<Uint8Array>,
): { readonly body: AsyncIterable<Uint8Array>; readonly sha256: () => string } => {
  const hash = createHash('sha256');
  let digest: string | undefined;
  return {
    body: (async function* () {
      for await (const chunk of body) {
        hash.update(chunk);
        yield chunk;
      }
      digest = hash.digest('hex');
    })(),
    sha256: () => {
      if (digest === undefined) throw new Error('The statement has not been read to its end.');
      return digest;
    },
  };
};
