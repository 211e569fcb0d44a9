/**
 * Go `time.ParseDuration` and the pause-duration rule built on it.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go RolloutPause.DurationSeconds
 */
import type { IntOrString } from './types/common.js';
import type { RolloutPause } from './types/canary-step.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's `time` package quoting for error messages (plain text between double quotes). */
const goTimeQuote = (text: string): string => `"${text}"`;

/**
 * Go `time.ParseDuration`: `"1h30m"`, `"10s"`, `"1.5m"`, `"-2s"`, `"0"` → milliseconds, or Go's error text
 * (`time: invalid duration "x"`, `time: missing unit in duration "10"`,
 * `time: unknown unit "s-typo" in duration "60s-typo"`). Units ns, us/µs/μs, ms, s, m, h — no `d`.
 */
export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const invalidDuration = { error: `time: invalid duration ${goTimeQuote(text)}` };
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ms: 0 };
  if (rest === '') return invalidDuration;
  let totalMs = 0;
  while (rest !== '') {
    const number = /^(\d*)(\.\d*)?/.exec(rest)?.[0] ?? '';
    if (number === '' || number === '.') return invalidDuration;
    rest = rest.slice(number.length);
    const unit = /^[^.0-9]*/.exec(rest)?.[0] ?? '';
    if (unit === '') return { error: `time: missing unit in duration ${goTimeQuote(text)}` };
    const unitMs = UNIT_MS[unit];
    if (unitMs === undefined) {
      return { error: `time: unknown unit ${goTimeQuote(unit)} in duration ${goTimeQuote(text)}` };
    }
    totalMs += Number.parseFloat(number.startsWith('.') ? `0${number}` : number) * unitMs;
    rest = rest.slice(unit.length);
  }
  return { ms: sign * totalMs };
}

/** {@link parseGoDuration} in milliseconds, `null` when invalid. */
export function parseGoDurationMs(text: string): number | null {
  const result = parseGoDuration(text);
  return 'ms' in result ? result.ms : null;
}

/**
 * Seconds of a pause duration: int → itself; decimal string → that many seconds; other string →
 * Go duration truncated to whole seconds; unparsable → -1; absent → 0.
 */
export function pauseDurationSeconds(pause: RolloutPause): number {
  return durationSecondsOf(pause.duration);
}

/** See {@link pauseDurationSeconds}. */
export function durationSecondsOf(duration: IntOrString | undefined): number {
  if (duration === undefined) return 0;
  if (typeof duration === 'number') return duration;
  if (/^[+-]?\d+$/.test(duration)) return Number.parseInt(duration, 10);
  const ms = parseGoDurationMs(duration);
  return ms === null ? -1 : Math.trunc(ms / 1000);
}
