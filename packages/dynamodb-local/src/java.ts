import { spawnSync } from 'node:child_process';
import { DynamoDbLocalError } from './errors.ts';

const MINIMUM_JAVA = 11;

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `java version "1.8.0_402"` on stderr. */
export const parseJavaMajor = (versionOutput: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
};

/** Checks that a usable Java is on PATH before DynamoDB Local is started, so the failure is one clear line. */
export const assertJavaAvailable = (command = 'java'): void => {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new DynamoDbLocalError(
      `DynamoDB Local needs Java ${MINIMUM_JAVA}+, but "${command}" was not found on PATH. Install a JRE (Debian: apt-get install -y openjdk-17-jre-headless) and try again.`,
    );
  }
  const major = parseJavaMajor(`${result.stderr}${result.stdout}`);
  if (major !== undefined && major < MINIMUM_JAVA) {
    throw new DynamoDbLocalError(
      `DynamoDB Local needs Java ${MINIMUM_JAVA}+, but "${command}" is Java ${major}. Install a newer JRE and put it first on PATH.`,
    );
  }
};
