import type { Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { DefaultEventWriteConcurrency, type RecordedEvent, createEventRecorder } from './event-recorder.js';
import { FakeClock } from './fake-clock.js';
import { createRateLimiter } from './rate-limiter.js';
import type { MergePatch } from './resource-client.js';
import { Resources } from './resources.js';
import { MemoryClient } from './test-support/memory-client.js';
import type { KubeEvent } from './wire-types.js';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

function rollout(name: string): Rollout {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace: 'ns1', uid: `u-${name}` }, spec: {} } as Rollout;
}

interface Pending {
  readonly op: 'create' | 'patch';
  /** involved Rollout of a create; the Event name of a patch */
  readonly object: string;
  readonly reason: string;
  release(): void;
}

/** Events API whose create/patch reach the store only when the test releases them; counts what is in flight. */
class GatedEvents extends MemoryClient<KubeEvent> {
  readonly pending: Pending[] = [];
  /** `<op> <object> <reason>` in the order writes reached the store */
  readonly written: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** the most writes for one involved object in flight at once */
  maxPerObject = 0;
  private readonly perObject = new Map<string, number>();

  constructor() {
    super(Resources.events);
  }

  private async gate<T>(op: Pending['op'], object: string, reason: string, write: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const mine = (this.perObject.get(object) ?? 0) + 1;
    this.perObject.set(object, mine);
    this.maxPerObject = Math.max(this.maxPerObject, mine);
    await new Promise<void>((release) => this.pending.push({ op, object, reason, release }));
    this.inFlight--;
    this.perObject.set(object, (this.perObject.get(object) ?? 1) - 1);
    this.written.push(`${op} ${object} ${reason}`);
    return write();
  }

  override create(ns: string, obj: KubeEvent): Promise<KubeEvent> {
    return this.gate('create', obj.involvedObject.name ?? '', obj.reason ?? '', () => super.create(ns, obj));
  }

  override patchMerge(ns: string, name: string, patch: MergePatch): Promise<KubeEvent> {
    const object = this.objects.get(`${ns}/${name}`)?.involvedObject.name ?? name;
    return this.gate('patch', object, this.objects.get(`${ns}/${name}`)?.reason ?? '', () => super.patchMerge(ns, name, patch));
  }

  /** Release the oldest (or newest) pending write. */
  release(which: 'oldest' | 'newest' = 'oldest'): Pending | undefined {
    const p = which === 'oldest' ? this.pending.shift() : this.pending.pop();
    p?.release();
    return p;
  }
}

/** Let every ready promise callback run (no clock involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Release writes one at a time until none is pending. */
async function drain(events: GatedEvents, which: 'oldest' | 'newest' = 'oldest'): Promise<void> {
  await settle();
  while (events.release(which) !== undefined) await settle();
}

function setup(concurrency?: number) {
  const clock = new FakeClock(T0);
  const events = new GatedEvents();
  const seen: RecordedEvent[] = [];
  const recorder = createEventRecorder({ events, clock, onEvent: (e) => seen.push(e), ...(concurrency === undefined ? {} : { concurrency }) });
  return { clock, events, recorder, seen };
}

const objects = Array.from({ length: 20 }, (_, i) => rollout(`ro-${i}`));

describe('event recorder: parallel writes across objects', () => {
  it.each([
    { name: 'one at a time', concurrency: 1, expected: 1 },
    { name: 'three', concurrency: 3, expected: 3 },
    { name: 'zero (treated as one)', concurrency: 0, expected: 1 },
    { name: 'the default', concurrency: undefined, expected: DefaultEventWriteConcurrency },
  ])('20 objects, concurrency $name: that many writes in flight, never more', async ({ concurrency, expected }) => {
    const { events, recorder } = setup(concurrency);
    for (const ro of objects) recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await settle();
    expect(events.inFlight).toBe(expected);
    await drain(events);
    await recorder.flush();
    expect(events.maxInFlight).toBe(expected);
    expect(events.objects.size).toBe(objects.length);
  });

  it('one object\'s Events are written one at a time in record order, however the server answers', async () => {
    const { events, recorder } = setup(4);
    const reasons = ['RolloutUpdated', 'NewReplicaSetCreated', 'ScalingReplicaSet', 'RolloutStepCompleted'];
    for (const reason of reasons) for (const ro of objects.slice(0, 6)) recorder.event(ro, { reason }, `${reason} for ${ro.metadata?.name ?? ''}`);
    await drain(events, 'newest'); // answer the latest request first
    await recorder.flush();
    expect(events.maxPerObject).toBe(1);
    expect(events.maxInFlight).toBe(4);
    for (const ro of objects.slice(0, 6)) {
      const name = ro.metadata?.name ?? '';
      const mine = events.written.filter((w) => w.split(' ')[1] === name).map((w) => w.split(' ')[2]);
      expect(mine, name).toEqual(reasons);
    }
  });

  it('an object waiting for a slot goes behind the others (round robin), not behind a chatty object', async () => {
    const { events, recorder } = setup(1);
    const [chatty, quiet] = [rollout('chatty'), rollout('quiet')];
    for (let i = 0; i < 4; i++) recorder.event(chatty, { reason: 'ScalingReplicaSet' }, `Scaled to ${i}`);
    recorder.event(quiet, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await drain(events);
    expect(events.written.map((w) => w.split(' ')[1])).toEqual(['chatty', 'quiet', 'chatty', 'chatty', 'chatty']);
  });

  it('a repeat of an Event still being created becomes a patch with count 2 once the create returns', async () => {
    const { events, recorder } = setup();
    const ro = rollout('demo');
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await settle();
    expect(events.pending.map((p) => p.op)).toEqual(['create']);
    events.release();
    await settle();
    expect(events.pending.map((p) => p.op)).toEqual(['patch']);
    events.release();
    await recorder.flush();
    expect(events.calls.map((c) => c.split(' ')[0])).toEqual(['create', 'patch']);
    expect([...events.objects.values()]).toMatchObject([{ reason: 'RolloutPaused', count: 2 }]);
  });

  it('flush resolves only once every Event recorded before it was written', async () => {
    const { events, recorder } = setup(3);
    for (const ro of objects) for (const reason of ['RolloutUpdated', 'RolloutCompleted']) recorder.event(ro, { reason }, reason);
    let flushed = false;
    const done = recorder.flush().then(() => {
      flushed = true;
    });
    await settle();
    let released = 0;
    while (events.pending.length > 0) {
      expect(flushed).toBe(false);
      events.release();
      released++;
      await settle();
    }
    await done;
    expect(flushed).toBe(true);
    expect(released).toBe(objects.length * 2);
    expect(events.objects.size).toBe(objects.length * 2);
  });

  it('onEvent fires once per recorded event at record time, before any write returns', async () => {
    const { events, recorder, seen } = setup(2);
    for (const ro of objects) recorder.event(ro, { reason: 'RolloutUpdated' }, 'x');
    expect(seen).toHaveLength(objects.length);
    expect(events.written).toHaveLength(0);
    await drain(events);
    expect(seen).toHaveLength(objects.length);
  });

  it('never throws into the caller, even when the onEvent hook throws', async () => {
    const events = new MemoryClient<KubeEvent>(Resources.events);
    const recorder = createEventRecorder({ events, clock: new FakeClock(T0), onEvent: () => { throw new Error('metrics broke'); } });
    expect(() => recorder.event(rollout('demo'), { reason: 'RolloutUpdated' }, 'x')).not.toThrow();
    await recorder.flush();
    expect(events.objects.size).toBe(1);
  });

  it('parallel writes still queue on the client rate limiter (burst 2: two reach the server until time passes)', async () => {
    const clock = new FakeClock(T0);
    const limiter = createRateLimiter(1, 2, clock);
    const store = new MemoryClient<KubeEvent>(Resources.events);
    // the transport takes a token before every request; this client does the same
    const events = new (class extends MemoryClient<KubeEvent> {
      override async create(ns: string, obj: KubeEvent): Promise<KubeEvent> {
        await limiter.take();
        return store.create(ns, obj);
      }
    })(Resources.events);
    const recorder = createEventRecorder({ events, clock, concurrency: 8 });
    for (const ro of objects.slice(0, 5)) recorder.event(ro, { reason: 'RolloutUpdated' }, 'x');
    await settle();
    expect(store.objects.size).toBe(2);
    await clock.advance(1000);
    await settle();
    expect(store.objects.size).toBe(3);
    await clock.advance(2000);
    await recorder.flush();
    expect(store.objects.size).toBe(5);
  });
});
