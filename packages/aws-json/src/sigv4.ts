import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

/** The credentials a request is signed with (the SDK's `AwsCredentialIdentity`, or any object of that shape). */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface SignedHeaders {
  readonly 'x-amz-date': string;
  readonly authorization: string;
  readonly 'x-amz-security-token'?: string;
}

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** `20250102T030405Z` (ISO 8601 basic format, seconds, UTC), as SigV4 wants it. */
export const amzDate = (date: Date): string => {
  const iso = date.toISOString(); // 2025-01-02T03:04:05.678Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
};

let lastSecond = Number.NaN;
let lastAmzDate = '';
/** `amzDate` of now, formatted once per second. */
export const amzDateNow = (): string => {
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastSecond) {
    lastAmzDate = amzDate(new Date(second * 1000));
    lastSecond = second;
  }
  return lastAmzDate;
};

/**
 * The part of AWS Signature Version 4 that is the same for every request: the scope, the string to sign and the
 * derived signing key, kept for the day (the SDK caches it too). Callers build the canonical request of their shape
 * (`AwsJsonRequestSigner`, `S3RequestSigner`).
 */
export class SigV4Signer {
  readonly #region: string;
  readonly #service: string;
  #keyCache: { day: string; secret: string; key: KeyObject } | undefined;

  constructor(region: string, service: string) {
    this.#region = region;
    this.#service = service;
  }

  /** The `Authorization` header of `canonicalRequest`, signed at `date` (`amzDate` format). */
  authorization(
    credentials: SigningCredentials,
    date: string,
    signedHeaders: string,
    canonicalRequest: string,
  ): string {
    const { credential, signature } = this.signature(credentials, date, canonicalRequest);
    return `${SIGV4_ALGORITHM} Credential=${credential}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }

  /** `<access key id>/<day>/<region>/<service>/aws4_request`: whose key signs at `date` (`amzDate` format). */
  credential(credentials: SigningCredentials, date: string): string {
    return `${credentials.accessKeyId}/${date.slice(0, 8)}/${this.#region}/${this.#service}/aws4_request`;
  }

  /**
   * The signature of `canonicalRequest` at `date` (`amzDate` format) and its `credential`: what a header carries in
   * `Authorization`, and a presigned URL in its query.
   */
  signature(
    credentials: SigningCredentials,
    date: string,
    canonicalRequest: string,
  ): { readonly credential: string; readonly signature: string } {
    const day = date.slice(0, 8);
    const credential = this.credential(credentials, date);
    const scope = credential.slice(credentials.accessKeyId.length + 1);
    const stringToSign = `${SIGV4_ALGORITHM}\n${date}\n${scope}\n${hash('sha256', canonicalRequest, 'hex')}`;
    const signature = createHmac('sha256', this.#signingKey(credentials.secretAccessKey, day))
      .update(stringToSign)
      .digest('hex');
    return { credential, signature };
  }

  /** As a `KeyObject`: HMAC with a `Buffer` key costs five times as much (Node re-checks and copies it each time). */
  #signingKey(secret: string, day: string): KeyObject {
    const cached = this.#keyCache;
    if (cached && cached.day === day && cached.secret === secret) return cached.key;
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const key = createSecretKey(
      hmac(hmac(hmac(hmac(`AWS4${secret}`, day), this.#region), this.#service), 'aws4_request'),
    );
    this.#keyCache = { day, secret, key };
    return key;
  }
}

/**
 * AWS Signature Version 4 for the one request shape the DynamoDB JSON protocol uses: `POST /` without a query,
 * with a JSON body and the headers `content-type`, `host`, `x-amz-date`, `x-amz-target` (and
 * `x-amz-security-token` with temporary credentials). Equivalent to `@smithy/signature-v4` for that shape (the unit
 * tests compare the two), without its generality, so a request costs two SHA-256 hashes and one HMAC.
 */
export class AwsJsonRequestSigner {
  readonly #signer: SigV4Signer;

  constructor(region: string, service = 'dynamodb') {
    this.#signer = new SigV4Signer(region, service);
  }

  /**
   * The headers to add to the request: `x-amz-date`, `authorization` and, for temporary credentials,
   * `x-amz-security-token`. `host` must be sent exactly as given here (with the port when it is not the default).
   */
  sign(options: {
    readonly credentials: SigningCredentials;
    readonly host: string;
    readonly contentType: string;
    readonly target: string;
    readonly body: string;
    readonly date?: Date;
  }): SignedHeaders {
    const { credentials, host, contentType, target, body } = options;
    const date = options.date ? amzDate(options.date) : amzDateNow();
    const token = credentials.sessionToken;
    const signedHeaders = token
      ? 'content-type;host;x-amz-date;x-amz-security-token;x-amz-target'
      : 'content-type;host;x-amz-date;x-amz-target';
    const canonicalHeaders = token
      ? `content-type:${contentType}\nhost:${host}\nx-amz-date:${date}\nx-amz-security-token:${token}\nx-amz-target:${target}\n`
      : `content-type:${contentType}\nhost:${host}\nx-amz-date:${date}\nx-amz-target:${target}\n`;
    const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${hash('sha256', body, 'hex')}`;
    const authorization = this.#signer.authorization(credentials, date, signedHeaders, canonicalRequest);
    return token
      ? { 'x-amz-date': date, authorization, 'x-amz-security-token': token }
      : { 'x-amz-date': date, authorization };
  }
}
