/**
 * Client-side request rate limit (`--qps`, `--burst`; Argo defaults 40 / 80), a token bucket like
 * client-go's `flowcontrol.NewTokenBucketRateLimiter`.
 *
 *   tokens(t) = min(burst, tokens(t0) + (t − t0) · qps / 1000)      (t in ms)
 *
 * Each request reserves one token; when the bucket is empty the reservation drives it negative and
 * the caller waits  wait = −tokens · 1000 / qps  ms, so waiters are served in arrival order.
 * Example: qps 40, burst 80 → 80 requests go at once, the 81st waits 25 ms, the 82nd 50 ms.
 */
import { sleep, type Clock } from './clock.js';

export const DefaultQps = 40;
export const DefaultBurst = 80;

export interface RateLimiter {
  /** Resolve when the caller may send one request. */
  take(signal?: AbortSignal): Promise<void>;
  /** ms the next `take()` would wait (0 = immediately). */
  nextWaitMs(): number;
}

export class TokenBucket implements RateLimiter {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = Math.max(1, burst);
    this.lastMs = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.lastMs);
    this.tokens = Math.min(Math.max(1, this.burst), this.tokens + (elapsed * this.qps) / 1000);
    this.lastMs = now;
  }

  nextWaitMs(): number {
    if (this.qps <= 0) return 0;
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / this.qps;
  }

  async take(signal?: AbortSignal): Promise<void> {
    if (this.qps <= 0) return;
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens * 1000) / this.qps;
    await sleep(this.clock, waitMs, signal).catch((err: unknown) => {
      this.tokens += 1; // give the reservation back
      throw err;
    });
  }
}

/** `qps <= 0` disables limiting (useful in tests that count requests). */
export function createRateLimiter(qps: number, burst: number, clock: Clock): RateLimiter {
  return new TokenBucket(qps, burst, clock);
}
