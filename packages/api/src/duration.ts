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

const TERM = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/**
 * Parses a Go duration (`"1h30m"`, `"10s"`, `"1.5m"`, `"-2s"`, `"0"`) into milliseconds; `null` when invalid
 * (empty text, missing unit, unknown unit such as `d`).
 */
export function parseGoDurationMs(text: string): number | null {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let totalMs = 0;
  while (rest !== '') {
    const term = TERM.exec(rest);
    if (!term) return null;
    const [whole, amount = '', unit = ''] = term;
    const unitMs = UNIT_MS[unit];
    if (unitMs === undefined) return null;
    totalMs += Number.parseFloat(amount) * unitMs;
    rest = rest.slice(whole.length);
  }
  return sign * totalMs;
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
