import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonSecret } from '@platform/aws-json';
import type { DocumentClient } from '@platform/dynamodb';
import { requiredEnv } from '@platform/dynamodb';
import type { CertificateSignIn, CrlFetcher, TrustAnchorConfig } from '@platform/enterprise-certificates';
import type { Logger } from '@platform/logging';
import { IdentitySecretsError } from '../identity-secrets.ts';
import { createDynamoDbChallengeStore } from './dynamodb-challenge-store.ts';

/** How long a challenge can be signed and sent back: long enough to run the signing tool by hand. */
const CHALLENGE_TTL_SECONDS = 300;
const CRL_CACHE_SECONDS = 600;

/**
 * What the local runtime writes under `${LOCAL_STATE_DIR}/enterprise-ca/trust-anchors.json`
 * (`packages/local-runtime/src/enterprise-ca.ts`): the only part of it the provider reads.
 */
interface LocalManifest {
  readonly anchors: readonly { name: string; rootFile: string; usccMapping: TrustAnchorConfig['usccMapping'] }[];
  readonly crls: Readonly<Record<string, string>>;
}

interface Configuration {
  readonly trustAnchors: readonly TrustAnchorConfig[];
  readonly crlFetcher: CrlFetcher;
}

/**
 * Locally: the local runtime's test CA. Its CRL distribution points (`http://crl.test/…`) are answered in process
 * from the files beside the manifest, read on every fetch (the verifier caches them), and nothing else is fetched.
 */
const localConfiguration = async (stateDir: string, logger: Logger): Promise<Configuration | undefined> => {
  const folder = join(stateDir, 'enterprise-ca');
  let manifest: LocalManifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, 'trust-anchors.json'), 'utf8')) as LocalManifest;
  } catch {
    logger.warn('no local enterprise CA: certificate sign-in is not offered', { folder });
    return undefined;
  }
  const trustAnchors = await Promise.all(
    manifest.anchors.map(async (anchor) => ({
      name: anchor.name,
      rootPem: await readFile(join(folder, anchor.rootFile), 'utf8'),
      usccMapping: anchor.usccMapping,
    })),
  );
  const crlFetcher: CrlFetcher = async (url) => {
    const file = manifest.crls[url];
    if (file === undefined) throw new Error(`local CRL server: no CRL at ${url}`);
    return new Uint8Array(await readFile(join(folder, file)));
  };
  return { trustAnchors, crlFetcher };
};

/**
 * Deployed: the trust anchors are the JSON secret named by `ENTERPRISE_CA_SECRET_ID`,
 * `{"trustAnchors": [{"name", "rootPem", "usccMapping", "leafExtendedKeyUsages"?}]}`, and CRLs are fetched over
 * HTTP(S). Without that variable no CA is trusted and the option is not offered.
 */
const deployedConfiguration = async (env: NodeJS.ProcessEnv): Promise<Configuration | undefined> => {
  const secretId = env.ENTERPRISE_CA_SECRET_ID;
  if (!secretId) return undefined;
  const secret = await readJsonSecret(secretId);
  if (!Array.isArray(secret.trustAnchors) || secret.trustAnchors.length === 0) {
    throw new IdentitySecretsError('the enterprise CA secret must hold {"trustAnchors": [ … ]}');
  }
  const { createHttpCrlFetcher } = await import('@platform/enterprise-certificates');
  return {
    trustAnchors: secret.trustAnchors as TrustAnchorConfig[],
    crlFetcher: createHttpCrlFetcher({ timeoutMs: 5000 }),
  };
};

/**
 * Sign-in with an enterprise digital certificate, or `undefined` where no CA is configured (the sign-in page then
 * does not offer it). Challenges live in the identity table, so any instance can finish what another started.
 *
 * The certificate code (X.509 and ASN.1 parsers, a fifth of the bundle) is imported only once a CA is configured,
 * so that it does not weigh on the module init of an instance that will never verify a certificate.
 */
export const enterpriseCertificateSignIn = async (options: {
  readonly env: NodeJS.ProcessEnv;
  readonly local: boolean;
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly issuer: string;
  readonly logger: Logger;
}): Promise<CertificateSignIn | undefined> => {
  const configuration = options.local
    ? await localConfiguration(requiredEnv('LOCAL_STATE_DIR', options.env), options.logger)
    : await deployedConfiguration(options.env);
  if (!configuration) return undefined;
  const { createCertificateSignIn, createCertificateVerifier, createChallengeIssuer } = await import(
    '@platform/enterprise-certificates'
  );
  const verifier = createCertificateVerifier({
    trustAnchors: configuration.trustAnchors,
    crlFetcher: configuration.crlFetcher,
    crlCacheSeconds: CRL_CACHE_SECONDS,
  });
  const challenges = createChallengeIssuer({
    origin: new URL(options.issuer).origin,
    ttlSeconds: CHALLENGE_TTL_SECONDS,
    store: createDynamoDbChallengeStore({ documents: options.documents, tableName: options.tableName }),
  });
  return createCertificateSignIn({ verifier, challenges });
};
