#!/usr/bin/env -S npx tsx
import { readFileSync } from 'node:fs';
import { signChallengeCommand } from './sign-challenge-command.ts';

process.exitCode = signChallengeCommand(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  now: Date.now,
});
