/**
 * The object identifiers this package reads. Named once here so that a reader can check each against its standard:
 * RFC 5280 (X.509), RFC 5758 (ECDSA), RFC 8017 (RSA), GM/T 0006 (the Chinese cryptographic OIDs: SM2, SM3).
 */
export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  /** The curve named P-256 / prime256v1 / secp256r1. */
  curveP256: '1.2.840.10045.3.1.7',
  /** The SM2 curve (GM/T 0006 `sm2p256v1`), carried as the parameters of `ecPublicKey`. */
  curveSm2: '1.2.156.10197.1.301',
  /** SM2 signature with SM3 (GM/T 0006 `SM2-with-SM3`). */
  sm2WithSm3: '1.2.156.10197.1.501',

  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  organizationIdentifier: '2.5.4.97',

  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  cRLReason: '2.5.29.21',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  anyExtendedKeyUsage: '2.5.29.37.0',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;

/** DER of the public key algorithm OIDs, as they open a SubjectPublicKeyInfo's AlgorithmIdentifier. */
export const KEY_ALGORITHM_DER = {
  rsaEncryption: '06092a864886f70d010101',
  ecPublicKey: '06072a8648ce3d0201',
} as const;

/**
 * DER of the curve OIDs as they appear in `AlgorithmIdentifier.parameters`: comparing bytes avoids decoding an OID on
 * every key import.
 */
export const CURVE_PARAMETERS_DER = {
  p256: '06082a8648ce3d030107',
  sm2: '06082a811ccf5501822d',
} as const;
