import { describe, expect, it } from 'vitest';
import { secondsUntilWindowEnds, windowSlot } from './fixed-window.ts';

describe('fixed windows', () => {
  it('align days to midnight in Beijing and hours to the hour', () => {
    const now = new Date('2025-03-01T17:30:15Z'); // 01:30:15 on 2 March in Beijing
    const day = windowSlot('registry:sub:a', { windowSeconds: 86_400, max: 10 }, now);
    expect(new Date(day.windowStart * 1000).toISOString()).toBe('2025-03-01T16:00:00.000Z');
    expect(day.windowEnd - day.windowStart).toBe(86_400);
    const hour = windowSlot('registry:sub:a', { windowSeconds: 3_600, max: 5 }, now);
    expect(new Date(hour.windowStart * 1000).toISOString()).toBe('2025-03-01T17:00:00.000Z');
    expect(secondsUntilWindowEnds(hour, now)).toBe(1_785);
  });

  it('says at least one second, even at the very end of a window', () => {
    const slot = windowSlot('c', { windowSeconds: 3_600, max: 1 }, new Date('2025-03-01T17:59:59.999Z'));
    expect(secondsUntilWindowEnds(slot, new Date('2025-03-01T17:59:59.999Z'))).toBe(1);
  });
});
