import { describe, expect, it } from 'vitest';
import { DynamoDbLocalError } from './errors.ts';
import { assertJavaAvailable, parseJavaMajor } from './java.ts';

describe('parseJavaMajor', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('garbage')).toBeUndefined();
  });
});

describe('assertJavaAvailable', () => {
  it('says in one line what to install when java is missing', () => {
    expect(() => assertJavaAvailable('/nonexistent/java')).toThrowError(DynamoDbLocalError);
    expect(() => assertJavaAvailable('/nonexistent/java')).toThrowError(/needs Java 11\+.*apt-get install/);
  });
});
