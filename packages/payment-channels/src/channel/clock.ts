/** Time as adapters and simulators read it: epoch milliseconds. Injected so that tests move time instead of waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
