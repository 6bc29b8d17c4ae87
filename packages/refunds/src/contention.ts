import { setTimeout as sleep } from 'node:timers/promises';

/** Full-jitter backoff before another attempt at a write that lost a race, as the notices package does. */
export const pauseBeforeRetry = (attempt: number): Promise<void> =>
  sleep(Math.floor(Math.random() * Math.min(200, 10 * 2 ** attempt)));
