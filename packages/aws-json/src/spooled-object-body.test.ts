import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spoolObjectBody } from './spooled-object-body.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'spooled-object-body-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function* chunks(...parts: (string | Uint8Array)[]) {
  yield* parts;
}

describe('spoolObjectBody', () => {
  it('writes text and byte chunks to the file and gives their length and SHA-256, readable again each time', async () => {
    const spooled = await spoolObjectBody(chunks('对账 ', Buffer.from([1, 2, 3])), join(folder, 'a'));
    const expected = Buffer.concat([Buffer.from('对账 ', 'utf8'), Buffer.from([1, 2, 3])]);
    expect(spooled.contentLength).toBe(expected.byteLength);
    expect(spooled.sha256).toEqual(createHash('sha256').update(expected).digest());
    expect(await buffer(spooled.open())).toEqual(expected);
    expect(await buffer(spooled.open())).toEqual(expected);
  });

  it('refuses to overwrite a file that is there', async () => {
    const path = join(folder, 'taken');
    writeFileSync(path, 'kept');
    await expect(spoolObjectBody(chunks('new'), path)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});
