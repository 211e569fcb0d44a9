// Go's time.ParseDuration, value and error text. Rows follow Go's own time/time_test.go cases and error forms.
import { describe, expect, it } from 'vitest';
import { goTimeQuote, parseDurationString, parseGoDuration, parseGoDurationResult } from './go-duration.js';

describe('parseGoDuration: accepted forms', () => {
  it.each([
    { s: '0', ms: 0 },
    { s: '+0', ms: 0 },
    { s: '-0', ms: 0 },
    { s: '0s', ms: 0 },
    { s: '10m', ms: 600_000 },
    { s: '1h30m', ms: 5_400_000 },
    { s: '1.5s', ms: 1500 },
    { s: '.5s', ms: 500 },
    { s: '5.s', ms: 5000 },
    { s: '300ms', ms: 300 },
    { s: '-2s', ms: -2000 },
    { s: '+5s', ms: 5000 },
    { s: '1h1m1s1ms', ms: 3_661_001 },
    { s: '1us', ms: 0.001 },
    { s: '1µs', ms: 0.001 },
    { s: '1μs', ms: 0.001 },
    { s: '1500ns', ms: 0.0015 },
    { s: '0.1234567891s', ms: 123.456789 },
    { s: '2562047h', ms: 2562047 * 3_600_000 },
    { s: '9223372036854775807ns', ms: 9223372036854.775807 },
    { s: '-9223372036854775808ns', ms: -9223372036854.775808 },
  ])('$s → $ms ms', ({ s, ms }) => {
    expect(parseGoDuration(s)).toBe(ms);
  });
});

describe('parseGoDurationResult: Go’s three error texts', () => {
  it.each([
    { s: '2', error: 'time: missing unit in duration "2"' },
    { s: '10', error: 'time: missing unit in duration "10"' },
    { s: '1.5', error: 'time: missing unit in duration "1.5"' },
    { s: '1h5', error: 'time: missing unit in duration "1h5"' },
    { s: '0.0', error: 'time: missing unit in duration "0.0"' },
    { s: '00', error: 'time: missing unit in duration "00"' },
    { s: '5x', error: 'time: unknown unit "x" in duration "5x"' },
    { s: '1d', error: 'time: unknown unit "d" in duration "1d"' },
    { s: '60s-typo', error: 'time: unknown unit "s-typo" in duration "60s-typo"' },
    { s: '1s ', error: 'time: unknown unit "s " in duration "1s "' },
    { s: '3S', error: 'time: unknown unit "S" in duration "3S"' },
    { s: '5µ', error: 'time: unknown unit "\\xc2\\xb5" in duration "5\\xc2\\xb5"' },
    { s: '', error: 'time: invalid duration ""' },
    { s: '-', error: 'time: invalid duration "-"' },
    { s: 's', error: 'time: invalid duration "s"' },
    { s: '.', error: 'time: invalid duration "."' },
    { s: '.s', error: 'time: invalid duration ".s"' },
    { s: '+.s', error: 'time: invalid duration "+.s"' },
    { s: '--1s', error: 'time: invalid duration "--1s"' },
    { s: '1s-1s', error: 'time: unknown unit "s-" in duration "1s-1s"' },
    { s: 'abc', error: 'time: invalid duration "abc"' },
    { s: '9223372036854775808ns', error: 'time: invalid duration "9223372036854775808ns"' },
    { s: '3000000h', error: 'time: invalid duration "3000000h"' },
    { s: '99999999999999999999s', error: 'time: invalid duration "99999999999999999999s"' },
  ])('$s → $error', ({ s, error }) => {
    expect(parseGoDurationResult(s)).toStrictEqual({ error });
    expect(parseGoDuration(s)).toBeUndefined();
  });
});

describe('goTimeQuote (Go time package quote)', () => {
  it.each([
    { name: 'plain ASCII', s: '5m', want: '"5m"' },
    { name: 'quote and backslash escaped', s: 'a"b\\c', want: '"a\\"b\\\\c"' },
    { name: 'control byte', s: 'a\tb', want: '"a\\x09b"' },
    { name: 'non-ASCII as UTF-8 bytes', s: 'é', want: '"\\xc3\\xa9"' },
  ])('$name', ({ s, want }) => {
    expect(goTimeQuote(s)).toBe(want);
  });
});

describe('parseDurationString (argo-rollouts DurationString.Duration = time.ParseDuration)', () => {
  it.each([
    { s: '30s', ms: 30_000 },
    { s: '5m', ms: 300_000 },
    { s: '30', ms: undefined },
  ])('$s → $ms', ({ s, ms }) => {
    expect(parseDurationString(s)).toBe(ms);
  });
});
