import { MAXIMUM_AMOUNT_FEN } from './amount.ts';
import type { CatalogueItem, ItemCatalogue } from './item-catalogue.ts';
import { isRegionCode } from './payment-code.ts';

/**
 * A few items for local runs and tests, coded in the style of the government revenue classification (103 非税收入,
 * 10304 行政事业性收费收入, 10305 罚没收入). Illustrative, not the authoritative catalogue: the real one comes from the
 * finance bureau through the same port.
 */
export const SEEDED_NON_TAX_ITEMS: readonly CatalogueItem[] = [
  {
    itemCode: '103050101',
    nameZh: '公安罚没收入（道路交通安全违法罚款）',
    nameEn: 'Public security fines (road traffic offences)',
    departmentId: 'bj-public-security',
    regionCode: '110000',
    minimumFen: 2_000,
    maximumFen: 20_000_000,
  },
  {
    itemCode: '103040101',
    nameZh: '居民身份证工本费',
    nameEn: 'Resident identity card fee',
    departmentId: 'bj-public-security',
    regionCode: '110000',
    minimumFen: 2_000,
    maximumFen: 4_000,
  },
  {
    itemCode: '103041601',
    nameZh: '考试考务费',
    nameEn: 'Examination fee',
    departmentId: 'bj-education-exams',
    regionCode: '110000',
    minimumFen: 1_000,
    maximumFen: 100_000,
  },
  {
    itemCode: '103070101',
    nameZh: '国有资源（资产）有偿使用收入',
    nameEn: 'Paid use of state-owned resources',
    departmentId: 'sh-natural-resources',
    regionCode: '310000',
    minimumFen: 1,
    maximumFen: MAXIMUM_AMOUNT_FEN,
  },
];

/** A catalogue over a fixed list, checked once at construction so that a bad fixture fails loudly, not mid-request. */
export const createStaticItemCatalogue = (items: readonly CatalogueItem[] = SEEDED_NON_TAX_ITEMS): ItemCatalogue => {
  const byCode = new Map<string, CatalogueItem>();
  for (const item of items) {
    if (!/^[0-9]{3,16}$/.test(item.itemCode)) throw new TypeError(`item code ${item.itemCode} is not digits`);
    if (!isRegionCode(item.regionCode)) throw new TypeError(`item ${item.itemCode}: bad region ${item.regionCode}`);
    const { minimumFen, maximumFen } = item;
    const validRange = Number.isInteger(minimumFen) && Number.isInteger(maximumFen) && minimumFen >= 1;
    if (!validRange || maximumFen < minimumFen || maximumFen > MAXIMUM_AMOUNT_FEN) {
      throw new TypeError(`item ${item.itemCode}: bad amount range`);
    }
    if (byCode.has(item.itemCode)) throw new TypeError(`item code ${item.itemCode} appears twice`);
    byCode.set(item.itemCode, item);
  }
  return { find: async (itemCode) => byCode.get(itemCode) };
};
