import { describe, expect, it } from 'vitest';
import { RequestCounter, requestInfo } from './request-metrics.js';

describe('requestInfo (controller_clientset_k8s_request_total labels)', () => {
  it.each([
    { name: 'get rollout', method: 'GET', url: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo', expected: { kind: 'rollouts', namespace: 'ns1', name: 'demo', verb: 'Get' } },
    { name: 'list rollouts → name N/A', method: 'GET', url: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts', expected: { kind: 'rollouts', namespace: 'ns1', name: 'N/A', verb: 'List' } },
    { name: 'watch all namespaces', method: 'GET', url: 'https://k:6443/apis/apps/v1/replicasets?watch=true&resourceVersion=5', expected: { kind: 'replicasets', namespace: '', name: 'N/A', verb: 'Watch' } },
    { name: 'status patch counts against the object', method: 'PATCH', url: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo/status', expected: { kind: 'rollouts', namespace: 'ns1', name: 'demo', verb: 'Patch' } },
    { name: 'replicaset writes → name N/A', method: 'PUT', url: '/apis/apps/v1/namespaces/ns1/replicasets/demo-abc', expected: { kind: 'replicasets', namespace: 'ns1', name: 'N/A', verb: 'Update' } },
    { name: 'event create → name N/A', method: 'POST', url: '/api/v1/namespaces/ns1/events', expected: { kind: 'events', namespace: 'ns1', name: 'N/A', verb: 'Create' } },
    { name: 'core pod delete', method: 'DELETE', url: '/api/v1/namespaces/ns1/pods/p-1', expected: { kind: 'pods', namespace: 'ns1', name: 'p-1', verb: 'Delete' } },
    { name: 'cluster-scoped get', method: 'GET', url: '/apis/argoproj.io/v1alpha1/clusteranalysistemplates/t', expected: { kind: 'clusteranalysistemplates', namespace: '', name: 't', verb: 'Get' } },
    { name: 'discovery is Unknown', method: 'GET', url: '/version', expected: { kind: 'Unknown', namespace: 'Unknown', name: 'Unknown', verb: 'Unknown' } },
  ])('$name', ({ method, url, expected }) => {
    expect(requestInfo(method, url)).toEqual(expected);
  });
});

describe('RequestCounter', () => {
  it('counts per label set and sums by partial match', () => {
    const c = new RequestCounter();
    const seen: string[] = [];
    c.onRequest((l) => seen.push(`${l.verb} ${l.kind} ${l.statusCode}`));
    c.record(requestInfo('GET', '/api/v1/namespaces/a/pods'), 200);
    c.record(requestInfo('GET', '/api/v1/namespaces/a/pods'), 200);
    c.record(requestInfo('PATCH', '/api/v1/namespaces/a/pods/p'), 404);
    expect(c.total({ verb: 'List' })).toBe(2);
    expect(c.total({ kind: 'pods' })).toBe(3);
    expect(c.total({ statusCode: '404' })).toBe(1);
    expect(c.entries()).toHaveLength(2);
    expect(seen).toEqual(['List pods 200', 'List pods 200', 'Patch pods 404']);
  });
});
