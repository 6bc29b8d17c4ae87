import type { Clock } from '../channel/clock.ts';

/** A clock tests move by hand; it starts at the real time so that signatures and deadlines look ordinary. */
export interface FakeClock extends Clock {
  advance(milliseconds: number): void;
}

export const createFakeClock = (start: number = Date.now()): FakeClock => {
  let current = start;
  return {
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
};
