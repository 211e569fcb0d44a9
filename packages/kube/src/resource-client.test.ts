import type { Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { createResourceClients } from './clients.js';
import { KubeError, isAlreadyExists, isConflict, isNotFound } from './errors.js';
import { RecordingTransport, json, status } from './test-support/recording-transport.js';

const rollout = { metadata: { name: 'demo', namespace: 'ns1', resourceVersion: '7' }, spec: {} } as Rollout;

function setup(respond = (): ReturnType<typeof json> => json(200, rollout)) {
  const transport = new RecordingTransport(respond);
  return { transport, clients: createResourceClients(transport) };
}

describe('resource clients', () => {
  it('patchMerge sends application/merge-patch+json to the object', async () => {
    const { transport, clients } = setup();
    await clients.rollouts.patchMerge('ns1', 'demo', { spec: { paused: true } });
    expect(transport.requests).toEqual([
      { method: 'PATCH', path: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo', query: { fieldManager: undefined, dryRun: undefined }, body: { spec: { paused: true } }, contentType: 'application/merge-patch+json' },
    ]);
  });

  it('patchStatusMerge targets the /status subresource with a merge patch', async () => {
    const { transport, clients } = setup();
    await clients.rollouts.patchStatusMerge('ns1', 'demo', { status: { phase: 'Paused' } });
    expect(transport.requests[0]).toMatchObject({ method: 'PATCH', path: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo/status', contentType: 'application/merge-patch+json', body: { status: { phase: 'Paused' } } });
  });

  it('create POSTs to the collection and fills apiVersion/kind', async () => {
    const { transport, clients } = setup(() => json(201, {}));
    await clients.replicaSets.create('ns1', { metadata: { name: 'demo-abc' } });
    expect(transport.requests[0]).toMatchObject({ method: 'POST', path: '/apis/apps/v1/namespaces/ns1/replicasets', body: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'demo-abc' } } });
  });

  it('update PUTs the object with its resourceVersion (optimistic concurrency)', async () => {
    const { transport, clients } = setup();
    await clients.rollouts.update(rollout);
    expect(transport.requests[0]).toMatchObject({ method: 'PUT', path: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo', body: { metadata: { resourceVersion: '7' } } });
  });

  it('list passes selectors and always returns an items array', async () => {
    const { transport, clients } = setup(() => json(200, { kind: 'PodList', metadata: { resourceVersion: '12' } }));
    const list = await clients.pods.list('ns1', { labelSelector: 'rollouts-pod-template-hash' });
    expect(list.items).toEqual([]);
    expect(list.metadata?.resourceVersion).toBe('12');
    expect(transport.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/namespaces/ns1/pods', query: { labelSelector: 'rollouts-pod-template-hash' } });
  });

  it('delete sends DeleteOptions with propagation and a uid precondition', async () => {
    const { transport, clients } = setup(() => json(200, { kind: 'Status', status: 'Success' }));
    await clients.analysisRuns.delete('ns1', 'run', { propagationPolicy: 'Background', uid: 'u-1' });
    expect(transport.requests[0]).toMatchObject({ method: 'DELETE', path: '/apis/argoproj.io/v1alpha1/namespaces/ns1/analysisruns/run', body: { kind: 'DeleteOptions', propagationPolicy: 'Background', preconditions: { uid: 'u-1' } } });
  });

  it('custom objects (Istio) honour the configured API version', async () => {
    const transport = new RecordingTransport(() => json(200, {}));
    const clients = createResourceClients(transport, { istioApiVersion: 'v1beta1' });
    await clients.virtualServices.get('ns1', 'vs');
    expect(transport.requests[0]?.path).toBe('/apis/networking.istio.io/v1beta1/namespaces/ns1/virtualservices/vs');
  });

  it.each([
    { name: 'NotFound', resp: status(404, 'NotFound', 'rollouts.argoproj.io "demo" not found'), check: isNotFound },
    { name: 'Conflict', resp: status(409, 'Conflict', 'Operation cannot be fulfilled'), check: isConflict },
    { name: 'AlreadyExists', resp: status(409, 'AlreadyExists', 'replicasets.apps "x" already exists'), check: isAlreadyExists },
  ])('non-2xx answers throw a KubeError ($name)', async ({ resp, check }) => {
    const { clients } = setup(() => resp);
    const err = await clients.rollouts.get('ns1', 'demo').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(check(err)).toBe(true);
  });

  it('transport failures are normalised too', async () => {
    const transport = new RecordingTransport(() => Promise.reject(new Error('socket hang up')));
    const err = await createResourceClients(transport).pods.get('ns1', 'p').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'KubeError', code: 0, reason: 'Unknown', message: 'socket hang up' });
  });
});
