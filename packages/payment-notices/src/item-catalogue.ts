import type { AmountFen } from './amount.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';

/**
 * A non-tax revenue item (非税收入项目) a department may collect: the code of the government revenue classification,
 * its names, who collects it, where (the region code that opens every payment code of its notices), and the amounts
 * its legal basis allows.
 */
export interface CatalogueItem {
  readonly itemCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly departmentId: string;
  /** The collecting department's administrative division code (GB/T 2260), six digits. */
  readonly regionCode: string;
  readonly minimumFen: number;
  readonly maximumFen: number;
}

/**
 * The port to the catalogue of non-tax revenue items. The finance bureau owns the real catalogue; locally and in
 * tests a static one stands in (`createStaticItemCatalogue`).
 */
export interface ItemCatalogue {
  /** The item with exactly this code, or undefined. Codes are compared as given: no normalisation. */
  find(itemCode: string): Promise<CatalogueItem | undefined>;
}

/**
 * The item, if `departmentId` collects it and `amountFen` is within its range; otherwise the refusal naming the
 * field at fault. Unknown codes and other departments' codes are told apart: both are the department's own mistake.
 */
export const requireItem = async (
  catalogue: ItemCatalogue,
  itemCode: unknown,
  departmentId: string,
  amountFen: AmountFen,
): Promise<CatalogueItem> => {
  const item = typeof itemCode === 'string' && itemCode.length <= 32 ? await catalogue.find(itemCode) : undefined;
  if (!item)
    throw new PaymentNoticeError('unknown_item_code', { field: 'itemCode', detailZh: '非税收入项目编码不存在。' });
  if (item.departmentId !== departmentId) {
    throw new PaymentNoticeError('item_not_for_department', { field: 'itemCode', detailZh: '本单位不执收该项目。' });
  }
  if (amountFen < item.minimumFen || amountFen > item.maximumFen) {
    throw new PaymentNoticeError('amount_outside_item_range', {
      field: 'amountFen',
      detail: `The amount for item ${item.itemCode} must be from ${item.minimumFen} to ${item.maximumFen} fen.`,
      detailZh: `该项目金额应在${item.minimumFen}分至${item.maximumFen}分之间。`,
    });
  }
  return item;
};
