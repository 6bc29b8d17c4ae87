/** Time as the domain reads it: epoch milliseconds. Injected so that tests move time instead of waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface FakeClock extends Clock {
  advance(milliseconds: number): void;
  set(epochMilliseconds: number): void;
}

export const createFakeClock = (start: number = Date.now()): FakeClock => {
  let current = start;
  return {
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds;
    },
    set: (epochMilliseconds) => {
      current = epochMilliseconds;
    },
  };
};
