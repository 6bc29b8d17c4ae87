/**
 * A minimal PDF 1.4 file writer (ISO 32000-1 §7.5): header, numbered indirect objects, the cross-reference table
 * of their byte offsets, the trailer. Objects are added in any order and referred to by number; object 1 must be
 * the catalog. Everything is written as latin1 bytes: callers keep bodies to ASCII (hex strings carry the rest).
 */
export class PdfFile {
  readonly #objects: (string | undefined)[] = [];

  /** Reserves the next object number (so that objects can refer to each other before they are written). */
  reserve(): number {
    this.#objects.push(undefined);
    return this.#objects.length;
  }

  set(number: number, body: string): void {
    if (number < 1 || number > this.#objects.length) throw new RangeError(`PdfFile: object ${number} not reserved`);
    this.#objects[number - 1] = body;
  }

  add(body: string): number {
    const number = this.reserve();
    this.set(number, body);
    return number;
  }

  /** A stream object; its `/Length` is the byte length of `data` as written (latin1). */
  addStream(dictionary: string, data: string): number {
    return this.add(`<< ${dictionary} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`);
  }

  toBuffer(): Buffer {
    // The second line's bytes above 127 tell transfer tools the file is binary (§7.5.2).
    let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
    const offsets: number[] = [];
    this.#objects.forEach((body, index) => {
      if (body === undefined) throw new Error(`PdfFile: object ${index + 1} reserved but never written`);
      offsets.push(Buffer.byteLength(out, 'latin1'));
      out += `${index + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xrefOffset = Buffer.byteLength(out, 'latin1');
    // Each entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, CR LF.
    out += `xref\n0 ${offsets.length + 1}\n0000000000 65535 f\r\n`;
    for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
    out += `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  }
}
