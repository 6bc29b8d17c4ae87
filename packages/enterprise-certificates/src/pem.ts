/** One PEM block: its label (`CERTIFICATE`, `X509 CRL`, …) and the DER it armours. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/;

/** Anything larger is not one certificate or a short chain: refused before any decoding work. */
export const MAXIMUM_PEM_LENGTH = 64 * 1024;

/**
 * Every PEM block in `text`, in order; blocks whose body is not base64 are skipped (a caller that expects a block
 * then reports it missing). Header lines (`Proc-Type:` and the like, RFC 1421) are not supported: certificates and
 * CRLs never carry them.
 */
export const pemBlocks = (text: string): PemBlock[] => {
  if (text.length > MAXIMUM_PEM_LENGTH) return [];
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = '', body = ''] = match;
    if (!BASE64_BODY.test(body)) continue;
    const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    if (der.length > 0) blocks.push({ label, der: new Uint8Array(der) });
  }
  return blocks;
};

/** DER as PEM with 64-character lines, as RFC 7468 writes it. */
export const pemFromDer = (label: string, der: Uint8Array): string => {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
};
