/**
 * Fixed-window counting, as `@platform/phone-otp` does it for SMS sends (its `windowSlot`, which this package cannot
 * import without depending on the SMS package): windows aligned to midnight Asia/Shanghai (UTC+8, no daylight
 * saving), so a daily budget resets when the user's day does. Window lengths should divide each other (3600 | 86400)
 * so that windows nest.
 */
export interface FixedWindowLimit {
  readonly windowSeconds: number;
  readonly max: number;
}

export interface WindowSlot {
  /** What is counted, e.g. `registry:sub:<sub>` or `registry:ip:<network index>`. */
  readonly counter: string;
  readonly windowSeconds: number;
  /** Epoch seconds, inclusive. */
  readonly windowStart: number;
  /** Epoch seconds, exclusive; also when the counter item may expire. */
  readonly windowEnd: number;
  readonly max: number;
}

const ALIGNMENT_SECONDS = 8 * 3_600;

export const windowSlot = (counter: string, limit: FixedWindowLimit, now: Date): WindowSlot => {
  const seconds = Math.floor(now.getTime() / 1000) + ALIGNMENT_SECONDS;
  const windowStart = seconds - (seconds % limit.windowSeconds) - ALIGNMENT_SECONDS;
  return {
    counter,
    windowSeconds: limit.windowSeconds,
    windowStart,
    windowEnd: windowStart + limit.windowSeconds,
    max: limit.max,
  };
};

/** Whole seconds until the window closes, at least 1. */
export const secondsUntilWindowEnds = (slot: WindowSlot, now: Date): number =>
  Math.max(1, Math.ceil(slot.windowEnd - now.getTime() / 1000));
