import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { buildSubsets } from './endpoints.js';
import type { ClusterHarness } from './test-harness.js';
import { clusterHarness, eventually, replicaSetYaml } from './test-harness.js';

const pod = (name: string, ip: string | undefined, ready: boolean): KubeObject => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' } },
  spec: { nodeName: 'serin-node-1', containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { phase: 'Running', ...(ip !== undefined ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const svc = (targetPort: unknown): KubeObject => ({ metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort }] } });
const addr = (name: string, ip: string): unknown => ({ ip, nodeName: 'serin-node-1', targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` } });

describe('buildSubsets', () => {
  it.each([
    { name: 'no pods: no subsets', service: svc(8080), pods: [], want: [] },
    {
      name: 'ready and not-ready pods, sorted by IP, numeric targetPort',
      service: svc(8080),
      pods: [pod('b', '10.244.0.9', true), pod('a', '10.244.0.3', true), pod('c', '10.244.0.5', false), pod('d', undefined, true)],
      want: [{ addresses: [addr('a', '10.244.0.3'), addr('b', '10.244.0.9')], notReadyAddresses: [addr('c', '10.244.0.5')], ports: [{ port: 8080, protocol: 'TCP', name: 'http' }] }],
    },
    { name: 'named targetPort resolved from the container ports', service: svc('http'), pods: [pod('a', '10.244.0.3', true)], want: [{ addresses: [addr('a', '10.244.0.3')], ports: [{ port: 8080, protocol: 'TCP', name: 'http' }] }] },
  ])('$name', ({ service, pods, want }) => {
    expect(buildSubsets(service, pods)).toEqual(want);
  });
});

let h: ClusterHarness;
beforeEach(async () => {
  h = await clusterHarness({ podReadyMs: 50 });
});
afterEach(async () => {
  await h.close();
});

describe('Endpoints follow the Service selector over ready pods', () => {
  it('lists ready pods, drops them on scale-down, and goes with the Service', async () => {
    await h.kubectl(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
    await h.apply(replicaSetYaml('web', 2));
    const core = h.kc.makeApiClient(CoreV1Api);
    const ips = async (): Promise<string[]> => {
      const ep = await core.readNamespacedEndpoints({ name: 'web', namespace: 'default' });
      return (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
    };
    const two = await eventually('2 ready addresses', async () => ((await ips()).length === 2 ? ips() : undefined));
    const podIPs = h.objects('/pods').map((p) => (p['status'] as { podIP: string }).podIP).sort();
    expect(two).toEqual(podIPs);
    const ep = await core.readNamespacedEndpoints({ name: 'web', namespace: 'default' });
    expect(ep.subsets?.[0]?.ports).toEqual([{ name: '80-8080', port: 8080, protocol: 'TCP' }]);

    await h.kubectl(['scale', 'rs', 'web', '--replicas=0']);
    await eventually('no addresses', async () => ((await ips()).length === 0 ? true : undefined));
    await h.kubectl(['delete', 'svc', 'web']);
    await eventually('endpoints deleted', () => (h.objects('/endpoints').length === 0 ? true : undefined));
  });
});

describe('Leases and Events are plain objects', () => {
  it('creates and updates a Lease with resourceVersion preconditions, and lists Events by field selector', async () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader' }, spec: { holderIdentity: 'a', leaseDurationSeconds: 15 } };
    await h.apply(JSON.stringify(lease));
    const stale = await h.kubectl(['get', 'lease', 'leader', '-o', 'json']);
    await h.kubectl(['patch', 'lease', 'leader', '--type=merge', '-p', '{"spec":{"holderIdentity":"b"}}']);
    const replace = await h.kubectl(['replace', '-f', '-'], { stdin: stale.stdout });
    expect(replace.stderr).toContain('Error from server (Conflict)');
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Rollout', name: 'web', namespace: 'default' },
      reason: 'RolloutUpdated',
      message: 'updated',
      count: 2,
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:01:00Z',
      type: 'Normal',
    };
    await h.apply(JSON.stringify(event));
    const r = await h.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'jsonpath={.items[*].count}']);
    expect(r.stdout).toBe('2');
  });
});
