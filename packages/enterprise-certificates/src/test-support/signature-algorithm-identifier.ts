import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { OID } from '../oids.ts';
import type { KeyAlgorithm } from '../public-key.ts';

/** The AlgorithmIdentifier a CA with a key of `algorithm` writes: RSA carries explicit NULL parameters, EC none (RFC 5758). */
export const signatureAlgorithmIdentifier = (algorithm: KeyAlgorithm): AlgorithmIdentifier => {
  switch (algorithm) {
    case 'RSA':
      return new AlgorithmIdentifier({ algorithm: OID.sha256WithRsaEncryption, parameters: null });
    case 'ECDSA':
      return new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 });
    case 'SM2':
      return new AlgorithmIdentifier({ algorithm: OID.sm2WithSm3 });
  }
};
