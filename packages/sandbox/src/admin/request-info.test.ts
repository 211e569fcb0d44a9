import { describe, expect, it } from 'vitest';
import { Registry } from '../registry.js';
import { RequestAccounting } from './accounting.js';
import { requestInfo } from './request-info.js';

const registry = new Registry();

describe('requestInfo', () => {
  it.each([
    { method: 'GET', path: '/api/v1/namespaces/default/pods/web', want: { verb: 'get', group: '', resource: 'pods', subresource: '', isWrite: false } },
    { method: 'GET', path: '/api/v1/pods', want: { verb: 'list', group: '', resource: 'pods', subresource: '', isWrite: false } },
    { method: 'GET', path: '/apis/apps/v1/namespaces/default/replicasets?watch=true', want: { verb: 'watch', group: 'apps', resource: 'replicasets', subresource: '', isWrite: false } },
    { method: 'POST', path: '/api/v1/namespaces/default/pods/web/eviction', want: { verb: 'create', group: '', resource: 'pods', subresource: 'eviction', isWrite: true } },
    { method: 'PUT', path: '/apis/apps/v1/namespaces/default/replicasets/web/status', want: { verb: 'update', group: 'apps', resource: 'replicasets', subresource: 'status', isWrite: true } },
    { method: 'PATCH', path: '/apis/apps/v1/namespaces/default/replicasets/web/scale', want: { verb: 'patch', group: 'apps', resource: 'replicasets', subresource: 'scale', isWrite: true } },
    { method: 'DELETE', path: '/api/v1/namespaces/default/configmaps', want: { verb: 'deletecollection', group: '', resource: 'configmaps', subresource: '', isWrite: true } },
    { method: 'DELETE', path: '/api/v1/namespaces/team', want: { verb: 'delete', group: '', resource: 'namespaces', subresource: '', isWrite: true } },
    { method: 'GET', path: '/version', want: { verb: 'nonResource', group: '', resource: '/version', subresource: '', isWrite: false } },
  ])('$method $path → $want.verb', ({ method, path, want }) => {
    expect(requestInfo(method, new URL(path, 'http://x'), registry)).toEqual(want);
  });
});

describe('RequestAccounting', () => {
  it('counts per verb × resource × user agent and fills cumulative latency buckets', () => {
    const a = new RequestAccounting();
    const create = { verb: 'create', group: '', resource: 'pods', subresource: '', isWrite: true };
    a.record(create, 'kubectl/v1.32.4', 201, 0.004);
    a.record(create, 'kubectl/v1.32.4', 409, 0.2);
    a.record(create, 'node-fetch/1.0', 201, 0.001);
    a.record({ verb: 'watch', group: '', resource: 'pods', subresource: '', isWrite: false }, 'node-fetch/1.0', 200, 30);
    const snap = a.snapshot();
    expect(snap.total).toBe(4);
    expect(snap.writes).toBe(3);
    const kubectl = snap.requests.find((r) => r.userAgent === 'kubectl/v1.32.4');
    expect(kubectl?.codes).toEqual({ '201': 1, '409': 1 });
    expect(kubectl?.latency.buckets).toMatchObject({ '0.005': 1, '0.1': 1, '0.25': 2, '+Inf': 2 });
    expect(a.count({ verb: 'create', resource: 'pods' })).toBe(3);
    expect(a.snapshot().requests.find((r) => r.verb === 'watch')?.latency.count).toBe(0);
  });
});
