/**
 * How often codes may be sent, as configuration. Defaults and why:
 *
 * - a code lives 5 minutes and dies after 5 wrong tries: 5 guesses in 10^6 per code;
 * - one phone: at most 1 code per 60 s (a sliding interval, enforced by the conditional write that issues the code),
 *   5 per hour and 10 per calendar day (fixed windows) — what the SMS gateways themselves allow per number, so that
 *   our refusal, with its "try again in N s", comes before theirs; it also caps guesses at 50 per phone per day;
 * - one IP network (IPv4 address or IPv6 /64): 20 per hour, 100 per day — enough for a family or an office behind
 *   one NAT, few enough to make pumping SMS to many numbers (toll fraud, harassment) slow. Carrier-grade NAT puts
 *   whole districts behind few addresses: raise `perIp` where the traffic shows it.
 *
 * Fixed windows are aligned to midnight Asia/Shanghai (UTC+8, no daylight saving), so the daily budget resets when
 * the user's day does; every window length should divide the next (3600 | 86400) so that windows nest.
 */
export interface FixedWindowLimit {
  readonly windowSeconds: number;
  readonly max: number;
}

export interface OtpLimits {
  readonly codeTtlSeconds: number;
  readonly maxAttempts: number;
  readonly resendIntervalSeconds: number;
  readonly perPhone: readonly FixedWindowLimit[];
  readonly perIp: readonly FixedWindowLimit[];
}

export const DEFAULT_OTP_LIMITS: OtpLimits = {
  codeTtlSeconds: 300,
  maxAttempts: 5,
  resendIntervalSeconds: 60,
  perPhone: [
    { windowSeconds: 3_600, max: 5 },
    { windowSeconds: 86_400, max: 10 },
  ],
  perIp: [
    { windowSeconds: 3_600, max: 20 },
    { windowSeconds: 86_400, max: 100 },
  ],
};

const positiveInteger = (name: string, value: number, maximum: number): void => {
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    throw new TypeError(`${name} must be an integer from 1 to ${maximum}; got ${value}.`);
  }
};

const checkedWindows = (name: string, limits: readonly FixedWindowLimit[]): FixedWindowLimit[] => {
  limits.forEach((limit, index) => {
    positiveInteger(`${name}[${index}].windowSeconds`, limit.windowSeconds, 31 * 86_400);
    positiveInteger(`${name}[${index}].max`, limit.max, 1_000_000);
  });
  // Smallest window first: a refusal by a larger window then never leaves a smaller one over-counted across resets.
  return [...limits].sort((a, b) => a.windowSeconds - b.windowSeconds);
};

/** Defaults with overrides, validated once at construction. */
export const otpLimits = (overrides: Partial<OtpLimits> = {}): OtpLimits => {
  const limits = { ...DEFAULT_OTP_LIMITS, ...overrides };
  positiveInteger('codeTtlSeconds', limits.codeTtlSeconds, 3_600);
  positiveInteger('maxAttempts', limits.maxAttempts, 10);
  positiveInteger('resendIntervalSeconds', limits.resendIntervalSeconds, 3_600);
  return {
    ...limits,
    perPhone: checkedWindows('perPhone', limits.perPhone),
    perIp: checkedWindows('perIp', limits.perIp),
  };
};

/** Asia/Shanghai is UTC+8 all year. */
const WINDOW_ALIGNMENT_SECONDS = 8 * 3_600;

/** One counter: the window of one limit, for one subject, that contains a given instant. */
export interface WindowSlot {
  /** `phone:<blind index>` or `ip:<blind index>`. */
  readonly subject: string;
  readonly windowSeconds: number;
  /** Epoch seconds, inclusive. */
  readonly windowStart: number;
  /** Epoch seconds, exclusive. */
  readonly windowEnd: number;
  readonly max: number;
}

export const windowSlot = (subject: string, limit: FixedWindowLimit, now: number): WindowSlot => {
  const seconds = Math.floor(now / 1000) + WINDOW_ALIGNMENT_SECONDS;
  const windowStart = seconds - (seconds % limit.windowSeconds) - WINDOW_ALIGNMENT_SECONDS;
  return {
    subject,
    windowSeconds: limit.windowSeconds,
    windowStart,
    windowEnd: windowStart + limit.windowSeconds,
    max: limit.max,
  };
};

/** Whole seconds until the window closes, at least 1. */
export const secondsUntilWindowEnds = (slot: WindowSlot, now: number): number =>
  Math.max(1, Math.ceil((slot.windowEnd * 1000 - now) / 1000));

/** Whole seconds until a phone may get another code, 0 when it may now. */
export const secondsUntilResend = (lastIssuedAt: number, resendIntervalSeconds: number, now: number): number =>
  Math.max(0, Math.ceil((lastIssuedAt + resendIntervalSeconds * 1000 - now) / 1000));
