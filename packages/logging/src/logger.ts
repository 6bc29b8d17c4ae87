import { maskPersonalData } from './mask.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly fields?: Record<string, unknown>;
  /** Where a finished line goes; CloudWatch reads stdout in Lambda. */
  readonly write?: (line: string) => void;
}

const errorFields = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;

/** One JSON object per line; the whole serialised line is masked, whatever field the data hid in. */
export const createLogger = (options: LoggerOptions = {}): Logger => {
  const threshold = SEVERITY[options.level ?? ((process.env.LOG_LEVEL as LogLevel | undefined) || 'info')] ?? 20;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = options.fields ?? {};
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (SEVERITY[level] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, message, ...base };
    for (const [key, value] of Object.entries(fields)) entry[key] = errorFields(value);
    write(maskPersonalData(JSON.stringify(entry)));
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
};
