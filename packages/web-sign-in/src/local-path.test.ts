import { describe, expect, it } from 'vitest';
import { localPathOr } from './local-path.ts';

describe('localPathOr', () => {
  it('keeps a path of this site', () => {
    expect(localPathOr('/my', '/')).toBe('/my');
    expect(localPathOr('/my?page=2', '/')).toBe('/my?page=2');
  });

  it('never sends the person to another origin', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'my', '', '/a b', '/\n', 42]) {
      expect(localPathOr(bad, '/my')).toBe('/my');
    }
  });
});
