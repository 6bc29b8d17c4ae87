import type { TransactItem } from './notice-change.ts';
import { refundKey } from './notice-item-keys.ts';
import type { RefundRelease } from './payment-notice-repository.ts';

/**
 * The refund record's side of a release: an update conditional on the record being this notice's refund of this
 * amount, in one of the states it may be released from, at the version its owner read. Two releases of one refund
 * (a rejection racing a channel failure, a retried release) can therefore not both commit.
 */
export const refundRecordUpdate = (tableName: string, release: RefundRelease): TransactItem => {
  const { change } = release;
  const attributes = Object.entries(change.set);
  if (attributes.some(([name]) => ['pk', 'sk', 'noticeId', 'refundId', 'amountFen'].includes(name))) {
    throw new TypeError('A refund release may not change the keys, notice, refund id or amount of its record');
  }
  return {
    Update: {
      TableName: tableName,
      Key: refundKey(release.refundId),
      UpdateExpression: `SET ${attributes.map((_, i) => `#set${i} = :set${i}`).join(', ')}`,
      ConditionExpression: [
        '#noticeId = :noticeId',
        '#amountFen = :amountFen',
        `#state IN (${change.fromStates.map((_, i) => `:from${i}`).join(', ')})`,
        '#version = :version',
      ].join(' AND '),
      ExpressionAttributeNames: {
        '#noticeId': 'noticeId',
        '#amountFen': 'amountFen',
        '#state': 'state',
        '#version': 'version',
        ...Object.fromEntries(attributes.map(([name], i) => [`#set${i}`, name])),
      },
      ExpressionAttributeValues: {
        ':noticeId': release.noticeId,
        ':amountFen': release.amountFen,
        ':version': change.version,
        ...Object.fromEntries(change.fromStates.map((state, i) => [`:from${i}`, state])),
        ...Object.fromEntries(attributes.map(([, value], i) => [`:set${i}`, value])),
      },
    },
  };
};
