/**
 * WeChat Pay v3 writes instants as RFC 3339 with an offset, Beijing time in practice: `2018-06-08T10:34:56+08:00`.
 * The platform uses ISO 8601 UTC. Beijing time is UTC+8 all year, so a fixed offset converts exactly.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** An instant (ISO string or epoch ms) → `yyyy-MM-ddTHH:mm:ss+08:00`, milliseconds dropped. */
export const toWechatPayTime = (instant: string | number): string => {
  const epochMs = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(epochMs)) throw new RangeError(`Not an instant: ${String(instant)}.`);
  return `${new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
};

/** RFC 3339 with any offset (or `Z`) → ISO 8601 UTC. Throws `RangeError` for anything else, impossible dates too. */
export const fromWechatPayTime = (text: string): string => {
  const match = typeof text === 'string' ? RFC_3339.exec(text) : null;
  if (!match) throw new RangeError(`Not an RFC 3339 time: ${JSON.stringify(text)}.`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const milliseconds = Number((match[7] ?? '0').padEnd(3, '0'));
  const sign = match[9] === '-' ? -1 : 1;
  const offsetMinutes = match[8] === 'Z' ? 0 : sign * (Number(match[10]) * 60 + Number(match[11]));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Math.abs(offsetMinutes) > 14 * 60
  ) {
    throw new RangeError(`Not a real time: ${text}.`);
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
};
