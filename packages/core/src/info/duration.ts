// Human-readable durations as kubectl prints them. parity: k8s.io/apimachinery util/duration HumanDuration

/** Go's time.Duration saturates at ~292 years; a zero Go time (missing timestamp) therefore renders `292y`. */
const maxDurationMs = 9_223_372_036_854;

/**
 * `< −1 s` → `<invalid>`; `< 0` → `0s`; `< 120 s` → `Ns`; `< 10 min` → `MmSs` (`Mm` when S = 0); `< 3 h` → `Mm`;
 * `< 8 h` → `HhMm` (`Hh`); `< 48 h` → `Hh`; `< 8 d` → `DdHh` (`Dd`); `< 2 y` → `Dd`; `< 8 y` → `YyDd` (`Yy`);
 * else `Yy` (days = hours/24, years = days/365, all truncated). Examples: 106s, 3m14s, 121m, 3h59m, 7d.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** Epoch ms of a timestamp (RFC 3339 string or Date); undefined when absent or unparsable. */
export function toEpochMs(t: string | Date | undefined | null): number | undefined {
  if (t === undefined || t === null) return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** AGE column: `humanDuration(now − created)`; a missing timestamp is Go's zero time (saturated `292y`). */
export function age(createdAt: number | undefined, nowMs: number): string {
  if (createdAt === undefined) return humanDuration(maxDurationMs);
  return humanDuration(nowMs - createdAt);
}
