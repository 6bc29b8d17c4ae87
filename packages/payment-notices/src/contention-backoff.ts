import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The pause before attempt `attempt` (1-based) of a change that lost a race: "full jitter" exponential backoff, so
 * that a crowd of losers (fifty payment notifications at once) spreads out instead of colliding again in step.
 */
export const backoffDelayMs = (attempt: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(250, 10 * 2 ** attempt));

export const pauseBeforeRetry = (attempt: number): Promise<void> => sleep(backoffDelayMs(attempt));
