/**
 * Encodes text as GBK, the encoding of Alipay's bill files. Node can decode GBK (`TextDecoder('gbk')`, from its ICU)
 * but cannot encode it, so the table is built once by decoding every double-byte GBK code (lead 0x81–0xFE, trail
 * 0x40–0xFE except 0x7F). That is about 24,000 decodes and takes milliseconds. Characters outside GBK become `?`.
 */
let table: Map<string, number> | undefined;

const encodingTable = (): Map<string, number> => {
  if (table) return table;
  const decoder = new TextDecoder('gbk');
  const built = new Map<string, number>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      // The first code wins; U+FFFD marks codes with no character.
      if (char.length === 1 && char !== '\ufffd' && !built.has(char)) built.set(char, (lead << 8) | trail);
    }
  }
  table = built;
  return built;
};

export const encodeGbk = (text: string): Buffer => {
  const codes = encodingTable();
  const bytes: number[] = [];
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0x3f;
    if (point < 0x80) {
      bytes.push(point);
      continue;
    }
    const code = codes.get(char);
    if (code === undefined) bytes.push(0x3f);
    else bytes.push(code >> 8, code & 0xff);
  }
  return Buffer.from(bytes);
};
