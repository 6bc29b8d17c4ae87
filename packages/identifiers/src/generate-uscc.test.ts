import { describe, expect, it } from 'vitest';
import { generateUscc } from './generate-uscc.ts';
import { parseUscc } from './uscc.ts';
import { REGISTRATION_AUTHORITIES } from './uscc-registration-authorities.ts';

describe('generateUscc', () => {
  it('rebuilds a public example from its parts', () => {
    expect(generateUscc({ region: '350100', organisationBody: 'M000100Y' })).toBe('91350100M000100Y43');
  });

  it('makes a valid code for every assigned registration authority and entity type', () => {
    for (const authority of REGISTRATION_AUTHORITIES) {
      for (const type of authority.entityTypes) {
        const code = generateUscc({ registrationAuthority: authority.code, entityType: type.code });
        expect(parseUscc(code)).toMatchObject({
          ok: true,
          registrationAuthority: { code: authority.code },
          entityType: { code: type.code },
        });
      }
    }
  });

  it('throws rather than return an invalid code', () => {
    expect(() => generateUscc({ registrationAuthority: 'B' })).toThrow(RangeError);
    expect(() => generateUscc({ region: '990000' })).toThrow(RangeError);
    expect(() => generateUscc({ organisationBody: 'MA00000I' })).toThrow(RangeError);
    expect(() => generateUscc({ organisationBody: 'MA0000' })).toThrow(RangeError);
  });
});
