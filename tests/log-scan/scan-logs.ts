import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findLeaks } from './personal-data-leaks.ts';

/**
 * `npm run scan:logs [file…]`: scans the logs of the test run — every local runtime the tests started
 * (`.test-logs/`) and any files named — for full citizen ID numbers and mobile numbers. Personal data must reach
 * logs masked; one full number fails the run.
 */
const folder = resolve(import.meta.dirname, '../../.test-logs');
const files = [
  ...(existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : []),
  ...process.argv.slice(2).filter((file) => existsSync(file)),
];
let lines = 0;
const leaks = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  lines += text.split('\n').length;
  return findLeaks(file, text);
});
for (const leak of leaks) console.error(`personal data in logs: ${leak.file}:${leak.line} ${leak.kind} ${leak.masked}`);
console.log(`log scan: ${files.length} files, ${lines} lines, ${leaks.length} unmasked ID or phone numbers`);
process.exit(leaks.length ? 1 : 0);
