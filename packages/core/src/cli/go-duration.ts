// Go duration strings. parity: Go time.ParseDuration; argo-rollouts v1alpha1.DurationString (bare integer = seconds)

const unitMs: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `time.ParseDuration`: `[-+]` then one or more `<decimal><unit>`, or `0`. Returns ms or undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  const m = /^([-+]?)(.*)$/.exec(s);
  const body = m?.[2] ?? '';
  if (body === '0') return 0;
  if (body === '') return undefined;
  const part = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < body.length) {
    part.lastIndex = pos;
    const p = part.exec(body);
    if (p === null) return undefined;
    total += Number(p[1]) * (unitMs[p[2] ?? ''] ?? 0);
    pos = part.lastIndex;
  }
  return m?.[1] === '-' ? -total : total;
}

/** `DurationString.Duration()`: a bare integer is seconds, otherwise a Go duration. */
export function parseDurationString(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  return parseGoDuration(s);
}
