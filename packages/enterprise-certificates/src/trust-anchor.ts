import { type CaCertificate, caCertificate } from './ca-certificate.ts';
import { OID } from './oids.ts';
import { parseCertificate } from './parse-certificate.ts';
import { pemBlocks } from './pem.ts';
import { verifySignedObject } from './signature-algorithms.ts';
import type { UsccMapping } from './uscc-mapping.ts';

/** One configured CA: a root certificate this platform trusts, and how that CA writes the USCC. */
export interface TrustAnchorConfig {
  /** Shown as `issuerCA` in a result and in logs, e.g. `CFCA` or `某省数字证书认证中心`. */
  readonly name: string;
  /** The root certificate, PEM. */
  readonly rootPem: string;
  readonly usccMapping: UsccMapping | readonly UsccMapping[];
  /**
   * When a user's certificate has an extended key usage extension, one of these must be in it. Default: TLS client
   * authentication or any purpose. A CA whose enterprise signing certificates say, for instance, e-mail protection
   * lists that here.
   */
  readonly leafExtendedKeyUsages?: readonly string[];
}

export interface TrustAnchor extends CaCertificate {
  readonly name: string;
  readonly usccMappings: readonly UsccMapping[];
  readonly leafExtendedKeyUsages: ReadonlySet<string>;
}

const DEFAULT_LEAF_EXTENDED_KEY_USAGES = [OID.clientAuth, OID.anyExtendedKeyUsage];

/**
 * Parses and checks a root once, at construction: a configuration mistake (not a certificate, not self-signed, not a
 * CA, a key we cannot use) throws here, at start-up, and never reaches a user's sign-in. What the root may do is
 * settled here too; per sign-in only its dates and path length are checked.
 */
export const createTrustAnchor = (config: TrustAnchorConfig): TrustAnchor => {
  const fail = (why: string): never => {
    throw new TypeError(`Trust anchor "${config.name}": ${why}`);
  };
  const [block, ...others] = pemBlocks(config.rootPem).filter((b) => b.label === 'CERTIFICATE');
  if (block === undefined || others.length > 0) fail('rootPem must hold exactly one CERTIFICATE');
  const certificate = parseCertificate(block?.der ?? new Uint8Array()) ?? fail('the root certificate cannot be parsed');
  const root = caCertificate(certificate) ?? fail('the root key is not RSA ≥ 2048, EC P-256 or SM2');
  if (certificate.issuer.key !== certificate.subject.key) fail('the root certificate is not self-issued');
  if (!verifySignedObject(certificate.signatureAlgorithm, root.publicKey, certificate.tbs, certificate.signature)) {
    fail('the root certificate is not signed by its own key');
  }
  const { basicConstraints, keyUsage, unhandledCritical } = certificate.extensions;
  if (basicConstraints?.cA !== true) fail('the root certificate is not a CA (basicConstraints)');
  if (keyUsage !== undefined && !keyUsage.has('keyCertSign')) fail('the root key may not sign certificates (keyUsage)');
  if (unhandledCritical.length > 0)
    fail(`the root has critical extensions not understood: ${unhandledCritical.join(', ')}`);
  const mappings = Array.isArray(config.usccMapping) ? config.usccMapping : [config.usccMapping as UsccMapping];
  if (mappings.length === 0) fail('usccMapping lists no mapping');
  return {
    ...root,
    name: config.name,
    usccMappings: mappings,
    leafExtendedKeyUsages: new Set(config.leafExtendedKeyUsages ?? DEFAULT_LEAF_EXTENDED_KEY_USAGES),
  };
};
