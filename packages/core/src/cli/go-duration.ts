// Go duration strings with Go's own error texts.
// parity: Go time.ParseDuration (time/format.go) and time's quote(); argo-rollouts v1alpha1.DurationString.Duration
// (pkg/apis/rollouts/v1alpha1/analysis_types.go), which is plain time.ParseDuration — a bare integer is NOT seconds.

export type GoDurationResult = { readonly ms: number } | { readonly error: string };

/** Nanoseconds per unit. Go accepts exactly these (both micro signs, U+00B5 and U+03BC); no `d`. */
const unitNs: Readonly<Record<string, bigint>> = { ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** 2^63: the largest magnitude Go accumulates (a negative result may reach it, a positive one may not). */
const limit = 1n << 63n;

/**
 * Go `time` package quoting: `"` + text + `"`, with `"` and `\` backslash-escaped and every byte of a control or
 * non-ASCII character written as `\xhh` (UTF-8), e.g. `5µ` → `"5\xc2\xb5"`.
 */
export function goTimeQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp >= 0x80) {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

/**
 * Fraction digits as Go reads them: digits are accumulated while the value stays ≤ 2^63; later digits are
 * consumed but ignored. Returns the value and its scale (10^accumulated digits).
 */
function fraction(digits: string): { value: bigint; scale: number } {
  let value = 0n;
  let scale = 1;
  for (const d of digits) {
    const next = value * 10n + BigInt(d);
    if (next > limit) break;
    value = next;
    scale *= 10;
  }
  return { value, scale };
}

/**
 * `time.ParseDuration`: `[-+]?` then one or more `<digits>[.<digits>]<unit>` (at least one digit on either side
 * of the dot), or a bare `0`. Errors, in Go's words:
 *   no number where one must start, `""`, overflow beyond 2^63−1 ns  → `time: invalid duration "<s>"`
 *   a number with no unit after it (`"2"`, `"1.5"`, `"1h5"`)        → `time: missing unit in duration "<s>"`
 *   letters that are not a unit (`"5x"`, `"1d"`, `"60s-typo"`)      → `time: unknown unit "<u>" in duration "<s>"`
 * where the unit is everything up to the next digit or dot. Result in (fractional) milliseconds, truncated to
 * whole nanoseconds as Go does.
 */
export function parseGoDurationResult(s: string): GoDurationResult {
  const invalid = { error: `time: invalid duration ${goTimeQuote(s)}` };
  const negative = s.startsWith('-');
  let rest = s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s;
  if (rest === '0') return { ms: 0 };
  if (rest === '') return invalid;
  let totalNs = 0n;
  while (rest !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = num?.[1] ?? '';
    const frac = num?.[2];
    if (whole === '' && (frac === undefined || frac === '')) return invalid;
    rest = rest.slice(num?.[0].length ?? 0);
    const unit = /^[^.0-9]*/.exec(rest)?.[0] ?? '';
    if (unit === '') return { error: `time: missing unit in duration ${goTimeQuote(s)}` };
    const perUnit = unitNs[unit];
    if (perUnit === undefined) return { error: `time: unknown unit ${goTimeQuote(unit)} in duration ${goTimeQuote(s)}` };
    rest = rest.slice(unit.length);
    const wholeValue = whole === '' ? 0n : BigInt(whole);
    if (wholeValue > limit / perUnit) return invalid;
    let partNs = wholeValue * perUnit;
    if (frac !== undefined) {
      const f = fraction(frac);
      if (f.value > 0n) partNs += BigInt(Math.trunc(Number(f.value) * (Number(perUnit) / f.scale)));
      if (partNs > limit) return invalid;
    }
    totalNs += partNs;
    if (totalNs > limit) return invalid;
  }
  if (!negative && totalNs > limit - 1n) return invalid;
  if (totalNs === 0n) return { ms: 0 };
  const ms = Number(totalNs) / 1e6;
  return { ms: negative ? -ms : ms };
}

/** {@link parseGoDurationResult} as milliseconds, or undefined when Go would reject it. */
export function parseGoDuration(s: string): number | undefined {
  const r = parseGoDurationResult(s);
  return 'ms' in r ? r.ms : undefined;
}

/**
 * argo-rollouts `DurationString.Duration()` (`restart --in`, Experiment `spec.duration`): exactly
 * `time.ParseDuration`, so `"30"` is `missing unit`, not 30 seconds.
 */
export function parseDurationString(s: string): number | undefined {
  return parseGoDuration(s);
}
