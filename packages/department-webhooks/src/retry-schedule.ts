/**
 * Delays between delivery attempts: the first attempt at once, then after 30 s, 2 min, 10 min, 1 h and 6 h —
 * six attempts over about 7 h 13 min, after which the delivery is `failed` (a department can replay it).
 *
 * `DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS` (comma-separated seconds, e.g. `1,1`) replaces the schedule; the
 * end-to-end tests use it to see retries and the final failure within seconds. Never set it in a deployed stage.
 */
export const DEFAULT_RETRY_SCHEDULE_SECONDS: readonly number[] = [30, 120, 600, 3_600, 21_600];

export const RETRY_SCHEDULE_VARIABLE = 'DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS';

/** SQS refuses a `DelaySeconds` above 15 minutes; longer waits hop through the queue in ≤ 15-minute legs. */
export const MAXIMUM_QUEUE_DELAY_SECONDS = 900;

export class InvalidRetryScheduleError extends Error {
  constructor(value: string) {
    super(
      `${RETRY_SCHEDULE_VARIABLE}="${value}" is not a retry schedule. Give comma-separated whole seconds from 0 to 86400, e.g. "30,120,600".`,
    );
    this.name = 'InvalidRetryScheduleError';
  }
}

export const retryScheduleFromEnvironment = (env: NodeJS.ProcessEnv = process.env): readonly number[] => {
  const raw = env[RETRY_SCHEDULE_VARIABLE];
  if (raw === undefined || raw.trim() === '') return DEFAULT_RETRY_SCHEDULE_SECONDS;
  const delays = raw.split(',').map((part) => (/^\s*\d{1,5}\s*$/.test(part) ? Number(part) : Number.NaN));
  if (delays.some((delay) => !(delay >= 0 && delay <= 86_400))) throw new InvalidRetryScheduleError(raw);
  return delays;
};

/**
 * After the `attemptInRun`-th attempt of a run (1-based) failed: seconds until the next, or undefined when that was
 * the last one. A replay starts a new run with the whole schedule again.
 */
export const delayAfterFailedAttempt = (schedule: readonly number[], attemptInRun: number): number | undefined =>
  attemptInRun >= 1 && attemptInRun <= schedule.length ? schedule[attemptInRun - 1] : undefined;

/** The queue delay of the next leg towards `dueAt`: 0 when due, at most 15 minutes. */
export const queueDelaySeconds = (dueAt: Date, now: Date): number =>
  Math.min(MAXIMUM_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((dueAt.getTime() - now.getTime()) / 1000)));
