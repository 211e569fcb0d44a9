import { describe, expect, it } from 'vitest';
import { KubeError } from './errors.js';
import { FakeClock, flushPromises } from './fake-clock.js';
import { LeaderElector, acquireRetryDelayMs, microTime } from './leader-election.js';
import { Resources } from './resources.js';
import { leaseLockName } from './selectors.js';
import { MemoryClient } from './test-support/memory-client.js';
import type { Lease } from './wire-types.js';

const NS = 'argo-rollouts';
const NAME = leaseLockName('');

/** Lease client whose writes never answer once `hang` is set (an API server that accepts but stalls). */
class HangingLeases extends MemoryClient<Lease> {
  hang = false;
  hung = 0;
  override async update(obj: Lease): Promise<Lease> {
    if (!this.hang) return super.update(obj);
    this.hung++;
    return new Promise<Lease>(() => undefined);
  }
  override async get(ns: string, name: string): Promise<Lease> {
    if (!this.hang) return super.get(ns, name);
    this.hung++;
    return new Promise<Lease>(() => undefined);
  }
}

function candidate(id: string, leases: MemoryClient<Lease>, clock: FakeClock, random = 0) {
  const log: string[] = [];
  let leadingSignal: AbortSignal | undefined;
  const elector = new LeaderElector({
    leases,
    namespace: NS,
    name: NAME,
    identity: id,
    clock,
    random: () => random,
    callbacks: {
      onStartedLeading: (signal) => {
        leadingSignal = signal;
        log.push('started');
      },
      onStoppedLeading: () => log.push('stopped'),
      onNewLeader: (who) => log.push(`leader ${who}`),
    },
  });
  const stop = new AbortController();
  const done = elector.run(stop.signal);
  return { elector, log, stop, done, signal: () => leadingSignal };
}

describe('LeaderElector (Lease argo-rollouts-controller-lock, 15 s / 10 s / 2 s)', () => {
  it('creates the missing lease and leads', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 27, 10, 0, 0));
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('host-a_1', leases, clock);
    await flushPromises();
    expect(a.log).toEqual(['leader host-a_1', 'started']);
    expect(a.elector.isLeader()).toBe(true);
    expect(leases.objects.get(`${NS}/${NAME}`)?.spec).toEqual({
      holderIdentity: 'host-a_1',
      leaseDurationSeconds: 15,
      acquireTime: '2026-11-27T10:00:00.000000Z',
      renewTime: '2026-11-27T10:00:00.000000Z',
      leaseTransitions: 0,
    });
    a.stop.abort();
    await a.done;
  });

  it('a leader renews with one PUT per retry period, no GET first; a failed PUT falls back to GET + PUT (client-go fast path)', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    leases.calls.length = 0;
    await clock.advance(6000);
    expect(leases.calls).toEqual([`update ${NAME}`, `update ${NAME}`, `update ${NAME}`]);
    const stored = leases.objects.get(`${NS}/${NAME}`);
    if (stored?.metadata === undefined) throw new Error('no lease');
    leases.objects.set(`${NS}/${NAME}`, { ...stored, metadata: { ...stored.metadata, resourceVersion: '999' } }); // written behind our back
    leases.calls.length = 0;
    await clock.advance(2000);
    expect(leases.calls).toEqual([`update ${NAME}`, `get ${NAME}`, `update ${NAME}`]);
    expect(a.elector.isLeader()).toBe(true);
    a.stop.abort();
    await a.done;
  });

  it.each([
    { random: 0, delayMs: 2000 },
    { random: 0.5, delayMs: 3200 },
    { random: 0.999, delayMs: 4397.6 },
  ])('a standby candidate waits 2 s · (1 + 1.2 · $random) = $delayMs ms between attempts', ({ random, delayMs }) => {
    expect(acquireRetryDelayMs(2000, random)).toBeCloseTo(delayMs, 6);
  });

  it('a standby candidate polls the held Lease with jitter: 10 GETs in 32 s at random 0.5, not 16', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    const b = candidate('b', leases, clock, 0.5);
    await flushPromises();
    leases.calls.length = 0; // the leader renews with PUTs only, so every GET from here on is b's
    await clock.advance(32_000);
    expect(leases.calls.filter((c) => c.startsWith('get'))).toHaveLength(10);
    for (const c of [a, b]) c.stop.abort();
    await Promise.all([a.done, b.done]);
  });

  it('renews every retry period (2 s) while leading, keeping acquireTime', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    await clock.advance(6000);
    expect(leases.calls.filter((c) => c.startsWith('update')).length).toBe(3);
    expect(leases.objects.get(`${NS}/${NAME}`)?.spec).toMatchObject({ acquireTime: microTime(0), renewTime: microTime(6000) });
    a.stop.abort();
    await a.done;
  });

  it('a second candidate waits while the lease is fresh, then takes it 15 s after the leader stops renewing', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    const b = candidate('b', leases, clock);
    await clock.advance(10_000);
    expect(b.log).toEqual(['leader a']);
    a.stop.abort(); // Argo does not release on cancel: b must wait for expiry
    await a.done;
    expect(a.log).toEqual(['leader a', 'started', 'stopped']);
    const abortedAt = clock.now();
    while (!b.elector.isLeader() && clock.now() - abortedAt < 60_000) await clock.advance(2000);
    const waitedMs = clock.now() - abortedAt;
    expect(waitedMs).toBeGreaterThanOrEqual(14_000);
    expect(waitedMs).toBeLessThanOrEqual(18_000);
    expect(b.log).toEqual(['leader a', 'leader b', 'started']);
    expect(leases.objects.get(`${NS}/${NAME}`)?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    b.stop.abort();
    await b.done;
    expect(b.log.at(-1)).toBe('stopped');
  });

  it('a candidate that never led still gets onStoppedLeading when stopped', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    const b = candidate('b', leases, clock);
    await clock.advance(4000);
    b.stop.abort();
    await b.done;
    expect(b.log).toEqual(['leader a', 'stopped']);
    a.stop.abort();
    await a.done;
  });

  it('stops leading at the renew deadline even when the renewal request never answers', async () => {
    const clock = new FakeClock(0);
    const leases = new HangingLeases(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    expect(a.elector.isLeader()).toBe(true);
    leases.hang = true;
    for (let i = 0; i < 10 && a.log.at(-1) !== 'stopped'; i++) await clock.advance(2000);
    expect([a.elector.isLeader(), a.signal()?.aborted, a.log.at(-1)]).toEqual([false, true, 'stopped']);
    expect(leases.hung).toBeGreaterThanOrEqual(1);
  });

  it('stops leading when renewals fail for the renew deadline (10 s), aborting the leading signal', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    const a = candidate('a', leases, clock);
    await flushPromises();
    leases.failWrites = new KubeError(500, 'InternalError', 'etcd unavailable');
    await clock.advance(8000);
    expect([a.elector.isLeader(), a.signal()?.aborted]).toEqual([true, false]);
    await clock.advance(2000);
    await a.done;
    expect([a.elector.isLeader(), a.signal()?.aborted, a.log.at(-1)]).toEqual([false, true, 'stopped']);
  });

  it('loses the round on a write conflict instead of overwriting another holder', async () => {
    const clock = new FakeClock(0);
    const leases = new MemoryClient<Lease>(Resources.leases);
    await leases.create(NS, { metadata: { name: NAME }, spec: { holderIdentity: 'old', leaseDurationSeconds: 15, renewTime: microTime(0) } });
    const e = new LeaderElector({ leases, namespace: NS, name: NAME, identity: 'me', clock, callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined } });
    expect(await e.tryAcquireOrRenew()).toBe(false); // first sight: fresh
    await clock.advance(15_000);
    const realUpdate = leases.update.bind(leases);
    leases.update = async (obj) => {
      await leases.patchMerge(NS, NAME, { spec: { renewTime: 'someone-else' } });
      return realUpdate(obj);
    };
    expect(await e.tryAcquireOrRenew()).toBe(false);
    expect(leases.objects.get(`${NS}/${NAME}`)?.spec?.holderIdentity).toBe('old');
  });

  it('rejects inconsistent timings', () => {
    const leases = new MemoryClient<Lease>(Resources.leases);
    const base = { leases, namespace: NS, name: NAME, clock: new FakeClock(), callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined } };
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).toThrow(/leaseDuration/);
    expect(() => new LeaderElector({ ...base, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 })).toThrow(/renewDeadline/);
    expect(new LeaderElector(base).identity).toMatch(/^.+_[0-9a-f-]{36}$/);
  });
});
