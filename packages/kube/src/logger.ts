/**
 * Structured logger. Text format mirrors logrus' text formatter that Argo's controller prints
 * (`time="…" level=info msg="…" key=value`); `--logformat json` prints one JSON object a line with
 * the same keys. Child loggers carry bound fields (`namespace`, `rollout`, …).
 * Values under secret-looking keys are replaced by `[REDACTED]` — never log secret values.
 */
import type { Clock } from './clock.js';

export const LogLevel = { debug: 'debug', info: 'info', warn: 'warning', error: 'error' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

export const LogFormat = { text: 'text', json: 'json' } as const;
export type LogFormat = (typeof LogFormat)[keyof typeof LogFormat];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** `--loglevel`: debug | info | warn | error (also accepts `warning`). Default info. */
  readonly level?: string;
  /** `--logformat`: "" or "text" → text, "json" → JSON lines. */
  readonly format?: string;
  readonly clock: Pick<Clock, 'now'>;
  /** Where lines go (without trailing newline). Default: process.stderr. */
  readonly write?: (line: string) => void;
}

const severity: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warning: 2, error: 3 };

/** Keys whose values are never printed: tokens, passwords, credentials, authorization headers. */
const secretKey = /(pass(word)?|secret|token|credential|authorization|api[-_]?key|bearer|private[-_]?key|client[-_]?key)/i;

export function parseLogLevel(value: string | undefined): LogLevel {
  switch ((value ?? '').toLowerCase()) {
    case 'debug':
      return LogLevel.debug;
    case 'warn':
    case 'warning':
      return LogLevel.warn;
    case 'error':
      return LogLevel.error;
    case '':
    case 'info':
      return LogLevel.info;
    default:
      throw new Error(`invalid log level: ${value ?? ''}`);
  }
}

export function parseLogFormat(value: string | undefined): LogFormat {
  if (value === undefined || value === '' || value === 'text') return LogFormat.text;
  if (value === 'json') return LogFormat.json;
  throw new Error(`Unknown log format: ${value}`);
}

/** Replace values of secret-looking keys (at any depth) with `[REDACTED]`; Errors become their message. */
export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return value.message;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretKey.test(k) ? '[REDACTED]' : redact(v, depth + 1);
  return out;
}

/** logrus quotes a value unless it is non-empty and only letters, digits and `-._/@^+`. */
function textValue(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return /^[A-Za-z0-9\-._/@^+]+$/.test(s) ? s : JSON.stringify(s);
}

/** One log line in the chosen format. Pure; exported for tests. */
export function formatLogLine(format: LogFormat, timeMs: number, level: LogLevel, msg: string, fields: LogFields): string {
  const safe = redact(fields) as Record<string, unknown>;
  const time = new Date(timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (format === LogFormat.json) return JSON.stringify({ ...safe, level, msg, time });
  const keys = Object.keys(safe).sort();
  const rest = keys.map((k) => `${k}=${textValue(safe[k])}`);
  return [`time=${textValue(time)}`, `level=${level}`, `msg=${textValue(msg)}`, ...rest].join(' ');
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const min = severity[parseLogLevel(options.level)];
  const format = parseLogFormat(options.format);
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (severity[level] < min) return;
    write(formatLogLine(format, options.clock.now(), level, msg, { ...bound, ...fields }));
  };
  return {
    debug: (msg, fields) => emit(LogLevel.debug, msg, fields),
    info: (msg, fields) => emit(LogLevel.info, msg, fields),
    warn: (msg, fields) => emit(LogLevel.warn, msg, fields),
    error: (msg, fields) => emit(LogLevel.error, msg, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** A logger that drops everything (default for library code given no logger). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
