import { describe, expect, it } from 'vitest';
import { createTestRootCa } from './test-support/test-ca.ts';
import { createTrustAnchor } from './trust-anchor.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const mapping = { kind: 'organizationIdentifier' } as const;

describe('trust anchors', () => {
  const root = createTestRootCa({ algorithm: 'RSA', now: NOW, name: 'Anchor Test Root' });

  it('parses a root once, with its key and USCC mappings', () => {
    const anchor = createTrustAnchor({ name: 'CFCA', rootPem: root.certificate.pem, usccMapping: mapping });
    expect(anchor.publicKey.algorithm).toBe('RSA');
    expect(anchor.usccMappings).toEqual([mapping]);
  });

  it.each([
    ['no certificate', 'not a PEM'],
    ['two certificates', `${root.certificate.pem}${root.certificate.pem}`],
    ['a certificate that is not a self-signed root', root.issueIntermediate().issueLeaf().pem],
    ['an intermediate (issued by another)', root.issueIntermediate().certificate.pem],
  ])('throws at construction for %s', (_, rootPem) => {
    expect(() => createTrustAnchor({ name: 'Bad', rootPem, usccMapping: mapping })).toThrow(TypeError);
  });

  it('throws at construction for an empty mapping list', () => {
    expect(() => createTrustAnchor({ name: 'Bad', rootPem: root.certificate.pem, usccMapping: [] })).toThrow(
      /usccMapping/,
    );
  });
});
