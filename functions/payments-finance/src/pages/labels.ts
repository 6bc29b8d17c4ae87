import type { Bilingual } from '@platform/html';

/** The words of reconciliation as the finance bureau reads them. */
export const CLASS_LABELS: Readonly<Record<string, Bilingual>> = {
  matched: { zh: '已匹配', en: 'matched' },
  overage: { zh: '长款（渠道有、平台无）', en: 'overage' },
  shortage: { zh: '短款（平台有、渠道无）', en: 'shortage' },
  amount_mismatch: { zh: '金额不符', en: 'amount mismatch' },
  status_mismatch: { zh: '状态不符', en: 'status mismatch' },
};

export const REASON_LABELS: Readonly<Record<string, Bilingual>> = {
  not_on_platform: { zh: '平台无此订单', en: 'not on the platform' },
  duplicate: { zh: '重复', en: 'duplicate line' },
  not_on_statement: { zh: '对账单无此笔', en: 'not on the statement' },
  status: { zh: '平台状态未结算', en: 'not settled on the platform' },
  amount: { zh: '金额不同', en: 'amounts differ' },
};

export const STATUS_LABELS: Readonly<Record<string, Bilingual>> = {
  open: { zh: '待处理', en: 'open' },
  assigned: { zh: '已认领', en: 'assigned' },
  escalated: { zh: '已上报', en: 'escalated' },
  resolved: { zh: '已解决', en: 'resolved' },
};

export const RESOLUTION_LABELS: Readonly<Record<string, Bilingual>> = {
  refund_to_payer: { zh: '退还缴款人', en: 'refund to the payer' },
  late_notification_applied: { zh: '迟到通知已入账', en: 'late notification applied' },
  channel_error_confirmed: { zh: '确认渠道差错', en: 'channel error confirmed' },
  applied_to_notice: { zh: '已冲抵至缴款通知', en: 'applied to a notice' },
  other: { zh: '其他（须说明）', en: 'other (note required)' },
};

export const ACTION_LABELS: Readonly<Record<string, Bilingual>> = {
  assign: { zh: '认领', en: 'assigned' },
  comment: { zh: '备注', en: 'comment' },
  escalate: { zh: '上报', en: 'escalated' },
  resolve: { zh: '解决', en: 'resolved' },
};

export const CHANNEL_LABELS: Readonly<Record<string, Bilingual>> = {
  sandbox: { zh: '沙箱', en: 'sandbox' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  'wechat-pay': { zh: '微信支付', en: 'WeChat Pay' },
};

export const labelOf = (labels: Readonly<Record<string, Bilingual>>, key: string): Bilingual =>
  labels[key] ?? { zh: key, en: key };

/** One line, both languages: for table cells and chart labels. */
export const inline = (text: Bilingual): string => (text.zh === text.en ? text.zh : `${text.zh} ${text.en}`);
