import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { TokenBucket } from './rate-limiter.js';

async function takeMany(bucket: TokenBucket, n: number): Promise<{ done: () => number }> {
  let done = 0;
  for (let i = 0; i < n; i++) void bucket.take().then(() => done++);
  await Promise.resolve();
  return { done: () => done };
}

describe('TokenBucket (--qps/--burst)', () => {
  it('lets a burst through at once, then releases qps requests per second', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(40, 80, clock);
    const r = await takeMany(bucket, 120);
    await clock.advance(0);
    expect(r.done()).toBe(80);
    await clock.advance(500); // 0.5 s at 40 qps → 20 more
    expect(r.done()).toBe(100);
    await clock.advance(500);
    expect(r.done()).toBe(120);
  });

  it('queues waiters in arrival order with waits of 1000/qps ms each', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 2, clock);
    void bucket.take();
    void bucket.take();
    void bucket.take();
    void bucket.take();
    expect(clock.pendingDelays()).toEqual([100, 200]);
  });

  it('refills while idle, but never above burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 3, clock);
    const first = await takeMany(bucket, 3);
    await clock.advance(60_000);
    expect(first.done()).toBe(3);
    const second = await takeMany(bucket, 5);
    await clock.advance(0);
    expect(second.done()).toBe(3);
    expect(bucket.nextWaitMs()).toBe(200 + 100);
  });

  it('qps 0 disables limiting', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(0, 0, clock);
    const r = await takeMany(bucket, 1000);
    await clock.advance(0);
    expect(r.done()).toBe(1000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an aborted waiter gives its token back', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 1, clock);
    await bucket.take();
    const ac = new AbortController();
    const waiting = bucket.take(ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(bucket.nextWaitMs()).toBe(100);
  });
});
