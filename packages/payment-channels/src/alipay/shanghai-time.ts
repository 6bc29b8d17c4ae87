/**
 * Alipay writes times as `yyyy-MM-dd HH:mm:ss` (refund times sometimes with `.SSS`) in Beijing time, with no zone.
 * The platform uses ISO 8601 UTC. Beijing time is UTC+8 all year, so a fixed offset converts exactly.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const ALIPAY_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** An instant (ISO string or epoch ms) → `yyyy-MM-dd HH:mm:ss` in Beijing time, milliseconds dropped. */
export const toAlipayTime = (instant: string | number): string => {
  const epochMs = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(epochMs)) throw new RangeError(`Not an instant: ${String(instant)}.`);
  return new Date(epochMs + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
};

/** `yyyy-MM-dd HH:mm:ss[.SSS]` in Beijing time → ISO 8601 UTC. Throws `RangeError` for anything else. */
export const fromAlipayTime = (text: string): string => {
  const match = ALIPAY_TIME.exec(text);
  if (!match) throw new RangeError(`Not an Alipay time: ${JSON.stringify(text)}.`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const milliseconds = Number((match[7] ?? '0').padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a real time: ${text}.`);
  }
  return new Date(local - OFFSET_MS).toISOString();
};
