import { describe, expect, it } from 'vitest';
import { KubeError } from './errors.js';
import { FakeClock, flushPromises } from './fake-clock.js';
import { WorkQueue } from './work-queue.js';
import { type ReconcileOutcome, type ReconcileResult, StaleCacheError, processNextWorkItem, runWorkers } from './worker.js';

function setup() {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock });
  const outcomes: ReconcileOutcome[] = [];
  return { clock, queue, outcomes, opts: { clock, onReconciled: (o: ReconcileOutcome) => outcomes.push(o) } };
}

describe('processNextWorkItem outcomes', () => {
  it.each([
    { name: 'success forgets the backoff and schedules nothing', result: (): ReconcileResult => undefined, delays: [] as number[], requeues: 0, error: false },
    { name: 'requeueAfterMs schedules a delayed add', result: (): ReconcileResult => ({ requeueAfterMs: 10_000 }), delays: [10_000], requeues: 0, error: false },
    { name: 'a transient error backs off (first retry 1 ms)', result: (): ReconcileResult => { throw new Error('conn reset'); }, delays: [1], requeues: 1, error: true },
    { name: 'NotFound is dropped without retry', result: (): ReconcileResult => { throw new KubeError(404, 'NotFound', 'gone'); }, delays: [], requeues: 0, error: true },
    { name: 'a stale cache retries in 100 ms and is not an error', result: (): ReconcileResult => { throw new StaleCacheError(); }, delays: [100], requeues: 0, error: false },
  ])('$name', async ({ result, delays, requeues, error }) => {
    const { clock, queue, outcomes, opts } = setup();
    queue.add('ns/r');
    expect(await processNextWorkItem(queue, async () => result(), opts)).toBe(true);
    expect(clock.pendingDelays()).toEqual(delays);
    expect(queue.numRequeues('ns/r')).toBe(requeues);
    expect(queue.inFlight()).toBe(0);
    expect(outcomes.map((o) => o.error !== undefined)).toEqual([error]);
  });

  it('repeated failures back off exponentially, success resets', async () => {
    const { clock, queue, opts } = setup();
    let fail = true;
    const sync = async (): Promise<void> => {
      if (fail) throw new Error('boom');
    };
    const seen: number[] = [];
    queue.add('k');
    for (let i = 0; i < 4; i++) {
      await processNextWorkItem(queue, sync, opts);
      seen.push(...clock.pendingDelays());
      await clock.advance(clock.pendingDelays()[0] ?? 0);
    }
    expect(seen).toEqual([1, 2, 4, 8]);
    fail = false;
    await processNextWorkItem(queue, sync, opts);
    expect(queue.numRequeues('k')).toBe(0);
  });
});

describe('runWorkers', () => {
  it('runs N workers with one in-flight reconcile per key, and a change during a reconcile runs once more', async () => {
    const { queue, opts } = setup();
    const active = new Set<string>();
    let maxConcurrent = 0;
    let sameKeyOverlap = 0;
    const runs = new Map<string, number>();
    const gates: Array<() => void> = [];
    const sync = async (key: string): Promise<void> => {
      if (active.has(key)) sameKeyOverlap++;
      active.add(key);
      maxConcurrent = Math.max(maxConcurrent, active.size);
      runs.set(key, (runs.get(key) ?? 0) + 1);
      await new Promise<void>((resolve) => gates.push(resolve));
      active.delete(key);
    };
    for (let i = 0; i < 6; i++) queue.add(`ns/r${i}`);
    const done = runWorkers(queue, 3, sync, opts);
    await flushPromises();
    expect(active.size).toBe(3);
    queue.add('ns/r0'); // changed while in flight
    queue.add('ns/r0');
    while (gates.length > 0 || queue.len() > 0 || queue.inFlight() > 0) {
      gates.splice(0).forEach((g) => g());
      await flushPromises();
    }
    await queue.shutDownWithDrain();
    await done;
    expect(maxConcurrent).toBe(3);
    expect(sameKeyOverlap).toBe(0);
    expect(runs.get('ns/r0')).toBe(2);
    expect([...runs.values()].reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('graceful shutdown: workers finish their current key and exit', async () => {
    const { queue, opts } = setup();
    let release: () => void = () => undefined;
    let finished = 0;
    queue.add('a');
    const done = runWorkers(queue, 2, async () => {
      await new Promise<void>((r) => (release = r));
      finished++;
    }, opts);
    await flushPromises();
    const drained = queue.shutDownWithDrain();
    release();
    await drained;
    await done;
    expect(finished).toBe(1);
  });
});
