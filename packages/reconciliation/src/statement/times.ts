/**
 * Statement times → ISO 8601 UTC. Beijing time is UTC+8 all year (no daylight saving since 1991), so a fixed offset
 * is exact. Both return `undefined` for anything else, impossible dates included; the parser names the line.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const BEIJING_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** `2025-03-01 08:00:00` (Beijing, as Alipay and WeChat Pay bills write it) → `2025-03-01T00:00:00.000Z`. */
export const beijingTimeToIso = (text: string): string | undefined => {
  const match = BEIJING_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return new Date(local - BEIJING_OFFSET_MS).toISOString();
};

/** An ISO 8601 UTC instant (`…Z`) → its canonical form (`toISOString`), or `undefined`. */
export const isoUtc = (text: string): string | undefined => {
  if (!ISO_UTC.test(text)) return undefined;
  const epochMs = Date.parse(text);
  if (Number.isNaN(epochMs)) return undefined;
  const canonical = new Date(epochMs).toISOString();
  // Date.parse rolls 2025-02-30 over to March: compare the date part to refuse it.
  return canonical.slice(0, 10) === text.slice(0, 10) ? canonical : undefined;
};
