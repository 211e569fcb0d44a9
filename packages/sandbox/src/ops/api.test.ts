import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiError } from '../errors.js';
import { Registry } from '../registry.js';
import { Store } from '../store.js';
import type { KubeObject } from '../types.js';
import { SandboxApi } from './api.js';
import { PatchType } from './patch.js';

const crd: unknown = parse(readFileSync(new URL('../__fixtures__/rollout-crd.yaml', import.meta.url), 'utf8'));

function setup(): { api: SandboxApi; store: Store; events: string[] } {
  const store = new Store();
  const api = new SandboxApi({ store, registry: new Registry(), now: () => new Date('2026-01-01T00:00:00Z') });
  api.create(api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: 'default' } });
  api.create(api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'), undefined, crd);
  const events: string[] = [];
  store.onChange((c) => events.push(`${c.type} ${c.object.metadata.name ?? ''}`));
  return { api, store, events };
}

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

const rollout = (spec: Record<string, unknown> = { replicas: 1 }): Record<string, unknown> => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'demo' },
  spec,
  status: { phase: 'ignored' },
});

describe('SandboxApi write semantics', () => {
  it('sets server metadata on create and drops status for types with a status subresource', () => {
    const { api } = setup();
    const { object } = api.create(api.type('argoproj.io', 'v1alpha1', 'rollouts'), 'default', rollout());
    expect(object.metadata).toMatchObject({ name: 'demo', namespace: 'default', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' });
    expect(object.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(object['status']).toBeUndefined();
  });

  it('bumps generation on spec changes only', () => {
    const { api } = setup();
    const ro = api.type('argoproj.io', 'v1alpha1', 'rollouts');
    api.create(ro, 'default', rollout());
    const merge = (patch: unknown, subresource?: 'status'): KubeObject =>
      api.patch(ro, 'default', 'demo', patch, PatchType.Merge, subresource !== undefined ? { subresource } : {}).object;
    expect(merge({ metadata: { labels: { a: 'b' } } }).metadata.generation).toBe(1);
    expect(merge({ status: { phase: 'Healthy' } }, 'status').metadata.generation).toBe(1);
    expect(merge({ spec: { replicas: 2 } }).metadata.generation).toBe(2);
  });

  it('treats a write that changes nothing as a no-op: same resourceVersion, no event', () => {
    const { api, events } = setup();
    const ro = api.type('argoproj.io', 'v1alpha1', 'rollouts');
    const created = api.create(ro, 'default', rollout()).object;
    events.length = 0;
    const same = api.patch(ro, 'default', 'demo', { spec: { replicas: 1 } }, PatchType.Merge).object;
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(events).toEqual([]);
  });

  it('ignores status on the main path and spec on the status path', () => {
    const { api } = setup();
    const ro = api.type('argoproj.io', 'v1alpha1', 'rollouts');
    api.create(ro, 'default', rollout());
    api.patch(ro, 'default', 'demo', { status: { phase: 'Healthy' } }, PatchType.Merge, { subresource: 'status' });
    api.patch(ro, 'default', 'demo', { status: { phase: 'Degraded' } }, PatchType.Merge);
    api.patch(ro, 'default', 'demo', { spec: { replicas: 5 } }, PatchType.Merge, { subresource: 'status' });
    const now = api.get(ro, 'default', 'demo');
    expect(now['status']).toEqual({ phase: 'Healthy' });
    expect(now['spec']).toMatchObject({ replicas: 1 });
  });

  it('rejects a stale resourceVersion with 409 Conflict', () => {
    const { api } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    const first = api.create(cm, 'default', { metadata: { name: 'c' }, data: { a: '1' } }).object;
    api.update(cm, 'default', 'c', { ...first, data: { a: '2' } });
    const err = thrown(() => api.update(cm, 'default', 'c', { ...first, data: { a: '3' } }));
    expect(err.status).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'c', kind: 'configmaps' },
    });
  });

  it('requires a resourceVersion to update a custom resource', () => {
    const { api } = setup();
    const ro = api.type('argoproj.io', 'v1alpha1', 'rollouts');
    api.create(ro, 'default', rollout());
    const err = thrown(() => api.update(ro, 'default', 'demo', rollout({ replicas: 4 })));
    expect(err.status.message).toBe('Rollout.argoproj.io "demo" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it('generates names from generateName', () => {
    const { api } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    const name = api.create(cm, 'default', { metadata: { generateName: 'web-' } }).object.metadata.name ?? '';
    expect(name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('validates without persisting under dryRun=All', () => {
    const { api, store } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    const before = store.resourceVersion;
    api.create(cm, 'default', { metadata: { name: 'dry' } }, { dryRun: true });
    expect(store.resourceVersion).toBe(before);
    expect(thrown(() => api.get(cm, 'default', 'dry')).code).toBe(404);
  });

  it.each([
    { name: 'uid', pre: { uid: 'other' }, message: /Precondition failed: UID in precondition: other, UID in object meta: / },
    { name: 'resourceVersion', pre: { resourceVersion: '1' }, message: /Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \d+/ },
  ])('refuses a delete whose $name precondition does not hold', ({ pre, message }) => {
    const { api } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    api.create(cm, 'default', { metadata: { name: 'c' } });
    const err = thrown(() => api.delete(cm, 'default', 'c', { preconditions: pre }));
    expect(err.code).toBe(409);
    expect(err.message).toMatch(message);
  });

  it('marks an object with finalizers for deletion and deletes it when the last one goes', () => {
    const { api, events } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    api.create(cm, 'default', { metadata: { name: 'held', finalizers: ['example.com/x'] } });
    const marked = api.delete(cm, 'default', 'held');
    expect(marked.deleted).toBe(false);
    expect(marked.object.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    api.patch(cm, 'default', 'held', [{ op: 'remove', path: '/metadata/finalizers' }], PatchType.Json);
    expect(thrown(() => api.get(cm, 'default', 'held')).code).toBe(404);
    expect(events).toEqual(['ADDED held', 'MODIFIED held', 'DELETED held']);
  });

  it('rejects annotations over 256 KiB with FieldValueTooLong', () => {
    const { api } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    const err = thrown(() => api.create(cm, 'default', { metadata: { name: 'big', annotations: { a: 'x'.repeat(262_144) } } }));
    expect(err.status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'ConfigMap "big" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes',
      details: { kind: 'ConfigMap', name: 'big', causes: [{ reason: 'FieldValueTooLong', field: 'metadata.annotations' }] },
    });
  });

  it('refuses creation in a terminating namespace and in a missing one', () => {
    const { api, store } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    expect(thrown(() => api.create(cm, 'gone', { metadata: { name: 'c' } })).message).toBe('namespaces "gone" not found');
    const ns = store.get('/namespaces', undefined, 'default');
    if (ns === undefined) throw new Error('no default namespace');
    store.put('/namespaces', { ...ns, metadata: { ...ns.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } });
    expect(thrown(() => api.create(cm, 'default', { metadata: { name: 'c' } })).code).toBe(403);
  });

  it('rejects invalid names with the RFC 1123 message', () => {
    const { api } = setup();
    const err = thrown(() => api.create(api.type('', 'v1', 'configmaps'), 'default', { metadata: { name: 'Bad_Name' } }));
    expect(err.code).toBe(422);
    expect(err.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });

  it('drops every custom resource when its CRD is deleted', () => {
    const { api, store } = setup();
    api.create(api.type('argoproj.io', 'v1alpha1', 'rollouts'), 'default', rollout());
    api.delete(api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'), undefined, 'rollouts.argoproj.io');
    expect(store.count('argoproj.io/rollouts')).toBe(0);
    expect(thrown(() => api.type('argoproj.io', 'v1alpha1', 'rollouts')).code).toBe(404);
  });

  it('keeps a Service cluster IP when an update omits it', () => {
    const { api } = setup();
    const svc = api.type('', 'v1', 'services');
    const created = api.create(svc, 'default', { metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }).object;
    const ip = (created['spec'] as { clusterIP: string }).clusterIP;
    const updated = api.update(svc, 'default', 's', { metadata: { name: 's' }, spec: { ports: [{ port: 8080 }] } }).object;
    expect(updated['spec']).toMatchObject({ clusterIP: ip, clusterIPs: [ip], ports: [{ port: 8080, protocol: 'TCP', targetPort: 8080 }] });
  });

  it.each([
    { name: 'a value with a space', labels: { app: 'my app' }, ok: false },
    { name: 'a value of 64 characters', labels: { app: 'x'.repeat(64) }, ok: false },
    { name: 'a key with a bad prefix', labels: { 'Bad_Prefix/app': 'x' }, ok: false },
    { name: 'a prefixed key and an empty value', labels: { 'app.kubernetes.io/name': '' }, ok: true },
    { name: 'a pod-template-hash', labels: { 'rollouts-pod-template-hash': '5d8f7c9b6' }, ok: true },
  ])('validates labels: $name → ok=$ok', ({ labels, ok }) => {
    const { api } = setup();
    const cm = api.type('', 'v1', 'configmaps');
    const create = (): unknown => api.create(cm, 'default', { metadata: { name: 'c', labels } });
    if (ok) expect(create).not.toThrow();
    else expect(thrown(create).status).toMatchObject({ code: 422, details: { causes: [{ field: 'metadata.labels' }] } });
  });

  it('refuses a CRD patch that would rename its group, leaving the CRD as it was', () => {
    const { api } = setup();
    const crds = api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    const before = api.get(crds, undefined, 'rollouts.argoproj.io');
    const err = thrown(() => api.patch(crds, undefined, 'rollouts.argoproj.io', { spec: { group: 'other.io' } }, PatchType.Merge));
    expect(err.code).toBe(422);
    expect(api.get(crds, undefined, 'rollouts.argoproj.io').metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('refuses to change a ReplicaSet selector, with the Go-rendered value', () => {
    const { api } = setup();
    const rs = api.type('apps', 'v1', 'replicasets');
    const template = { metadata: { labels: { app: 'a', tier: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } };
    api.create(rs, 'default', { metadata: { name: 'r' }, spec: { selector: { matchLabels: { app: 'a' } }, template } });
    const err = thrown(() => api.patch(rs, 'default', 'r', { spec: { selector: { matchLabels: { tier: 'x' } } } }, PatchType.Merge));
    expect(err.message).toBe(
      'ReplicaSet.apps "r" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"a", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect(() => api.patch(rs, 'default', 'r', { spec: { replicas: 3 } }, PatchType.Merge)).not.toThrow();
  });
});
