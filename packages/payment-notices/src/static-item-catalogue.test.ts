import { describe, expect, it } from 'vitest';
import { createStaticItemCatalogue, SEEDED_NON_TAX_ITEMS } from './static-item-catalogue.ts';

describe('the static item catalogue', () => {
  it('finds seeded items by exact code', async () => {
    const catalogue = createStaticItemCatalogue();
    expect(await catalogue.find('103050101')).toMatchObject({ departmentId: 'bj-public-security' });
    expect(await catalogue.find(' 103050101')).toBeUndefined();
  });

  it('refuses bad fixtures at construction', () => {
    const [item] = SEEDED_NON_TAX_ITEMS;
    if (!item) throw new Error('no seeded items');
    expect(() => createStaticItemCatalogue([item, item])).toThrow(/twice/);
    expect(() => createStaticItemCatalogue([{ ...item, regionCode: '990000' }])).toThrow(/region/);
    expect(() => createStaticItemCatalogue([{ ...item, minimumFen: 0 }])).toThrow(/amount range/);
    expect(() => createStaticItemCatalogue([{ ...item, maximumFen: 1e12 }])).toThrow(/amount range/);
  });
});
