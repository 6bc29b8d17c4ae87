import { describe, expect, it } from 'vitest';
import type { CertificateVerification } from './certificate-verifier.ts';
import type { DistinguishedName } from './distinguished-name.ts';
import { OID } from './oids.ts';
import { createCertificateScenario } from './test-support/certificate-scenario.ts';
import { TEST_USCC } from './test-support/test-ca.ts';
import { readUscc, type UsccMapping } from './uscc-mapping.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const CA_SPECIFIC_OID = '1.2.156.10260.4.1.4';

const subject = (...attributes: [string, string][]): DistinguishedName => ({
  attributes: attributes.map(([oid, value]) => ({ oid, value })),
  key: JSON.stringify(attributes),
});

describe('reading the USCC from the subject', () => {
  it.each<[string, DistinguishedName, UsccMapping]>([
    [
      'organizationIdentifier, ETSI form',
      subject([OID.organizationIdentifier, `NTRCN-${TEST_USCC}`]),
      { kind: 'organizationIdentifier' },
    ],
    [
      'organizationIdentifier, plain',
      subject([OID.organizationIdentifier, TEST_USCC]),
      { kind: 'organizationIdentifier' },
    ],
    ['serialNumber', subject([OID.serialNumber, TEST_USCC]), { kind: 'serialNumber' }],
    [
      'serialNumber with a CA prefix',
      subject([OID.serialNumber, `USCC:${TEST_USCC}`]),
      { kind: 'serialNumber', prefix: 'USCC:' },
    ],
    ['a CA-specific OID', subject([CA_SPECIFIC_OID, TEST_USCC]), { kind: 'attribute', oid: CA_SPECIFIC_OID }],
    ['the common name', subject([OID.commonName, `某某有限公司(${TEST_USCC})`]), { kind: 'commonName' }],
    [
      'the common name, full-width brackets',
      subject([OID.commonName, `某某有限公司（${TEST_USCC}）`]),
      { kind: 'commonName' },
    ],
  ])('finds it in %s', (_, name, mapping) => {
    expect(readUscc(name, [mapping])).toMatchObject({ ok: true, uscc: TEST_USCC });
  });

  it('takes the company name from O, else from the common name without the bracketed code', () => {
    const withO = subject([OID.organizationName, '甲公司'], [OID.commonName, '张三'], [OID.serialNumber, TEST_USCC]);
    expect(readUscc(withO, [{ kind: 'serialNumber' }])).toMatchObject({ companyName: '甲公司' });
    const cnOnly = subject([OID.commonName, `乙有限公司（${TEST_USCC}）`]);
    expect(readUscc(cnOnly, [{ kind: 'commonName' }])).toMatchObject({ companyName: '乙有限公司' });
  });

  it('tries the mappings in order, for a CA that changed where it writes the code', () => {
    const name = subject([CA_SPECIFIC_OID, TEST_USCC]);
    const mappings: UsccMapping[] = [{ kind: 'organizationIdentifier' }, { kind: 'attribute', oid: CA_SPECIFIC_OID }];
    expect(readUscc(name, mappings)).toMatchObject({ ok: true, uscc: TEST_USCC });
  });

  it('says uscc_missing when the mapped field is absent, uscc_invalid when it holds a bad code', () => {
    const name = subject([OID.organizationIdentifier, `NTRCN-${TEST_USCC}`], [OID.commonName, '某某有限公司']);
    expect(readUscc(name, [{ kind: 'serialNumber' }])).toMatchObject({ ok: false, error: { code: 'uscc_missing' } });
    expect(readUscc(name, [{ kind: 'commonName' }])).toMatchObject({ ok: false, error: { code: 'uscc_missing' } });
    const bad = subject([OID.serialNumber, '91350100M000100Y44']);
    const result = readUscc(bad, [{ kind: 'serialNumber' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'uscc_invalid' } });
    expect(result.ok ? '' : result.error.message).toContain('last character does not match');
  });
});

describe('each mapping kind end to end, in a certificate signed by the test CA', () => {
  const placements: UsccMapping[] = [
    { kind: 'organizationIdentifier' },
    { kind: 'serialNumber' },
    { kind: 'attribute', oid: CA_SPECIFIC_OID },
    { kind: 'commonName' },
  ];

  it.each(placements)('reads the USCC placed by $kind', async (mapping) => {
    const scenario = createCertificateScenario({ algorithm: 'SM2', now: NOW, usccMapping: mapping });
    const leaf = scenario.intermediate.issueLeaf({ company: '福建某某科技有限公司', usccPlacement: mapping });
    const result = await scenario.verifier.verify(scenario.attempt(leaf));
    expect(result).toMatchObject({ ok: true, uscc: TEST_USCC, companyName: '福建某某科技有限公司' });
  });

  it('says uscc_missing when the certificate carries no code where its CA is configured to put it', async () => {
    const scenario = createCertificateScenario({ algorithm: 'SM2', now: NOW, usccMapping: { kind: 'serialNumber' } });
    const leaf = scenario.intermediate.issueLeaf({ usccPlacement: { kind: 'none' } });
    const result: CertificateVerification = await scenario.verifier.verify(scenario.attempt(leaf));
    expect(result).toMatchObject({ ok: false, error: { code: 'uscc_missing' } });
  });
});
