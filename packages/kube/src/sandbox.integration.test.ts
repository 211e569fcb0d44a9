/**
 * @serin/kube against the real sandbox API server (HTTP, client-node's HTTP stack, real watches).
 * The sandbox is a devDependency only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KubeClient, createKubeClient } from './client-factory.js';
import { systemClock } from './clock.js';
import { FakeClock } from './fake-clock.js';
import { isAlreadyExists, isConflict, isNotFound } from './errors.js';
import { createEventRecorder } from './event-recorder.js';
import { InformerFactory } from './informer-factory.js';
import { LeaderElector } from './leader-election.js';
import { kubeConfigForServer } from './kubeconfig.js';
import { leaseLockName } from './selectors.js';
import { startFaultProxy, until } from './test-support/fault-proxy.js';

let sandbox: Sandbox;
let client: KubeClient;
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(async () => {
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'serin-kube-')), 'kubeconfig');
  sandbox = await startSandbox({ port: 0, kubeconfigPath, bookmarkIntervalMs: 3_600_000 });
  client = createKubeClient({ kubeconfigPath, qps: 0 });
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await sandbox.close();
});

const rs = (name: string, labels: Record<string, string> = { app: name }): V1ReplicaSet => ({
  metadata: { name, labels },
  spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

const hashed = (name: string, hash: string): V1ReplicaSet => rs(name, { app: 'demo', 'rollouts-pod-template-hash': hash });

describe('resource clients on the sandbox', () => {
  it('CRUD with merge patches, normalised errors, and a request count matching the server', async () => {
    const served: string[] = [];
    cleanups.push(sandbox.onRequest((r) => served.push(`${r.method} ${r.status}`)));
    const rsClient = client.clients.replicaSets;
    const created = await rsClient.create('default', rs('web'));
    expect(created.metadata?.uid).toBeTruthy();
    const patched = await rsClient.patchMerge('default', 'web', { metadata: { annotations: { 'rollout.argoproj.io/revision': '1' } } });
    expect(patched.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('1');
    const scaled = await rsClient.patchMerge('default', 'web', { spec: { replicas: 2 } });
    expect(scaled.spec?.replicas).toBe(2);

    const stale = { ...created, spec: { ...created.spec, replicas: 5 } } as V1ReplicaSet;
    expect(isConflict(await rsClient.update(stale).catch((e: unknown) => e))).toBe(true);
    expect(isAlreadyExists(await rsClient.create('default', rs('web')).catch((e: unknown) => e))).toBe(true);
    expect(isNotFound(await rsClient.get('default', 'nope').catch((e: unknown) => e))).toBe(true);
    await rsClient.delete('default', 'web');
    expect(isNotFound(await rsClient.get('default', 'web').catch((e: unknown) => e))).toBe(true);

    expect(client.requests.total()).toBe(served.length);
    expect(client.requests.total({ kind: 'replicasets', verb: 'Patch', statusCode: '200' })).toBe(2);
    expect(client.requests.total({ verb: 'Update', statusCode: '409' })).toBe(1);
  });
});

describe('informers on the sandbox', () => {
  it('list+watch caches only ReplicaSets with the pod-template-hash label', async () => {
    await client.clients.replicaSets.create('default', hashed('demo-aaa', 'aaa'));
    await client.clients.replicaSets.create('default', rs('unrelated'));
    const factory = new InformerFactory({ transport: client.transport, clock: systemClock(), minWatchMs: 0 });
    cleanups.push(() => factory.stop());
    const inf = factory.replicaSets();
    const adds: string[] = [];
    inf.addEventHandler({ add: (o) => adds.push(o.metadata?.name ?? '') });
    factory.start();
    await factory.waitForCacheSync();
    await client.clients.replicaSets.create('default', hashed('demo-bbb', 'bbb'));
    await client.clients.replicaSets.create('default', rs('unrelated-2'));
    await until(() => inf.lister.size() === 2);
    expect(inf.lister.list('default').map((o) => o.metadata?.name).sort()).toEqual(['demo-aaa', 'demo-bbb']);
    expect(adds).toEqual(['demo-aaa', 'demo-bbb']);
    expect(client.requests.total({ kind: 'replicasets', verb: 'List' })).toBe(1);
  });

  it('relists after 410 Expired and drops objects deleted while it was not watching', async () => {
    await client.clients.replicaSets.create('default', hashed('demo-aaa', 'aaa'));
    await client.clients.replicaSets.create('default', hashed('demo-bbb', 'bbb'));
    const factory = new InformerFactory({ transport: client.transport, clock: systemClock(), minWatchMs: 0 });
    cleanups.push(() => factory.stop());
    const inf = factory.replicaSets();
    const deletes: string[] = [];
    inf.addEventHandler({ delete: (o) => deletes.push(o.metadata?.name ?? '') });
    factory.start();
    await factory.waitForCacheSync();
    await until(() => sandbox.watches.activeWatches === 1);

    // Make the informer's resourceVersion too old: move on without it, forget history, drop its watch.
    const rsType = sandbox.api.type('apps', 'v1', 'replicasets');
    const cmType = sandbox.api.type('', 'v1', 'configmaps');
    sandbox.watches.closeAll();
    sandbox.api.delete(rsType, 'default', 'demo-bbb', {});
    sandbox.api.create(cmType, 'default', { metadata: { name: 'bump' } }, { fieldManager: 'test' });
    sandbox.store.compact();
    await until(() => inf.listCalls === 2 && inf.lister.size() === 1);
    expect(deletes).toEqual(['demo-bbb']);
    expect([inf.goneRelists, inf.failureRestarts]).toEqual([1, 0]);
    await until(() => client.requests.total({ verb: 'Watch', kind: 'replicasets' }) === 3);
  });

  it('restarts after a non-410 watch error with a fresh LIST', async () => {
    const proxy = await startFaultProxy(sandbox.url);
    cleanups.push(proxy.close);
    const viaProxy = createKubeClient({ kubeConfig: kubeConfigForServer(proxy.url), qps: 0 });
    await viaProxy.clients.replicaSets.create('default', hashed('demo-aaa', 'aaa'));
    const factory = new InformerFactory({ transport: viaProxy.transport, clock: systemClock(), restartInitialMs: 50, minWatchMs: 0 });
    cleanups.push(() => factory.stop());
    const inf = factory.forResource<V1ReplicaSet>(viaProxy.clients.replicaSets.resource);
    factory.start();
    await factory.waitForCacheSync();
    await until(() => sandbox.watches.activeWatches === 1);
    expect(inf.listCalls).toBe(1);

    proxy.failNextWatches(1);
    sandbox.watches.closeAll();
    await until(() => inf.listCalls === 2 && sandbox.watches.activeWatches === 1);
    expect(proxy.failedWatches()).toBe(1);
    expect([inf.goneRelists, inf.failureRestarts]).toEqual([0, 1]);
    await viaProxy.clients.replicaSets.create('default', hashed('demo-ccc', 'ccc'));
    await until(() => inf.lister.size() === 2);
    expect(viaProxy.requests.total({ verb: 'Watch', statusCode: '500' })).toBe(1);
    expect(viaProxy.requests.total({ verb: 'List', kind: 'replicasets' })).toBe(2);
  });
});

describe('leader election on the sandbox', () => {
  it('one of two candidates leads; the other takes over after the leader stops', async () => {
    const clock = systemClock();
    const started: string[] = [];
    const mk = (id: string): { e: LeaderElector; stop: AbortController; done: Promise<void> } => {
      const e = new LeaderElector({
        leases: client.clients.leases,
        namespace: 'kube-system',
        name: leaseLockName(''),
        identity: id,
        clock,
        leaseDurationMs: 600,
        renewDeadlineMs: 400,
        retryPeriodMs: 100,
        callbacks: { onStartedLeading: () => started.push(id), onStoppedLeading: () => undefined },
      });
      const stop = new AbortController();
      return { e, stop, done: e.run(stop.signal) };
    };
    const a = mk('a');
    await until(() => a.e.isLeader());
    const b = mk('b');
    cleanups.push(async () => {
      b.stop.abort();
      await b.done;
    });
    expect(b.e.isLeader()).toBe(false);
    a.stop.abort();
    await a.done;
    await until(() => b.e.isLeader());
    expect(started).toEqual(['a', 'b']);
    const lease = await client.clients.leases.get('kube-system', 'argo-rollouts-controller-lock');
    expect(lease.spec).toMatchObject({ holderIdentity: 'b', leaseDurationSeconds: 1, leaseTransitions: 1 });
  });
});

describe('event recorder on the sandbox', () => {
  it('writes one Event and patches count and lastTimestamp for a repeat', async () => {
    const recorder = createEventRecorder({ events: client.clients.events, clock: systemClock() });
    const ro = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo', namespace: 'default', uid: 'u-1' } };
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    recorder.event(ro, { reason: 'RolloutResumed' }, 'Rollout is resumed');
    await recorder.flush();
    const list = await client.clients.events.list('default');
    expect(list.items.map((e) => [e.reason, e.count, e.source?.component])).toEqual([
      ['RolloutPaused', 2, 'rollouts-controller'],
      ['RolloutResumed', 1, 'rollouts-controller'],
    ]);
  });
});

describe('client-go correlator and retry semantics on the sandbox', () => {
  const ro = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'demo', namespace: 'default', uid: 'u-1' } };

  it('occurrences the spam filter dropped still count: 30 in a burst, one more 5 min later ⇒ the Event says count 31', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 27, 10, 0, 0));
    const served: string[] = [];
    cleanups.push(sandbox.onRequest((r) => served.push(r.method)));
    const recorder = createEventRecorder({ events: client.clients.events, clock });
    for (let i = 0; i < 30; i++) recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    await clock.advance(300_000);
    recorder.event(ro, { reason: 'RolloutPaused' }, 'Rollout is paused (CanaryPauseStep)');
    await recorder.flush();
    const list = await client.clients.events.list('default');
    expect(list.items.map((e) => [e.reason, e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([['RolloutPaused', 31, '2026-11-27T10:00:00Z', '2026-11-27T10:05:00Z']]);
    expect(served.filter((m) => m === 'POST' || m === 'PATCH')).toHaveLength(26);
  });

  it('an Event write answered 500 is not retried (only unanswered writes are)', async () => {
    sandbox.admin.faults.configure({ writeFailureRate: 1, writeFailureCode: 500, resources: ['events'] });
    const clock = new FakeClock(Date.UTC(2026, 10, 27, 10, 0, 0));
    const recorder = createEventRecorder({ events: client.clients.events, clock });
    recorder.event(ro, { reason: 'RolloutUpdated' }, 'Rollout updated to revision 2');
    await recorder.flush();
    for (let i = 0; i < 3; i++) await clock.advance(10_000);
    await recorder.flush();
    expect(sandbox.admin.faults.injected).toBe(1);
  });

  it('a leader renews with PUTs alone, no GET before each', async () => {
    const served: string[] = [];
    cleanups.push(sandbox.onRequest((r) => served.push(r.method)));
    const e = new LeaderElector({
      leases: client.clients.leases,
      namespace: 'kube-system',
      name: leaseLockName(''),
      identity: 'a',
      clock: systemClock(),
      leaseDurationMs: 600,
      renewDeadlineMs: 400,
      retryPeriodMs: 50,
      callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined },
    });
    const stop = new AbortController();
    const done = e.run(stop.signal);
    await until(() => e.isLeader());
    served.length = 0;
    await until(() => served.filter((m) => m === 'PUT').length >= 5);
    stop.abort();
    await done;
    expect(served.filter((m) => m === 'GET')).toHaveLength(0);
  });
});
