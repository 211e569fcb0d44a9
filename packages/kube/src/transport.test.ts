import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeClient } from './client-factory.js';
import { isNotFound } from './errors.js';
import { FakeClock } from './fake-clock.js';
import { kubeConfigForServer } from './kubeconfig.js';
import { sendJson, startHttpServer } from './test-support/http-server.js';
import { type WatchEvent, clientNodeTransport } from './transport.js';
import { createResourceClients } from './clients.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('client-node transport (real HTTP)', () => {
  it('sends merge patches with application/merge-patch+json and counts every request by verb and resource', async () => {
    const srv = await startHttpServer((req, res) => {
      if (req.url.endsWith('/missing')) sendJson(res, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'rollouts.argoproj.io "missing" not found' });
      else sendJson(res, 200, { metadata: { name: 'demo', namespace: 'ns1' }, items: [] });
    });
    close = srv.close;
    const client = createKubeClient({ kubeConfig: kubeConfigForServer(srv.url), qps: 0 });
    await client.clients.rollouts.patchMerge('ns1', 'demo', { spec: { paused: true } });
    await client.clients.rollouts.patchStatusMerge('ns1', 'demo', { status: { phase: 'Paused' } });
    await client.clients.rollouts.list('ns1', { labelSelector: '!argo-rollouts.argoproj.io/controller-instance-id' });
    const err = await client.clients.rollouts.get('ns1', 'missing').catch((e: unknown) => e);

    expect(isNotFound(err)).toBe(true);
    expect(srv.seen.map((r) => [r.method, decodeURIComponent(r.url), r.contentType ?? '', r.body])).toEqual([
      ['PATCH', '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo', 'application/merge-patch+json', '{"spec":{"paused":true}}'],
      ['PATCH', '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo/status', 'application/merge-patch+json', '{"status":{"phase":"Paused"}}'],
      ['GET', '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts?labelSelector=!argo-rollouts.argoproj.io/controller-instance-id', '', ''],
      ['GET', '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/missing', '', ''],
    ]);
    expect(client.requests.total({ verb: 'Patch', kind: 'rollouts', name: 'demo', statusCode: '200' })).toBe(2);
    expect(client.requests.total({ verb: 'List', name: 'N/A' })).toBe(1);
    expect(client.requests.total({ verb: 'Get', statusCode: '404' })).toBe(1);
  });

  it('generated client-node APIs built from apiConfiguration share the limiter and the counter', async () => {
    const srv = await startHttpServer((_req, res) => sendJson(res, 200, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } }));
    close = srv.close;
    const client = createKubeClient({ kubeConfig: kubeConfigForServer(srv.url), qps: 0 });
    const core = new CoreV1Api(client.apiConfiguration);
    const pod = await core.readNamespacedPod({ namespace: 'ns1', name: 'p' });
    expect(pod.metadata?.name).toBe('p');
    expect(client.requests.total({ verb: 'Get', kind: 'pods', name: 'p', statusCode: '200' })).toBe(1);
  });

  it('streams watch events, counts the watch, and reports a 410 through onDone', async () => {
    const srv = await startHttpServer((req, res) => {
      if (req.url.includes('resourceVersion=1')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '2' } } })}\n`);
        res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } })}\n`);
      } else {
        sendJson(res, 410, { kind: 'Status', code: 410, reason: 'Gone' });
      }
    });
    close = srv.close;
    const client = createKubeClient({ kubeConfig: kubeConfigForServer(srv.url), qps: 0 });
    const events: WatchEvent[] = [];
    const done1 = new Promise<unknown>((resolve) => void client.transport.watch('/api/v1/pods', { resourceVersion: '1' }, (e) => events.push(e), resolve));
    expect(await done1).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ERROR']);
    const done2 = new Promise<unknown>((resolve) => void client.transport.watch('/api/v1/pods', { resourceVersion: '9' }, () => undefined, resolve));
    expect(await done2).toMatchObject({ statusCode: 410 });
    expect(client.requests.total({ verb: 'Watch', kind: 'pods' })).toBe(2);
  });
});

describe('request timeout', () => {
  it('aborts a request the server never answers and reports it as a KubeError', async () => {
    const srv = await startHttpServer(() => undefined); // never responds
    close = srv.close;
    const kc = kubeConfigForServer(srv.url);
    const transport = clientNodeTransport({ kubeConfig: kc, requestTimeoutMs: 50 });
    const err = await createResourceClients(transport).pods.get('ns1', 'p').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'KubeError', code: 0 });
  });
});

describe('rate limiting on the wire', () => {
  it('holds requests beyond the burst until the bucket refills (typed clients and generated APIs alike)', async () => {
    const srv = await startHttpServer((_req, res) => sendJson(res, 200, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } }));
    close = srv.close;
    const clock = new FakeClock();
    const client = createKubeClient({ kubeConfig: kubeConfigForServer(srv.url), qps: 10, burst: 2, clock });
    const core = new CoreV1Api(client.apiConfiguration);
    const all = Promise.all([
      client.clients.pods.get('ns1', 'p'),
      client.clients.pods.get('ns1', 'p'),
      core.readNamespacedPod({ namespace: 'ns1', name: 'p' }),
      client.clients.pods.get('ns1', 'p'),
    ]);
    /** Wait for `n` requests to reach the server, then give extra ones a chance to show up. */
    const served = async (n: number): Promise<number> => {
      for (let i = 0; i < 200 && srv.seen.length < n; i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20));
      return srv.seen.length;
    };
    await clock.advance(0);
    expect(await served(2)).toBe(2);
    await clock.advance(100);
    expect(await served(3)).toBe(3);
    await clock.advance(100);
    await all;
    expect(await served(4)).toBe(4);
  });
});

describe('server-requested retries (client-go REST client: 429/5xx with Retry-After, at most 10 retries)', () => {
  const pending = (): unknown => ({ kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'Too many requests, please try again later.' });

  it.each([
    { name: '429 Retry-After: 0 twice, then 200 → one call, 3 requests, success', answers: [429, 429, 200], retryAfter: '0', requests: 3, ok: true },
    { name: '504 Retry-After: 0 once, then 200 → 2 requests, success', answers: [504, 200], retryAfter: '0', requests: 2, ok: true },
    { name: '500 without Retry-After → 1 request, the error surfaces', answers: [500, 200], retryAfter: undefined, requests: 1, ok: false },
    { name: '429 Retry-After: 0 every time → 11 requests, then the 429 surfaces', answers: Array.from({ length: 20 }, () => 429), retryAfter: '0', requests: 11, ok: false },
  ])('$name', async ({ answers, retryAfter, requests, ok }) => {
    let n = 0;
    const srv = await startHttpServer((_req, res) => {
      const status = answers[Math.min(n++, answers.length - 1)] ?? 200;
      if (status === 200) {
        sendJson(res, 200, { metadata: { name: 'demo', namespace: 'ns1' } });
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) });
      res.end(JSON.stringify(pending()));
    });
    close = srv.close;
    const client = createKubeClient({ kubeConfig: kubeConfigForServer(srv.url), qps: 0 });
    const result = await client.clients.rollouts.patchMerge('ns1', 'demo', { spec: { paused: true } }).then(
      () => 'ok',
      () => 'error',
    );
    expect(result).toBe(ok ? 'ok' : 'error');
    expect(srv.seen).toHaveLength(requests);
    expect(srv.seen.every((r) => r.body === '{"spec":{"paused":true}}')).toBe(true);
  });

  it('generated client-node APIs on apiConfiguration retry the same way, and every try is counted', async () => {
    let n = 0;
    const srv = await startHttpServer((_req, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify(pending()));
      } else sendJson(res, 200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns1' } });
    });
    close = srv.close;
    const client = createKubeClient({ kubeConfig: kubeConfigForServer(srv.url), qps: 0 });
    const cm = await new CoreV1Api(client.apiConfiguration).readNamespacedConfigMap({ name: 'cm', namespace: 'ns1' });
    expect(cm.metadata?.name).toBe('cm');
    expect(srv.seen).toHaveLength(2);
    expect([client.requests.total({ verb: 'Get', statusCode: '429' }), client.requests.total({ verb: 'Get', statusCode: '200' })]).toEqual([1, 1]);
  });
});
