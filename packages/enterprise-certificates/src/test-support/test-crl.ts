import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList, type Name, RevokedCertificate, TBSCertList, Time, Version } from '@peculiar/asn1-x509';
import { signWithPrivateKey } from '../signing.ts';
import { signatureAlgorithmIdentifier } from './signature-algorithm-identifier.ts';
import type { TestKeyPair } from './test-keys.ts';

export interface CrlTemplate {
  readonly issuerName: Name;
  readonly issuerKeys: TestKeyPair;
  /** Upper-case hex serial numbers → epoch milliseconds of revocation. */
  readonly revoked: ReadonlyMap<string, number>;
  /** Epoch milliseconds. */
  readonly thisUpdate: number;
  /** Epoch milliseconds; `undefined` for a CRL without nextUpdate. */
  readonly nextUpdate: number | undefined;
}

/** A v2 CRL signed by the issuer's key. */
export const buildCrl = (template: CrlTemplate): Uint8Array => {
  const signature = signatureAlgorithmIdentifier(template.issuerKeys.algorithm);
  const revokedCertificates = [...template.revoked].map(
    ([serial, date]) =>
      new RevokedCertificate({
        userCertificate: new Uint8Array(Buffer.from(serial, 'hex')).buffer,
        revocationDate: new Time(new Date(date)),
      }),
  );
  const tbsCertList = new TBSCertList({
    version: Version.v2,
    signature,
    issuer: template.issuerName,
    thisUpdate: new Time(new Date(template.thisUpdate)),
    ...(template.nextUpdate === undefined ? {} : { nextUpdate: new Time(new Date(template.nextUpdate)) }),
    ...(revokedCertificates.length === 0 ? {} : { revokedCertificates }),
  });
  const signed = signWithPrivateKey(template.issuerKeys.privateKey, new Uint8Array(AsnConvert.serialize(tbsCertList)));
  if (signed === undefined) throw new Error('buildCrl: the issuer key cannot sign');
  return new Uint8Array(
    AsnConvert.serialize(
      new CertificateList({
        tbsCertList,
        signatureAlgorithm: signature,
        signature: new Uint8Array(signed.signature).buffer,
      }),
    ),
  );
};
