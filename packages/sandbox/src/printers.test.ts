import { describe, expect, it } from 'vitest';
import { builtinPrinter, podStatusText } from './printers.js';
import type { KubeObject } from './types.js';

const now = new Date('2026-01-01T00:10:00Z');
const meta = (name: string): KubeObject['metadata'] => ({ name, creationTimestamp: '2026-01-01T00:00:00Z' });
function cells(group: string, kind: string, obj: KubeObject): unknown[] {
  const printer = builtinPrinter(group, kind);
  if (printer === undefined) throw new Error(`no printer for ${kind}`);
  return printer.cells(obj, now);
}

describe('built-in Table printers (kubectl get columns)', () => {
  it.each([
    { name: 'pending pod', status: { phase: 'Pending' }, deleting: false, text: 'Pending' },
    { name: 'waiting container', status: { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }, deleting: false, text: 'ImagePullBackOff' },
    { name: 'running pod', status: { phase: 'Running', containerStatuses: [{ state: { running: {} } }] }, deleting: false, text: 'Running' },
    { name: 'deleting pod', status: { phase: 'Running' }, deleting: true, text: 'Terminating' },
  ])('pod STATUS of a $name is $text', ({ status, deleting, text }) => {
    const pod: KubeObject = { metadata: { ...meta('p'), ...(deleting ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}) }, status };
    expect(podStatusText(pod)).toBe(text);
  });

  it('prints a pod row: READY, STATUS, RESTARTS, AGE', () => {
    const pod: KubeObject = {
      metadata: meta('web-1'),
      spec: { nodeName: 'serin-node-1', containers: [{ name: 'a' }, { name: 'b' }] },
      status: { phase: 'Running', podIP: '10.244.0.5', containerStatuses: [{ ready: true, restartCount: 2 }, { ready: false, restartCount: 1 }] },
    };
    expect(cells('', 'Pod', pod)).toEqual(['web-1', '1/2', 'Running', '3', '10m', '10.244.0.5', 'serin-node-1', '<none>', '<none>']);
  });

  it('prints a ReplicaSet row with its selector for -o wide', () => {
    const rs: KubeObject = {
      metadata: meta('web-abc'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
      status: { replicas: 3, readyReplicas: 2 },
    };
    expect(cells('apps', 'ReplicaSet', rs)).toEqual(['web-abc', 3, 3, 2, '10m', 'web', 'nginx:1.25', 'app=web']);
  });

  it('prints a Service with its ports and an HPA targeting a Rollout', () => {
    const svc: KubeObject = { metadata: meta('web'), spec: { type: 'NodePort', clusterIP: '10.96.0.9', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } };
    expect(cells('', 'Service', svc)).toEqual(['web', 'NodePort', '10.96.0.9', '<none>', '80:30080/TCP', '10m', 'app=web']);
    const hpa: KubeObject = {
      metadata: meta('web'),
      spec: { scaleTargetRef: { kind: 'Rollout', name: 'web' }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      status: { currentReplicas: 2 },
    };
    expect(cells('autoscaling', 'HorizontalPodAutoscaler', hpa)).toEqual(['web', 'Rollout/web', 'cpu: <unknown>/80%', '2', 5, 2, '10m']);
  });
});
