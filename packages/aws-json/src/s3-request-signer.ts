import { amzDate, amzDateNow, SIGV4_ALGORITHM, type SigningCredentials, SigV4Signer } from './sigv4.ts';

/** RFC 3986 percent-encoding, as SigV4 and S3 want a path segment: all but `A–Z a–z 0–9 - _ . ~` encoded. */
export const uriEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * AWS Signature Version 4 for S3 object requests without a query string. The canonical URI is the path exactly as
 * sent (S3, unlike other services, does not encode it a second time); every header sent is signed; the payload is
 * signed by its SHA-256 (`x-amz-content-sha256`), which S3 checks against the bytes it receives. Equivalent to
 * `@smithy/signature-v4` for that shape (the unit tests compare the two).
 */
export class S3RequestSigner {
  readonly #signer: SigV4Signer;

  constructor(region: string) {
    this.#signer = new SigV4Signer(region, 's3');
  }

  /**
   * The headers to send: `headers` (names in lower case) with `host`, `x-amz-content-sha256`, `x-amz-date`,
   * `x-amz-security-token` for temporary credentials, and `authorization`.
   */
  sign(options: {
    readonly credentials: SigningCredentials;
    readonly method: string;
    /** With the port when it is not the protocol's default. */
    readonly host: string;
    /** Encoded, as sent: `/key/with%20space`. */
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    /** Hex. */
    readonly payloadSha256: string;
    readonly date?: Date;
  }): Record<string, string> {
    const { credentials, method, host, path, payloadSha256 } = options;
    const date = options.date ? amzDate(options.date) : amzDateNow();
    const token = credentials.sessionToken;
    const headers: Record<string, string> = {
      ...options.headers,
      host,
      'x-amz-content-sha256': payloadSha256,
      'x-amz-date': date,
      ...(token ? { 'x-amz-security-token': token } : {}),
    };
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((name) => `${name}:${headers[name]?.trim().replace(/\s+/g, ' ')}\n`).join('');
    const signedHeaders = names.join(';');
    const canonicalRequest = `${method}\n${path}\n\n${canonicalHeaders}\n${signedHeaders}\n${payloadSha256}`;
    return {
      ...headers,
      authorization: this.#signer.authorization(credentials, date, signedHeaders, canonicalRequest),
    };
  }

  /**
   * The query string of a presigned GET of `path` (encoded, as sent), valid for `expiresInSeconds` (at most 7 days):
   * only `host` is signed and the payload is `UNSIGNED-PAYLOAD`, so whoever holds the URL can fetch the object, and
   * nothing else, until it expires.
   */
  presignGet(options: {
    readonly credentials: SigningCredentials;
    readonly host: string;
    readonly path: string;
    readonly expiresInSeconds: number;
    readonly date?: Date;
  }): string {
    const { credentials, host, path, expiresInSeconds } = options;
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > 604_800) {
      throw new RangeError('A presigned URL lasts 1 second to 7 days.');
    }
    const date = options.date ? amzDate(options.date) : amzDateNow();
    const credential = this.#signer.credential(credentials, date);
    const query: [string, string][] = [
      ['X-Amz-Algorithm', SIGV4_ALGORITHM],
      ['X-Amz-Credential', credential],
      ['X-Amz-Date', date],
      ['X-Amz-Expires', String(expiresInSeconds)],
      ...(credentials.sessionToken ? ([['X-Amz-Security-Token', credentials.sessionToken]] as [string, string][]) : []),
      ['X-Amz-SignedHeaders', 'host'],
    ];
    const canonicalQuery = query.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join('&');
    const canonicalRequest = `GET\n${path}\n${canonicalQuery}\nhost:${host}\n\nhost\nUNSIGNED-PAYLOAD`;
    const { signature } = this.#signer.signature(credentials, date, canonicalRequest);
    return `${canonicalQuery}&X-Amz-Signature=${signature}`;
  }
}
