import {
  ALIPAY_TRADE_BILL_FORMAT,
  SANDBOX_STATEMENT_FORMAT,
  WECHAT_PAY_TRADE_BILL_FORMAT,
} from '@platform/payment-channels';
import { parseAlipayBill } from './alipay-bill-parser.ts';
import { parseSandboxStatement } from './sandbox-statement-parser.ts';
import { StatementFormatError } from './statement-errors.ts';
import type { StatementLine } from './statement-line.ts';
import { parseWechatPayBill } from './wechat-pay-bill-parser.ts';

/** Statement formats this package reads, by the `format` a channel (or an upload) names. */
export const STATEMENT_FORMATS = [
  SANDBOX_STATEMENT_FORMAT,
  ALIPAY_TRADE_BILL_FORMAT,
  WECHAT_PAY_TRADE_BILL_FORMAT,
] as const;

/** The format each channel publishes, for statements uploaded by hand. */
export const FORMAT_OF_CHANNEL: Readonly<Record<string, string>> = {
  sandbox: SANDBOX_STATEMENT_FORMAT,
  alipay: ALIPAY_TRADE_BILL_FORMAT,
  'wechat-pay': WECHAT_PAY_TRADE_BILL_FORMAT,
};

/** Picks the parser for `format`; its lines come in batches (see `splitLines`). WeChat Pay's bill needs the SHA1 the channel announced for it. */
export const parseStatement = (
  format: string,
  body: AsyncIterable<Uint8Array>,
  options: { readonly expectedSha1?: string } = {},
): AsyncGenerator<readonly StatementLine[]> => {
  switch (format) {
    case SANDBOX_STATEMENT_FORMAT:
      return parseSandboxStatement(body);
    case ALIPAY_TRADE_BILL_FORMAT:
      return parseAlipayBill(body);
    case WECHAT_PAY_TRADE_BILL_FORMAT:
      if (!options.expectedSha1) {
        throw new StatementFormatError(format, 0, 'malformed_line', 'a WeChat Pay bill needs its SHA1 (hash_value).');
      }
      return parseWechatPayBill(body, { expectedSha1: options.expectedSha1 });
    default:
      throw new RangeError(`Unknown statement format ${format}.`);
  }
};
