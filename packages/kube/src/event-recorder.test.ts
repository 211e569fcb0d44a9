import type { Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { KubeError } from './errors.js';
import { type RecordedEvent, MemoryEventRecorder, createEventRecorder, eventName } from './event-recorder.js';
import { FakeClock } from './fake-clock.js';
import { createLogger } from './logger.js';
import { Resources } from './resources.js';
import { MemoryClient } from './test-support/memory-client.js';
import type { KubeEvent } from './wire-types.js';

const ro = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo', namespace: 'ns1', uid: 'u-1', resourceVersion: '5' }, spec: {} } as Rollout;
const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

function setup() {
  const clock = new FakeClock(T0);
  const events = new MemoryClient<KubeEvent>(Resources.events);
  const seen: RecordedEvent[] = [];
  const lines: string[] = [];
  const logger = createLogger({ clock, format: 'json', write: (l) => lines.push(l) });
  const recorder = createEventRecorder({ events, clock, logger, onEvent: (e) => seen.push(e) });
  const stored = (): KubeEvent[] => [...events.objects.values()];
  return { clock, events, recorder, seen, lines, stored };
}

describe('event recorder', () => {
  it('creates an Event like client-go: source rollouts-controller, count 1, name <object>.<hex ns>', async () => {
    const { recorder, stored, seen, lines } = setup();
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await recorder.flush();
    const [ev] = stored();
    expect(ev).toMatchObject({
      involvedObject: { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', namespace: 'ns1', name: 'demo', uid: 'u-1' },
      reason: 'RolloutUpdated',
      message: 'Rollout updated to revision 2',
      type: 'Normal',
      count: 1,
      firstTimestamp: '2026-11-27T10:00:00Z',
      lastTimestamp: '2026-11-27T10:00:00Z',
      source: { component: 'rollouts-controller' },
    });
    expect(ev?.metadata?.name).toBe(`demo.${(BigInt(T0) * 1_000_000n).toString(16)}`);
    expect(seen).toEqual([{ kind: 'Rollout', namespace: 'ns1', name: 'demo', type: 'Normal', reason: 'RolloutUpdated', message: 'Rollout updated to revision 2' }]);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'Rollout updated to revision 2', event_reason: 'RolloutUpdated', namespace: 'ns1', rollout: 'demo' });
  });

  it('aggregates a repeated event: one Event, count++ and lastTimestamp patched', async () => {
    const { recorder, stored, events, clock } = setup();
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await clock.advance(5000);
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await clock.advance(5000);
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    expect(stored()).toHaveLength(1);
    expect(stored()[0]).toMatchObject({ count: 3, firstTimestamp: '2026-11-27T10:00:00Z', lastTimestamp: '2026-11-27T10:00:10Z' });
    expect(events.calls.map((c) => c.split(' ')[0])).toEqual(['create', 'patch', 'patch']);
  });

  it('different reasons, messages or types are separate Events, written in call order', async () => {
    const { recorder, events } = setup();
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    recorder.event(ro, { reason: 'NewReplicaSetCreated' }, 'Created ReplicaSet demo-abc (revision 2)');
    recorder.event(ro, { reason: 'ScalingReplicaSet' }, 'Scaled up ReplicaSet demo-abc (revision 2) from 0 to 1');
    recorder.warn(ro, { reason: 'RolloutAborted' }, 'Rollout aborted update to revision 2');
    await recorder.flush();
    const created = [...events.objects.values()].map((e) => `${e.type} ${e.reason}`);
    expect(created).toEqual(['Normal RolloutUpdated', 'Normal NewReplicaSetCreated', 'Normal ScalingReplicaSet', 'Warning RolloutAborted']);
  });

  it('after 10 distinct messages for one reason within 10 min, combines them into one Event', async () => {
    const { recorder, stored } = setup();
    for (let i = 0; i < 12; i++) recorder.event(ro, { reason: 'ScalingReplicaSet' }, `Scaled up ReplicaSet demo-abc (revision 2) from ${i} to ${i + 1}`);
    await recorder.flush();
    const combined = stored().filter((e) => (e.message ?? '').startsWith('(combined from similar events): '));
    expect(stored()).toHaveLength(10);
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ count: 3, message: '(combined from similar events): Scaled up ReplicaSet demo-abc (revision 2) from 11 to 12' });
  });

  it('drops events over the per-object spam budget (25 burst)', async () => {
    const { recorder, events, seen } = setup();
    for (let i = 0; i < 30; i++) recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    expect(events.calls).toHaveLength(25);
    expect(seen).toHaveLength(30); // rollout_events_total counts every call, as upstream
  });

  it('occurrences the spam filter drops still count: 30 in a burst, one more 5 min later ⇒ count 31 (client-go observes before filtering)', async () => {
    const { recorder, events, stored, clock } = setup();
    for (let i = 0; i < 30; i++) recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    expect(stored()[0]?.count).toBe(25);
    await clock.advance(300_000); // one token back
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    expect(events.calls).toHaveLength(26);
    expect(stored()).toHaveLength(1);
    expect(stored()[0]).toMatchObject({ count: 31, firstTimestamp: '2026-11-27T10:00:00Z', lastTimestamp: '2026-11-27T10:05:00Z' });
  });

  it('re-creates the Event when the one to patch is gone', async () => {
    const { recorder, events, stored } = setup();
    recorder.event(ro, { reason: 'RolloutResumed' }, 'Rollout is resumed');
    await recorder.flush();
    events.objects.clear();
    recorder.event(ro, { reason: 'RolloutResumed' }, 'Rollout is resumed');
    await recorder.flush();
    expect(events.calls.map((c) => c.split(' ')[0])).toEqual(['create', 'patch', 'create']);
    expect(stored()).toHaveLength(1);
  });

  it('never throws into the caller when the API fails; logs a warning', async () => {
    const { recorder, events, lines } = setup();
    events.failWrites = new KubeError(403, 'Forbidden', 'events is forbidden');
    expect(() => recorder.event(ro, { reason: 'RolloutUpdated' }, 'x')).not.toThrow();
    await recorder.flush();
    expect(lines.some((l) => l.includes('failed to write event') && l.includes('events is forbidden'))).toBe(true);
  });

  it('an event without a reason is only logged: no Event written, no onEvent (upstream defaultEventf)', async () => {
    const { recorder, events, seen, lines } = setup();
    recorder.warn(ro, { reason: '' }, 'something odd');
    await recorder.flush();
    expect(events.calls).toHaveLength(0);
    expect(seen).toHaveLength(0);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([{ level: 'warning', msg: 'something odd', rollout: 'demo' }]);
  });

  it.each([
    { name: 'an ordinary Rollout name', object: 'demo', want: 'demo.18000000000' },
    { name: 'a 253-character name (suffix would exceed 253)', object: 'a'.repeat(253), want: 'uuid' },
    { name: 'a name the API server would refuse (uppercase)', object: 'Demo', want: 'uuid' },
  ])('Event name for $name is $want (client-go GenerateEventName)', ({ object, want }) => {
    expect(eventName(object, 0x18000000000n, () => 'uuid')).toBe(want);
  });

  it('an object whose name leaves no room for the suffix still gets its Event, under a UUID name', async () => {
    const { recorder, stored } = setup();
    const long = { ...ro, metadata: { ...ro.metadata, name: 'r'.repeat(250) } } as Rollout;
    recorder.event(long, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await recorder.flush();
    expect(stored().map((e) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(e.metadata?.name ?? ''))).toEqual([true]);
    expect(stored()[0]?.involvedObject.name).toBe('r'.repeat(250));
  });

  it('MemoryEventRecorder keeps reasons in order for reconciler tests', () => {
    const r = new MemoryEventRecorder();
    r.event(ro, { reason: 'RolloutUpdated' }, 'a');
    r.warn(ro, { reason: 'RolloutAborted' }, 'b');
    expect(r.reasons()).toEqual(['RolloutUpdated', 'RolloutAborted']);
    expect(r.recorded[1]?.type).toBe('Warning');
  });
});
