import { randomUUID } from 'node:crypto';
import type { FunctionHost } from './function-host.ts';

/** The event EventBridge gives a function on a schedule. */
export const scheduledEvent = (now = new Date()) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: 'local',
  resources: [],
  detail: {},
});

/**
 * Invokes scheduled functions on a timer, as EventBridge does in AWS. A run that is still going when the next is due
 * is not overlapped: the next tick is skipped.
 */
export const scheduleFunction = (host: FunctionHost, intervalMs: number, log: (line: string) => void): (() => void) => {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await host.invoke(scheduledEvent());
    } catch (error) {
      log(`scheduled ${host.definition.id}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};

/** The next instant after `now` at `hour:minute` UTC. */
export const nextDailyRun = (at: { readonly hour: number; readonly minute: number }, now = new Date()): Date => {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), at.hour, at.minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
};

/** Invokes a function once a day at `hour:minute` UTC, as an EventBridge `cron(minute hour * * ? *)` rule does. */
export const scheduleDaily = (
  host: FunctionHost,
  at: { readonly hour: number; readonly minute: number },
  log: (line: string) => void,
): (() => void) => {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(async () => {
      try {
        await host.invoke(scheduledEvent());
      } catch (error) {
        log(`scheduled ${host.definition.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
      arm();
    }, nextDailyRun(at).getTime() - Date.now());
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
};
