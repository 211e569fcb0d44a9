import { describe, expect, it } from 'vitest';
import { FakeClock, flushPromises } from './fake-clock.js';
import { WorkQueue } from './work-queue.js';

const newQueue = () => {
  const clock = new FakeClock();
  return { clock, q: new WorkQueue({ clock, name: 'Rollouts' }) };
};

describe('WorkQueue', () => {
  it('deduplicates adds of a key that is already waiting', async () => {
    const { q } = newQueue();
    q.add('ns/a');
    q.add('ns/a');
    q.add('ns/b');
    q.add('ns/a');
    expect(q.len()).toBe(2);
    expect([await q.get(), await q.get()]).toEqual(['ns/a', 'ns/b']);
    expect(q.metrics()).toEqual({ name: 'Rollouts', depth: 0, adds: 2, retries: 0, inFlight: 2 });
  });

  it('never hands out a key that is in flight; a re-add during processing runs once after done', async () => {
    const { q } = newQueue();
    q.add('k');
    const key = await q.get();
    q.add('k');
    q.add('k');
    expect([q.len(), q.inFlight()]).toEqual([0, 1]);
    q.done(key ?? '');
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('k');
    q.done('k');
    expect([q.len(), q.inFlight(), q.totalHandedOut]).toEqual([0, 0, 2]);
  });

  it('hands a key straight to a waiting worker', async () => {
    const { q } = newQueue();
    const next = q.get();
    q.add('k');
    expect(await next).toBe('k');
  });

  it('addAfter adds when due; the earliest pending due time wins', async () => {
    const { q, clock } = newQueue();
    q.addAfter('k', 5000);
    q.addAfter('k', 1000);
    q.addAfter('k', 3000);
    expect([q.delayed(), clock.pendingTimers]).toEqual([1, 1]);
    await clock.advance(999);
    expect(q.len()).toBe(0);
    await clock.advance(1);
    expect([q.len(), q.delayed()]).toEqual([1, 0]);
  });

  it('addAfter with a non-positive delay is a plain add', () => {
    const { q } = newQueue();
    q.addAfter('k', 0);
    expect(q.len()).toBe(1);
  });

  it('addRateLimited backs off per key 1, 2, 4 ms …; forget resets', async () => {
    const { q, clock } = newQueue();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      q.addRateLimited('a');
      delays.push(...clock.pendingDelays());
      await clock.advance(clock.pendingDelays()[0] ?? 0);
      q.done((await q.get()) ?? '');
    }
    expect(delays).toEqual([1, 2, 4]);
    q.addRateLimited('b');
    expect(clock.pendingDelays()).toEqual([1]);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
    await clock.advance(1);
    q.addRateLimited('a');
    expect(clock.pendingDelays()).toEqual([1]);
  });

  it('shutDown rejects new adds, drops delayed adds, drains queued keys, then returns undefined', async () => {
    const { q, clock } = newQueue();
    q.add('queued');
    q.addAfter('later', 10);
    q.shutDown();
    q.add('new');
    await clock.advance(100);
    expect(await q.get()).toBe('queued');
    expect(await q.get()).toBeUndefined();
  });

  it('shutDownWithDrain resolves only after in-flight keys are done', async () => {
    const { q } = newQueue();
    q.add('k');
    await q.get();
    let drained = false;
    void q.shutDownWithDrain().then(() => (drained = true));
    await flushPromises();
    expect(drained).toBe(false);
    q.done('k');
    await flushPromises();
    expect(drained).toBe(true);
  });

  it('wakes idle workers with undefined on shutdown', async () => {
    const { q } = newQueue();
    const waiting = [q.get(), q.get()];
    q.shutDown();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
  });
});
