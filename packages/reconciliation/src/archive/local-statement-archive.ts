import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type StreamedObjectBody, spoolObjectBody } from '@platform/aws-json';
import type { ChannelId } from '@platform/payment-channels';
import {
  type StatementArchive,
  type StatementDescription,
  type StoredStatement,
  safeFileName,
  statementFolder,
} from './statement-archive.ts';

/**
 * Statements on the local disk, under `<stateDir>/statements/<channel>/<day>/`: each file as `<sha256>-<fileName>`,
 * and `latest.json` describing the last one stored. Written to a temporary name and renamed, so a broken download
 * leaves nothing behind.
 */
export class LocalStatementArchive implements StatementArchive {
  readonly #root: string;
  readonly #now: () => Date;

  constructor(options: { readonly stateDir: string; readonly now?: () => Date }) {
    if (!options.stateDir) throw new TypeError('LocalStatementArchive: `stateDir` is required');
    this.#root = options.stateDir;
    this.#now = options.now ?? (() => new Date());
  }

  async store(description: StatementDescription, body: AsyncIterable<Uint8Array>): Promise<StoredStatement> {
    const fileName = safeFileName(description.fileName);
    const folder = join(this.#root, statementFolder(description.channel, description.businessDate));
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.incoming-${randomBytes(6).toString('hex')}`);
    let spooled: StreamedObjectBody;
    try {
      spooled = await spoolObjectBody(body, temporary);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const sha256 = spooled.sha256.toString('hex');
    const sizeBytes = spooled.contentLength;
    const location = join(folder, `${sha256}-${fileName}`);
    await rename(temporary, location);
    const stored: StoredStatement = {
      ...description,
      fileName,
      sha256,
      sizeBytes,
      storedAt: this.#now().toISOString(),
      location,
    };
    const pointer = join(folder, 'latest.json');
    await writeFile(`${pointer}.tmp`, `${JSON.stringify(stored, null, 2)}\n`);
    await rename(`${pointer}.tmp`, pointer);
    return stored;
  }

  async latest(channel: ChannelId, businessDate: string): Promise<StoredStatement | undefined> {
    try {
      const text = await readFile(join(this.#root, statementFolder(channel, businessDate), 'latest.json'), 'utf8');
      return JSON.parse(text) as StoredStatement;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  open(statement: StoredStatement): AsyncIterable<Uint8Array> {
    return createReadStream(statement.location, { highWaterMark: 256 * 1024 });
  }
}
