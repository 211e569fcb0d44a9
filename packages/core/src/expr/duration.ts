import { exprError } from './errors.js';
import { GoDuration } from './values.js';

// parity: Go time.ParseDuration / time.Duration.String (the `duration()` builtin of expr-lang)

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;

const quote = (s: string): string => JSON.stringify(s);

/**
 * Go's time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns us µs ms s m h; `"0"` alone is valid.
 * Errors: `time: invalid duration "??"`, `time: missing unit in duration "1"`, `time: unknown unit "d" in duration "1d"`.
 */
export function parseGoDuration(text: string): GoDuration {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return new GoDuration(0n);
  if (s === '') throw exprError(`time: invalid duration ${quote(text)}`);
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = m?.[1] ?? '';
    const frac = m?.[2];
    if (whole === '' && (frac === undefined || frac === '')) throw exprError(`time: invalid duration ${quote(text)}`);
    s = s.slice(m?.[0].length ?? 0);
    const unitMatch = /^[^\d.]*/.exec(s);
    const unit = unitMatch?.[0] ?? '';
    if (unit === '') throw exprError(`time: missing unit in duration ${quote(text)}`);
    const scale = Object.hasOwn(UNIT_NS, unit) ? UNIT_NS[unit] : undefined;
    if (scale === undefined) throw exprError(`time: unknown unit ${quote(unit)} in duration ${quote(text)}`);
    s = s.slice(unit.length);
    let part = BigInt(whole === '' ? '0' : whole) * scale;
    if (frac !== undefined && frac !== '') {
      const digits = frac.slice(0, 18);
      part += (BigInt(digits) * scale) / 10n ** BigInt(digits.length);
    }
    total += part;
    if (total > MAX_NS) throw exprError(`time: invalid duration ${quote(text)}`);
  }
  return new GoDuration(negative ? -total : total);
}

/** Go's Duration.String: `1h0m0s`, `1m30s`, `1.5s`, `500ms`, `0s`. */
export function formatGoDuration(d: GoDuration): string {
  if (d.ns === 0n) return '0s';
  const neg = d.ns < 0n;
  const abs = neg ? -d.ns : d.ns;
  const sign = neg ? '-' : '';
  const fraction = (value: bigint, scale: bigint): string => {
    const whole = value / scale;
    const rest = value % scale;
    if (rest === 0n) return String(whole);
    const digits = String(rest).padStart(String(scale).length - 1, '0').replace(/0+$/, '');
    return `${whole}.${digits}`;
  };
  if (abs < 1_000n) return `${sign}${abs}ns`;
  if (abs < 1_000_000n) return `${sign}${fraction(abs, 1_000n)}µs`;
  if (abs < 1_000_000_000n) return `${sign}${fraction(abs, 1_000_000n)}ms`;
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const seconds = fraction(abs % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
