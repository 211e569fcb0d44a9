import { ApiException, CoreV1Api, makeInformer } from '@kubernetes/client-node';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterHarness } from '../controllers/test-harness.js';
import { clusterHarness, eventually } from '../controllers/test-harness.js';
import { FaultInjector } from './faults.js';
import type { RequestInfo } from './request-info.js';

const write = (resource = 'configmaps'): RequestInfo => ({ verb: 'update', group: '', resource, subresource: '', isWrite: true });
const read: RequestInfo = { verb: 'get', group: '', resource: 'configmaps', subresource: '', isWrite: false };

describe('FaultInjector', () => {
  it.each([
    { rate: 0.2, writes: 100, failed: 20 },
    { rate: 0.5, writes: 10, failed: 5 },
    { rate: 1, writes: 7, failed: 7 },
    { rate: 0, writes: 50, failed: 0 },
    { rate: 0.3, writes: 10, failed: 3 },
  ])('fails exactly ⌊$writes × $rate⌋ writes', ({ rate, writes, failed }) => {
    const f = new FaultInjector({ writeFailureRate: rate });
    let n = 0;
    for (let i = 0; i < writes; i++) if (f.failureFor(write()) !== undefined) n++;
    expect(n).toBe(failed);
    expect(f.injected).toBe(failed);
  });

  it('never fails reads, and only the selected resources', () => {
    const f = new FaultInjector({ writeFailureRate: 1, resources: ['pods'] });
    expect(f.failureFor(read)).toBeUndefined();
    expect(f.failureFor(write('configmaps'))).toBeUndefined();
    expect(f.failureFor(write('pods'))?.code).toBe(409);
  });

  it('answers 500 InternalError when asked', () => {
    const f = new FaultInjector({ writeFailureRate: 1, writeFailureCode: 500 });
    expect(f.failureFor(write())?.status).toMatchObject({ code: 500, reason: 'InternalError' });
  });

  it.each([{ writeFailureRate: 2 }, { writeFailureRate: -0.1 }, { latencyMs: -1 }])('rejects %o', (opts) => {
    expect(() => new FaultInjector(opts)).toThrow(RangeError);
  });
});

let h: ClusterHarness;
beforeEach(async () => {
  h = await clusterHarness({ podReadyMs: 50 });
});
afterEach(async () => {
  await h.close();
});

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${h.sandbox.url}/serin/${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}) });
  expect(res.status).toBe(200);
  return res.json();
}

/** The tiny client under test: read-modify-write that retries on 409 Conflict. */
async function incrementWithRetry(core: CoreV1Api, name: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const cm = await core.readNamespacedConfigMap({ name, namespace: 'default' });
    const next: V1ConfigMap = { ...cm, data: { count: String(Number(cm.data?.['count'] ?? '0') + 1) } };
    try {
      await core.replaceNamespacedConfigMap({ name, namespace: 'default', body: next });
      return attempt;
    } catch (err) {
      if (err instanceof ApiException && err.code === 409) continue;
      throw err;
    }
  }
}

describe('fault injection over HTTP', () => {
  it('with 20 % of writes answered 409, a client that retries on conflict still converges', async () => {
    const core = h.kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'counter' }, data: { count: '0' } } });
    expect(await admin('PUT', 'faults', { writeFailureRate: 0.2, writeFailureCode: 409 })).toEqual({ writeFailureRate: 0.2, writeFailureCode: 409, latencyMs: 0, resources: [] });
    let attempts = 0;
    for (let i = 0; i < 40; i++) attempts += await incrementWithRetry(core, 'counter');
    const final = await core.readNamespacedConfigMap({ name: 'counter', namespace: 'default' });
    expect(final.data?.['count']).toBe('40');
    // every 5th write fails: 49 writes = 40 successes + ⌊49 / 5⌋ = 9 conflicts
    expect(attempts).toBe(49);
    const faults = (await admin('GET', 'faults')) as { injected: number };
    expect(faults.injected).toBe(9);
    const updates = h.sandbox.admin.accounting.snapshot().requests.find((r) => r.verb === 'update' && r.resource === 'configmaps');
    expect(updates?.codes).toEqual({ '200': 40, '409': 9 });
  });

  it('kubectl reports an injected 500', async () => {
    await admin('PUT', 'faults', { writeFailureRate: 1, writeFailureCode: 500 });
    const r = await h.kubectl(['create', 'configmap', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Internal error occurred: injected fault (serin-sandbox)');
    await admin('DELETE', 'faults');
    expect((await h.kubectl(['create', 'configmap', 'x'])).stdout).toBe('configmap/x created\n');
  });

  it('adds latency to every request', async () => {
    await admin('PUT', 'faults', { latencyMs: 60 });
    await h.kubectl(['get', 'cm']);
    const rows = h.sandbox.admin.accounting.snapshot().requests.filter((r) => r.userAgent.startsWith('kubectl/'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.latency.buckets['0.05']).toBe(0);
  });

  it('after a compaction a client-node informer relists (counted by request accounting)', async () => {
    const core = h.kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(h.kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const seen = new Set<string>();
    informer.on('add', (cm) => seen.add(cm.metadata?.name ?? ''));
    await informer.start();
    const lists = (): number => h.sandbox.admin.accounting.count({ verb: 'list', resource: 'configmaps' });
    const watches = (): number => h.sandbox.admin.accounting.count({ verb: 'watch', resource: 'configmaps' });
    await eventually('watch open', () => (h.sandbox.watches.activeWatches > 0 ? true : undefined));
    expect(lists()).toBe(1);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before' } } });
    await eventually('informer saw it', () => (seen.has('before') ? true : undefined));
    // the cluster moves on (a write the configmap watch does not see), then history is compacted past the
    // informer's resourceVersion
    await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'unrelated' } } });

    expect(await admin('POST', 'compact')).toMatchObject({ ok: true });
    await admin('POST', 'watches/close');
    await eventually('relist', () => (lists() === 2 ? true : undefined));
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after' } } });
    await eventually('informer saw the new object', () => (seen.has('after') ? true : undefined));
    await informer.stop();
    expect(lists()).toBe(2);
    expect(watches()).toBeGreaterThanOrEqual(2);
  });

  it('pauses and resumes the kubelet', async () => {
    expect(await admin('POST', 'kubelet/pause')).toEqual({ ok: true, paused: true });
    await h.kubectl(['run', 'solo', '--image=nginx:1.25']);
    await new Promise((r) => setTimeout(r, 200));
    const held = h.sandbox.store.get('/pods', 'default', 'solo');
    expect(held?.['spec']).not.toHaveProperty('nodeName');
    expect(held?.['status']).not.toHaveProperty('conditions');
    expect(await admin('POST', 'kubelet/resume')).toEqual({ ok: true, paused: false });
    const r = await h.kubectl(['wait', '--for=condition=Ready', 'pod/solo', '--timeout=10s']);
    expect(r.stdout).toBe('pod/solo condition met\n');
  });
});

describe('request accounting endpoints', () => {
  it('serves JSON counters per verb × resource × user agent and Prometheus text at /metrics', async () => {
    await h.kubectl(['create', 'configmap', 'a']);
    await h.kubectl(['create', 'configmap', 'b']);
    const snap = (await admin('GET', 'requests')) as { requests: { verb: string; resource: string; userAgent: string; count: number; codes: Record<string, number> }[] };
    const creates = snap.requests.find((r) => r.verb === 'create' && r.resource === 'configmaps');
    expect(creates).toMatchObject({ count: 2, codes: { '201': 2 } });
    expect(creates?.userAgent).toMatch(/^kubectl\/v1\.\d+/);
    const metrics = await (await fetch(`${h.sandbox.url}/metrics`)).text();
    expect(metrics).toContain('# TYPE serin_sandbox_requests_total counter');
    expect(metrics).toMatch(/^serin_sandbox_requests_total\{verb="create",group="",resource="configmaps",subresource="",user_agent="kubectl\/[^"]+",code="201"\} 2$/m);
    expect(metrics).toMatch(/^serin_sandbox_request_duration_seconds_count\{verb="create",group="",resource="configmaps",subresource="",user_agent="kubectl\/[^"]+"\} 2$/m);
    await admin('DELETE', 'requests');
    expect(((await admin('GET', 'requests')) as { total: number }).total).toBe(0);
  });
});
