import type { DiscrepancyView } from '../workflow/discrepancy-service.ts';
import { csvLines, yuan } from './csv.ts';

const HEADER = [
  '差异编号 discrepancy id',
  '渠道 channel',
  '业务日 business day',
  '类别 class',
  '原因 reason',
  '类型 kind',
  '订单号 order number',
  '退款单号 refund number',
  '渠道流水号 channel reference',
  '对账单金额（元）statement amount',
  '平台金额（元）platform amount',
  '平台状态 platform status',
  '部门 department',
  '事项编码 item code',
  '对账单行 statement line',
  '处理状态 workflow status',
  '经办人 assignee',
  '处理结果 resolution',
] as const;

/**
 * Discrepancies as CSV, streamed as they are read (no row cap): `views` is typically
 * `DiscrepancyService.listDiscrepancies` or `openDiscrepancies`.
 */
export const discrepanciesCsv = (views: AsyncIterable<DiscrepancyView>): AsyncGenerator<string> =>
  csvLines(
    HEADER,
    (async function* () {
      for await (const { discrepancy: d, state } of views) {
        yield [
          d.discrepancyId,
          d.channel,
          d.businessDate,
          d.class,
          d.reason,
          d.key.kind,
          d.key.orderNumber,
          d.key.refundNumber,
          d.statement?.channelReference,
          d.statement ? yuan(d.statement.amountFen) : undefined,
          d.platform ? yuan(d.platform.amountFen) : undefined,
          d.platform?.status,
          d.platform?.departmentId,
          d.platform?.itemCode,
          d.statement?.lineNumber,
          state.status,
          state.assignee,
          state.resolution?.reason,
        ];
      }
    })(),
  );
