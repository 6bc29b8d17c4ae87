import { createHash } from 'node:crypto';
import type { CheckoutChannelId } from './channel-registry.ts';

const PREFIX: Readonly<Record<CheckoutChannelId, string>> = { sandbox: 'SB', alipay: 'AP', 'wechat-pay': 'WX' };

/**
 * The platform's order number for paying `noticeId` through `channel`: the same every time, so that a payer who
 * presses the button twice, or a retry after a timeout, reaches the same channel payment (every channel is idempotent
 * on it). 32 characters of `[A-Z0-9]`: the channel prefix and 30 hex digits of SHA-256 — within every channel's rule
 * (WeChat Pay: 6–32) and a valid payment id of the notices package.
 */
export const orderNumberFor = (noticeId: string, channel: CheckoutChannelId): string =>
  `${PREFIX[channel]}${createHash('sha256').update(`${noticeId}\n${channel}`).digest('hex').slice(0, 30).toUpperCase()}`;
