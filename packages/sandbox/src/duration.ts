/**
 * Kubernetes `duration.HumanDuration` (k8s.io/apimachinery util/duration), the Age column's text.
 * `< −1 s` → `<invalid>`; `< 0` → `0s`; `< 120 s` → `Ns`; `< 10 min` → `MmSs` (`Mm` when S = 0); `< 3 h` → `Mm`;
 * `< 8 h` → `HhMm` (`Hh`); `< 48 h` → `Hh`; `< 8 d` → `DdHh` (`Dd`); `< 2 y` → `Dd`; `< 8 y` → `YyDd` (`Yy`);
 * else `Yy`. Examples: 106 s → `106s`, 194 s → `3m14s`, 7 d → `7d`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return withRest(`${minutes}m`, seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return withRest(`${hours}h`, minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return withRest(`${days}d`, hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return withRest(`${years}y`, days % 365, 'd');
  return `${years}y`;
}

function withRest(head: string, rest: number, unit: string): string {
  return rest === 0 ? head : `${head}${rest}${unit}`;
}

/** Age of an object from its RFC 3339 creationTimestamp; `<unknown>` when absent. */
export function age(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string') return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now.getTime() - t);
}
