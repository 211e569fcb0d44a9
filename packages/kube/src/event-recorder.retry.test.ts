import type { Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { KubeError } from './errors.js';
import { EventRetrySleepMs, MaxQueuedEvents, MaxTriesPerEvent, createEventRecorder, eventRetryDelayMs } from './event-recorder.js';
import { FakeClock } from './fake-clock.js';
import { createLogger } from './logger.js';
import { Resources } from './resources.js';
import { MemoryClient } from './test-support/memory-client.js';
import type { KubeEvent } from './wire-types.js';

// parity: client-go tools/record event.go recordToSink / recordEvent (12 tries, 10 s apart, only without an HTTP answer)
const ro = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo', namespace: 'ns1', uid: 'u-1' }, spec: {} } as Rollout;
const unreachable = new KubeError(0, 'Unknown', 'connect ECONNREFUSED 10.0.0.1:443');

function setup() {
  const clock = new FakeClock(Date.UTC(2026, 10, 27, 10, 0, 0));
  const events = new MemoryClient<KubeEvent>(Resources.events);
  const lines: string[] = [];
  const logger = createLogger({ clock, format: 'json', write: (l) => lines.push(l) });
  const recorder = createEventRecorder({ events, clock, logger, random: () => 0.5 });
  const creates = (): number => events.calls.filter((c) => c.startsWith('create')).length;
  const passRetryPeriods = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await clock.advance(EventRetrySleepMs);
  };
  return { events, recorder, lines, creates, passRetryPeriods };
}

describe('event writes while the API server is unreachable', () => {
  it.each([
    { failedTries: 1, random: 0.25, delayMs: 2_500 },
    { failedTries: 2, random: 0.25, delayMs: 10_000 },
    { failedTries: 11, random: 0.9, delayMs: 10_000 },
  ])('wait after $failedTries failed tries (random $random) is $delayMs ms', ({ failedTries, random, delayMs }) => {
    expect(eventRetryDelayMs(failedTries, random)).toBe(delayMs);
  });

  it('tries an Event 12 times, then gives it up with a log line', async () => {
    const { events, recorder, lines, creates, passRetryPeriods } = setup();
    events.failWrites = unreachable;
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await passRetryPeriods(MaxTriesPerEvent + 3);
    await recorder.flush();
    expect(creates()).toBe(12);
    expect(lines.filter((l) => l.includes('retry limit exceeded'))).toHaveLength(1);
  });

  it('writes the Event once the server answers again, and the object\'s later Events after it', async () => {
    const { events, recorder, creates, passRetryPeriods } = setup();
    events.failWrites = unreachable;
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await passRetryPeriods(2);
    expect(creates()).toBe(3);
    events.failWrites = undefined;
    await passRetryPeriods(1);
    await recorder.flush();
    expect([...events.objects.values()].map((e) => e.reason)).toEqual(['RolloutUpdated', 'RolloutPaused']);
    expect(creates()).toBe(5);
  });

  it('flush does not wait out the retries: a write waiting to retry is given up, the object\'s later Events tried once', async () => {
    const { events, recorder, lines, creates } = setup();
    events.failWrites = unreachable;
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    expect(creates()).toBe(2);
    expect(lines.filter((l) => l.includes('recorder flush'))).toHaveLength(2);
  });

  it('at most 1000 Events wait for an unreachable server; further ones are dropped, not queued', async () => {
    const { events, recorder, lines, passRetryPeriods } = setup();
    events.failWrites = unreachable;
    const rollout = (i: number): Rollout => ({ ...ro, metadata: { ...ro.metadata, name: `demo-${i}`, uid: `u-${i}` } }) as Rollout;
    for (let i = 0; i < MaxQueuedEvents + 5; i++) recorder.event(rollout(i), { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    events.failWrites = undefined;
    await passRetryPeriods(1);
    await recorder.flush();
    expect(events.objects.size).toBe(1000);
    expect(lines.filter((l) => l.includes('too many queued events'))).toHaveLength(5);
  });

  it.each([
    { name: '500 from the server', err: new KubeError(500, 'InternalError', 'etcdserver: request timed out') },
    { name: '403 Forbidden', err: new KubeError(403, 'Forbidden', 'events is forbidden') },
  ])('an HTTP error answer ($name) is not retried', async ({ err }) => {
    const { events, recorder, creates, passRetryPeriods } = setup();
    events.failWrites = err;
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await passRetryPeriods(3);
    await recorder.flush();
    expect(creates()).toBe(1);
  });
});
