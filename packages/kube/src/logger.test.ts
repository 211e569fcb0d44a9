import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, parseLogFormat, parseLogLevel, redact } from './logger.js';

const clock = { now: () => Date.UTC(2026, 10, 27, 9, 30, 0) };

function capture(level?: string, format?: string) {
  const lines: string[] = [];
  const log = createLogger({ clock, level, format, write: (l) => lines.push(l) });
  return { log, lines };
}

describe('logger', () => {
  it('prints logrus-style text lines with sorted fields', () => {
    const { log, lines } = capture();
    log.info('Started syncing rollout', { rollout: 'demo', namespace: 'ns1' });
    expect(lines).toEqual(['time="2026-11-27T09:30:00Z" level=info msg="Started syncing rollout" namespace=ns1 rollout=demo']);
  });

  it('prints one JSON object per line with --logformat json', () => {
    const { log, lines } = capture('info', 'json');
    log.warn('requeue', { delayMs: 10 });
    expect(JSON.parse(lines[0] ?? '')).toEqual({ delayMs: 10, level: 'warning', msg: 'requeue', time: '2026-11-27T09:30:00Z' });
  });

  it('binds namespace/name on child loggers, and children of children merge fields', () => {
    const { log, lines } = capture('debug', 'json');
    log.child({ namespace: 'ns1' }).child({ rollout: 'demo' }).debug('reconcile');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ namespace: 'ns1', rollout: 'demo', msg: 'reconcile' });
  });

  it.each([
    { name: 'info drops debug', level: 'info', expected: ['info', 'warning', 'error'] },
    { name: 'warn drops info', level: 'warn', expected: ['warning', 'error'] },
    { name: 'error keeps error only', level: 'error', expected: ['error'] },
    { name: 'debug keeps all', level: 'debug', expected: ['debug', 'info', 'warning', 'error'] },
  ])('level filter: $name', ({ level, expected }) => {
    const { log, lines } = capture(level, 'json');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(expected);
  });

  it('never prints secret values, at any depth', () => {
    const { log, lines } = capture('info', 'json');
    log.info('config', { token: 'abc123', nested: { password: 'p', Authorization: 'Bearer x', user: 'bob' } });
    expect(lines[0]).not.toMatch(/abc123|"p"|Bearer x/);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ token: '[REDACTED]', nested: { password: '[REDACTED]', user: 'bob' } });
  });

  it('renders Error fields as their message', () => {
    expect(redact({ err: new Error('boom') })).toEqual({ err: 'boom' });
  });

  it.each([
    { name: 'bare word stays bare', msg: 'reconcile', fields: { key: 'ns1/demo-6cf78c66c5' }, line: 'time="1970-01-01T00:00:00Z" level=error msg=reconcile key=ns1/demo-6cf78c66c5' },
    { name: 'spaces are quoted', msg: 'sync failed', fields: { err: 'a b' }, line: 'time="1970-01-01T00:00:00Z" level=error msg="sync failed" err="a b"' },
    { name: 'colons are quoted, as logrus', msg: 'x', fields: { url: 'http://h:1' }, line: 'time="1970-01-01T00:00:00Z" level=error msg=x url="http://h:1"' },
    { name: 'empty string is quoted', msg: 'x', fields: { instance: '' }, line: 'time="1970-01-01T00:00:00Z" level=error msg=x instance=""' },
  ])('text quoting like logrus: $name', ({ msg, fields, line }) => {
    expect(formatLogLine('text', 0, 'error', msg, fields)).toBe(line);
  });

  it.each([
    { input: undefined, level: 'info' },
    { input: 'WARN', level: 'warning' },
    { input: 'debug', level: 'debug' },
  ])('parses --loglevel $input', ({ input, level }) => {
    expect(parseLogLevel(input)).toBe(level);
  });

  it('rejects unknown levels and formats', () => {
    expect(() => parseLogLevel('loud')).toThrow('invalid log level: loud');
    expect(() => parseLogFormat('xml')).toThrow('Unknown log format: xml');
    expect(parseLogFormat('')).toBe('text');
  });
});
