import { rmSync } from 'node:fs';
import { TEST_LOGS } from './local-runtime-process.ts';

/** Each run's runtime logs start empty, so the log scan reads this run only. */
export default function setup(): void {
  rmSync(TEST_LOGS, { recursive: true, force: true });
}
