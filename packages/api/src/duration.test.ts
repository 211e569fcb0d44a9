import { describe, expect, it } from 'vitest';
import { durationSecondsOf, parseGoDuration, parseGoDurationMs } from './duration.js';

describe('parseGoDurationMs (Go time.ParseDuration)', () => {
  it.each([
    { text: '10s', ms: 10_000 },
    { text: '1m', ms: 60_000 },
    { text: '1h30m', ms: 5_400_000 },
    { text: '1.5m', ms: 90_000 },
    { text: '500ms', ms: 500 },
    { text: '-2s', ms: -2000 },
    { text: '0', ms: 0 },
    { text: '1d', ms: null },
    { text: '10', ms: null },
    { text: '', ms: null },
    { text: '60s-typo', ms: null },
  ])('$text → $ms', ({ text, ms }) => {
    expect(parseGoDurationMs(text)).toBe(ms);
  });
});

describe('durationSecondsOf (pause duration)', () => {
  it.each([
    { name: 'absent', duration: undefined, seconds: 0 },
    { name: 'int', duration: 30, seconds: 30 },
    { name: 'bare number string', duration: '30', seconds: 30 },
    { name: 'Go duration', duration: '1m', seconds: 60 },
    { name: 'fraction truncated', duration: '1500ms', seconds: 1 },
    { name: 'invalid', duration: '1d', seconds: -1 },
  ])('$name', ({ duration, seconds }) => {
    expect(durationSecondsOf(duration)).toBe(seconds);
  });
});

describe('parseGoDuration error texts (as Go prints them)', () => {
  it.each([
    { text: '60s-typo', error: 'time: unknown unit "s-typo" in duration "60s-typo"' },
    { text: '10', error: 'time: missing unit in duration "10"' },
    { text: 'abc', error: 'time: invalid duration "abc"' },
    { text: '', error: 'time: invalid duration ""' },
    { text: '1d', error: 'time: unknown unit "d" in duration "1d"' },
  ])('$text', ({ text, error }) => {
    expect(parseGoDuration(text)).toStrictEqual({ error });
  });

  it('accepts a leading fraction', () => {
    expect(parseGoDuration('.5s')).toStrictEqual({ ms: 500 });
  });
});
