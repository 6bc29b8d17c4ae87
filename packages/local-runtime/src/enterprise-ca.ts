import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyAlgorithm } from '@platform/enterprise-certificates';
import { createTestRootCa } from '@platform/enterprise-certificates/test-support';

/**
 * The local enterprise-certificate PKI of `npm start`: a throw-away root → intermediate CA per algorithm (RSA and SM2)
 * from the test CA builder, their CRLs, and one demo company certificate and key each, under
 * `${LOCAL_STATE_DIR}/enterprise-ca/`. The identity function (locally only) trusts these roots and reads the CRLs
 * from these files in process, by their distribution-point URL (see `trust-anchors.json`).
 *
 * Generated once; generated again when the folder is missing or its certificates are within a week of expiring.
 * The CA private keys are never written: nothing needs to be issued later, and CRLs are valid as long as the
 * certificates.
 */

export const ENTERPRISE_CA_FOLDER = 'enterprise-ca';
export const ENTERPRISE_CA_MANIFEST = 'trust-anchors.json';

export interface LocalEnterpriseCaManifest {
  readonly version: 1;
  /** Epoch milliseconds: when these certificates and CRLs stop being valid. */
  readonly validUntil: number;
  readonly anchors: readonly {
    readonly name: string;
    readonly algorithm: KeyAlgorithm;
    /** Relative to the folder. */
    readonly rootFile: string;
    readonly usccMapping: { readonly kind: 'organizationIdentifier' };
  }[];
  /** CRL distribution-point URL → file (DER), relative to the folder. */
  readonly crls: Readonly<Record<string, string>>;
  readonly demoCompanies: readonly {
    readonly algorithm: KeyAlgorithm;
    readonly uscc: string;
    readonly companyName: string;
    /** The company certificate then the intermediate, PEM: what the sign-in page asks for. */
    readonly chainFile: string;
    readonly keyFile: string;
  }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const VALID_FOR_MS = 2 * 365 * DAY_MS;
const RENEW_BEFORE_MS = 7 * DAY_MS;

const DEMO: readonly { algorithm: KeyAlgorithm; folder: string; uscc: string; companyName: string }[] = [
  { algorithm: 'RSA', folder: 'rsa', uscc: '91350100M000100Y43', companyName: '福州测试科技有限公司' },
  { algorithm: 'SM2', folder: 'sm2', uscc: '91350100MA00000230', companyName: '福州国密示范有限公司' },
];

const readManifest = (folder: string): LocalEnterpriseCaManifest | undefined => {
  const path = join(folder, ENTERPRISE_CA_MANIFEST);
  if (!existsSync(path)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as LocalEnterpriseCaManifest;
    return manifest.version === 1 ? manifest : undefined;
  } catch {
    return undefined;
  }
};

/** Makes sure `${stateDir}/enterprise-ca/` holds a current local PKI; returns its folder and manifest. */
export const ensureLocalEnterpriseCa = (
  stateDir: string,
  now: number = Date.now(),
): { folder: string; manifest: LocalEnterpriseCaManifest; created: boolean } => {
  const folder = join(stateDir, ENTERPRISE_CA_FOLDER);
  const existing = readManifest(folder);
  if (existing && existing.validUntil - RENEW_BEFORE_MS > now) return { folder, manifest: existing, created: false };

  rmSync(folder, { recursive: true, force: true });
  const validUntil = now + VALID_FOR_MS;
  const anchors: LocalEnterpriseCaManifest['anchors'][number][] = [];
  const crls: Record<string, string> = {};
  const demoCompanies: LocalEnterpriseCaManifest['demoCompanies'][number][] = [];
  for (const demo of DEMO) {
    mkdirSync(join(folder, demo.folder), { recursive: true });
    const file = (name: string) => join(demo.folder, name);
    const write = (name: string, content: string | Uint8Array, mode = 0o644) =>
      writeFileSync(join(folder, file(name)), content, { mode });
    const root = createTestRootCa({ algorithm: demo.algorithm, now, name: `Local Test Root CA ${demo.algorithm}` });
    const intermediate = root.issueIntermediate();
    const leaf = intermediate.issueLeaf({ company: demo.companyName, uscc: demo.uscc, notAfter: validUntil });
    write('root-ca.pem', root.certificate.pem);
    write('intermediate-ca.pem', intermediate.certificate.pem);
    write('root.crl', root.crl({ nextUpdate: validUntil }));
    write('intermediate.crl', intermediate.crl({ nextUpdate: validUntil }));
    write('company.cert.pem', leaf.pem);
    write('company.chain.pem', `${leaf.pem.trimEnd()}\n${intermediate.certificate.pem.trimEnd()}\n`);
    write('company.key.pem', leaf.keys.privateKeyPem, 0o600);
    anchors.push({
      name: `Local Test CA (${demo.algorithm})`,
      algorithm: demo.algorithm,
      rootFile: file('root-ca.pem'),
      usccMapping: { kind: 'organizationIdentifier' },
    });
    crls[root.crlUrl] = file('root.crl');
    crls[intermediate.crlUrl] = file('intermediate.crl');
    demoCompanies.push({
      algorithm: demo.algorithm,
      uscc: demo.uscc,
      companyName: demo.companyName,
      chainFile: file('company.chain.pem'),
      keyFile: file('company.key.pem'),
    });
  }
  const manifest: LocalEnterpriseCaManifest = { version: 1, validUntil, anchors, crls, demoCompanies };
  writeFileSync(join(folder, ENTERPRISE_CA_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { folder, manifest, created: true };
};
