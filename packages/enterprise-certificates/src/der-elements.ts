/**
 * The elements directly inside one DER element, as exact byte slices (tag, length and content). Used where the
 * original bytes matter — the SubjectPublicKeyInfo as the CA signed it — or where a full schema decode would cost
 * more than the few bytes it reads. Throws `RangeError` on anything that is not well-formed DER of low tag numbers;
 * callers decode inside their own try.
 */
export const derChildren = (element: Uint8Array): Uint8Array[] => {
  const { contentStart, end } = header(element, 0);
  if (end !== element.length) throw new RangeError('DER: trailing bytes');
  const children: Uint8Array[] = [];
  for (let offset = contentStart; offset < end; ) {
    const child = header(element, offset);
    if (child.end > end) throw new RangeError('DER: element overruns its parent');
    children.push(element.subarray(offset, child.end));
    offset = child.end;
  }
  return children;
};

/** The content of a DER element (without tag and length). */
export const derContent = (element: Uint8Array): Uint8Array => {
  const { contentStart, end } = header(element, 0);
  return element.subarray(contentStart, end);
};

const header = (bytes: Uint8Array, offset: number): { contentStart: number; end: number } => {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) throw new RangeError('DER: bad header');
  if (first < 0x80) return { contentStart: offset + 2, end: offset + 2 + first };
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 3) throw new RangeError('DER: unsupported length');
  let length = 0;
  for (let i = 0; i < lengthBytes; i += 1) {
    const byte = bytes[offset + 2 + i];
    if (byte === undefined) throw new RangeError('DER: truncated length');
    length = length * 256 + byte;
  }
  const contentStart = offset + 2 + lengthBytes;
  return { contentStart, end: contentStart + length };
};
