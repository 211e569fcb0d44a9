/**
 * Per-item exponential failure backoff, as client-go's ItemExponentialFailureRateLimiter with
 * Argo's bounds (1 ms → 10 s; client-go's default cap is 16 min).
 *
 *   delay(key) = min(maxMs, baseMs · 2^failures(key)),   then failures(key) += 1
 *
 * Worked: 1, 2, 4, 8, … 8192 ms, then 10 000 ms for every later failure (the 15th on).
 * parity: argo-rollouts utils/queue/queue.go DefaultArgoRolloutsRateLimiter
 */
export const DefaultBackoffBaseMs = 1;
export const DefaultBackoffMaxMs = 10_000;

export class ItemExponentialBackoff<K = string> {
  private readonly failures = new Map<K, number>();

  constructor(
    readonly baseMs = DefaultBackoffBaseMs,
    readonly maxMs = DefaultBackoffMaxMs,
  ) {}

  /** Delay for the next retry of `key`, counting this failure. */
  when(key: K): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return backoffDelayMs(n, this.baseMs, this.maxMs);
  }

  numRequeues(key: K): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: K): void {
    this.failures.delete(key);
  }
}

/** min(maxMs, baseMs · 2^failures); exported for table tests. */
export function backoffDelayMs(failures: number, baseMs: number, maxMs: number): number {
  if (failures > 62) return maxMs;
  return Math.min(maxMs, baseMs * 2 ** failures);
}
