import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox.js';
import { startSandbox } from '../sandbox.js';
import { send } from '../test-support/http.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, controllers: false });
});
afterEach(async () => {
  await sandbox.close();
});

const core = (path: string): string => `${sandbox.url}/api/v1${path}`;
const widgetsCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Cluster',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [
      { name: 'v1alpha1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    ],
  },
};

describe('resource routes over HTTP', () => {
  it('deletes a collection by label selector and returns the deleted items', async () => {
    for (const [name, tier] of [['a', 'web'], ['b', 'web'], ['c', 'db']]) {
      await send('POST', core('/namespaces/default/configmaps'), { metadata: { name, labels: { tier } } });
    }
    const r = await send('DELETE', core('/namespaces/default/configmaps?labelSelector=tier%3Dweb'));
    expect(r.status).toBe(200);
    expect((r.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['a', 'b']);
    const left = await send('GET', core('/namespaces/default/configmaps'));
    expect((left.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['c']);
  });

  it('evicts a pod through pods/{name}/eviction', async () => {
    await send('POST', core('/namespaces/default/pods'), { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const r = await send('POST', core('/namespaces/default/pods/p/eviction'), { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p' } });
    expect(r.status).toBe(201);
    expect((await send('GET', core('/namespaces/default/pods/p'))).status).toBe(404);
  });

  it('serves every version of a multi-version CRD from one storage, storage version preferred', async () => {
    await send('POST', `${sandbox.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, widgetsCrd);
    const created = await send('POST', `${sandbox.url}/apis/example.com/v1alpha1/widgets`, { apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w' }, size: 3 });
    expect(created.status).toBe(201);
    const asV1 = await send('GET', `${sandbox.url}/apis/example.com/v1/widgets/w`);
    expect(asV1.body).toMatchObject({ apiVersion: 'example.com/v1', kind: 'Widget', size: 3 });
    const group = await send('GET', `${sandbox.url}/apis/example.com`);
    expect(group.body['preferredVersion']).toEqual({ groupVersion: 'example.com/v1', version: 'v1' });
  });

  it.each([
    { name: 'a namespaced path for a cluster-scoped kind', method: 'GET', path: '/namespaces/default/nodes', status: 404 },
    { name: 'an unknown resource', method: 'GET', path: '/namespaces/default/gizmos', status: 404 },
    { name: 'an unknown subresource', method: 'GET', path: '/namespaces/default/configmaps/x/scale', status: 404 },
    { name: 'PUT on a collection', method: 'PUT', path: '/namespaces/default/configmaps', status: 405 },
  ])('answers $name with a $status Status', async ({ method, path, status }) => {
    const r = await send(method, core(path), method === 'PUT' ? {} : undefined);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ kind: 'Status', status: 'Failure', code: status });
  });

  it('writes status with PUT on /status, keeping the rest of the stored object', async () => {
    const created = await send('POST', core('/namespaces/default/pods'), { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const body = { ...created.body, spec: { containers: [] }, status: { phase: 'Running' } };
    const r = await send('PUT', core('/namespaces/default/pods/p/status'), body);
    expect(r.status).toBe(200);
    expect(r.body['status']).toEqual({ phase: 'Running' });
    expect((r.body['spec'] as { containers: unknown[] }).containers).toHaveLength(1);
  });

  it('scales with PUT on /scale and answers with a Scale', async () => {
    await send('POST', `${sandbox.url}/apis/apps/v1/namespaces/default/replicasets`, {
      metadata: { name: 'rs' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [] } } },
    });
    const r = await send('PUT', `${sandbox.url}/apis/apps/v1/namespaces/default/replicasets/rs/scale`, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'rs' }, spec: { replicas: 4 } });
    expect(r.body).toMatchObject({ kind: 'Scale', spec: { replicas: 4 }, status: { replicas: 0, selector: 'app=x' } });
    const rs = await send('GET', `${sandbox.url}/apis/apps/v1/namespaces/default/replicasets/rs`);
    expect(rs.body).toMatchObject({ spec: { replicas: 4 }, metadata: { generation: 2 } });
  });

  it('creates with server-side apply when the object is absent (201), then updates (200)', async () => {
    const url = core('/namespaces/default/configmaps/ssa?fieldManager=test');
    const first = await send('PATCH', url, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data: { a: '1' } }, 'application/apply-patch+yaml');
    expect(first.status).toBe(201);
    const second = await send('PATCH', url, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "2"\n', 'application/apply-patch+yaml');
    expect(second.status).toBe(200);
    expect(second.body['data']).toEqual({ a: '2' });
  });

  it('rejects a patch with an unsupported content type with 415', async () => {
    await send('POST', core('/namespaces/default/configmaps'), { metadata: { name: 'c' } });
    const r = await send('PATCH', core('/namespaces/default/configmaps/c'), '{}', 'text/plain');
    expect(r.status).toBe(415);
    expect(r.body['reason']).toBe('UnsupportedMediaType');
  });

  it.each([
    { name: 'a pod phase', path: '/pods?fieldSelector=status.phase%3DRunning', status: 200 },
    { name: 'an event involvedObject', path: '/namespaces/default/events?fieldSelector=involvedObject.kind%3DPod', status: 200 },
    { name: 'a field the kind does not index', path: '/pods?fieldSelector=spec.foo%3Dbar', status: 400 },
    { name: 'a pod field on configmaps', path: '/configmaps?fieldSelector=status.phase%3DRunning', status: 400 },
  ])('accepts field selectors per kind: $name → $status', async ({ path, status }) => {
    const r = await send('GET', core(path));
    expect(r.status).toBe(status);
    if (status === 400) expect(String(r.body['message'])).toMatch(/field selector ".*": field label not supported: /);
  });

  it('lets a custom resource be selected by its CRD selectableFields', async () => {
    const crd = structuredClone(widgetsCrd);
    const versions = crd.spec.versions as Record<string, unknown>[];
    for (const v of versions) v['selectableFields'] = [{ jsonPath: '.spec.color' }];
    await send('POST', `${sandbox.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, crd);
    for (const [name, color] of [['a', 'red'], ['b', 'blue']]) {
      await send('POST', `${sandbox.url}/apis/example.com/v1/widgets`, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { color } });
    }
    const r = await send('GET', `${sandbox.url}/apis/example.com/v1/widgets?fieldSelector=spec.color%3Dblue`);
    expect((r.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['b']);
  });
});
