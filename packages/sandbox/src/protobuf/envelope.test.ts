import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/kubectl-create-bodies.json' with { type: 'json' };
import { decodeKubernetesProtobuf, ProtobufError } from './index.js';
import type { Field } from './test-support/encoder.js';
import { envelope, mapEntry } from './test-support/encoder.js';

const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const body = (name: keyof typeof fixtures.bodies) => fromBase64(fixtures.bodies[name].base64);

describe('decodeKubernetesProtobuf on bodies captured from kubectl v1.32.4', () => {
  it.each([
    {
      name: 'namespace' as const,
      expected: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    },
    {
      name: 'configmap' as const,
      expected: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { color: 'blue', size: '10' } },
    },
    {
      name: 'secret-generic' as const,
      expected: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db-creds' },
        data: { user: Buffer.from('admin').toString('base64'), password: Buffer.from('s3cr3t!').toString('base64') },
      },
    },
    {
      name: 'deployment' as const,
      expected: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
          },
        },
      },
    },
    {
      name: 'service-clusterip' as const,
      expected: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'web' }, type: 'ClusterIP' },
      },
    },
    {
      name: 'job' as const,
      expected: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'once' },
        spec: { template: { spec: { containers: [{ name: 'once', image: 'busybox', command: ['echo', 'hi'] }], restartPolicy: 'Never' } } },
      },
    },
    {
      name: 'cronjob' as const,
      expected: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'nightly' },
        spec: {
          schedule: '0 3 * * *',
          jobTemplate: {
            metadata: { name: 'nightly' },
            spec: { template: { spec: { containers: [{ name: 'nightly', image: 'busybox', command: ['date'] }], restartPolicy: 'OnFailure' } } },
          },
        },
      },
    },
    { name: 'serviceaccount' as const, expected: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } },
    {
      name: 'hpa-autoscale' as const,
      expected: {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'demo' },
        spec: { scaleTargetRef: { kind: 'Rollout', name: 'demo', apiVersion: 'argoproj.io/v1alpha1' }, minReplicas: 2, maxReplicas: 5 },
      },
    },
    {
      name: 'hpa-autoscale-cpu' as const,
      expected: {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'demo-cpu' },
        spec: { scaleTargetRef: { kind: 'Rollout', name: 'demo', apiVersion: 'argoproj.io/v1alpha1' }, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 60 },
      },
    },
    {
      name: 'poddisruptionbudget' as const,
      expected: {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web-pdb' },
        spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
      },
    },
    {
      name: 'ingress' as const,
      expected: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web' },
        spec: {
          rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
        },
      },
    },
    {
      name: 'role' as const,
      expected: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'reader' },
        rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
      },
    },
    {
      name: 'rolebinding' as const,
      expected: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'read' },
        subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: 'default' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      },
    },
    { name: 'quota' as const, expected: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { cpu: '2', pods: '10' } } } },
    {
      name: 'secret-docker-registry' as const,
      expected: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'regcred' },
        type: 'kubernetes.io/dockerconfigjson',
        data: {
          '.dockerconfigjson': Buffer.from(JSON.stringify({ auths: { 'r.example.com': { username: 'u', password: 'p', auth: Buffer.from('u:p').toString('base64') } } })).toString('base64'),
        },
      },
    },
    {
      name: 'service-nodeport' as const,
      expected: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'np', labels: { app: 'np' } },
        spec: { ports: [{ name: '8080-80', protocol: 'TCP', port: 8080, targetPort: 80, nodePort: 30080 }], selector: { app: 'np' }, type: 'NodePort' },
      },
    },
    {
      name: 'deployment-two-images' as const,
      expected: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'multi', labels: { app: 'multi' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'multi' } },
          template: { metadata: { labels: { app: 'multi' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }, { name: 'busybox', image: 'busybox' }] } },
        },
      },
    },
  ])('$name', ({ name, expected }) => {
    expect(decodeKubernetesProtobuf(body(name))).toEqual(expected);
  });

  it('keeps an explicit zero in a pointer field (--replicas=0 must not default to 1)', () => {
    const obj = decodeKubernetesProtobuf(body('deployment-zero-replicas'));
    expect((obj.spec as { replicas?: number }).replicas).toBe(0);
  });

  it('fixtures record the query kubectl sent with them', () => {
    expect(fixtures.bodies.namespace.path).toBe('/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict');
    expect(fixtures.bodies.namespace.contentType).toBe('application/vnd.kubernetes.protobuf');
  });
});

describe('decodeKubernetesProtobuf on hand-encoded messages', () => {
  it('decodes ObjectMeta name, generateName, namespace, labels, annotations, finalizers and a timestamp', () => {
    const obj = decodeKubernetesProtobuf(
      envelope('v1', 'ConfigMap', [
        [1, [
          [1, 'cfg'], [2, 'cfg-'], [3, 'team-a'],
          [8, [[1, 1_700_000_000], [2, 500_000_000]]],
          [11, mapEntry('app', 'web')], [11, mapEntry('tier', 'front')],
          [12, mapEntry('note', 'a=b')],
          [14, 'example.com/guard'],
        ]],
        [2, mapEntry('k', '')],
        [3, mapEntry('bin', Uint8Array.from([0, 255]))],
      ]),
    );
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cfg',
        generateName: 'cfg-',
        namespace: 'team-a',
        creationTimestamp: '2023-11-14T22:13:20.5Z',
        labels: { app: 'web', tier: 'front' },
        annotations: { note: 'a=b' },
        finalizers: ['example.com/guard'],
      },
      data: { k: '' },
      binaryData: { bin: 'AP8=' },
    });
  });

  it('decodes an autoscaling/v2 HorizontalPodAutoscaler with a cpu Utilization metric and a Quantity target', () => {
    const target = (n: number): Field[] => [[1, 'Utilization'], [4, n]];
    const bytes = envelope('autoscaling/v2', 'HorizontalPodAutoscaler', [
      [1, [[1, 'web']]],
      [2, [
        [1, [[1, 'Deployment'], [2, 'web'], [3, 'apps/v1']]],
        [2, 2],
        [3, 6],
        [4, [[1, 'Resource'], [4, [[1, 'cpu'], [2, target(70)]]]]],
        [4, [[1, 'Resource'], [4, [[1, 'memory'], [2, [[1, 'AverageValue'], [3, [[1, '100Mi']]]]]]]]],
      ]],
    ]);
    expect(decodeKubernetesProtobuf(bytes)).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        ],
      },
    });
  });

  it('decodes IntOrString targetPort given as a name, negative int32 and skips unknown field numbers', () => {
    const obj = decodeKubernetesProtobuf(
      envelope('v1', 'Service', [
        [1, [[1, 'svc']]],
        [2, [[1, [[1, 'http'], [3, 80], [4, [[1, 1], [3, 'web']]]]], [4, 'NodePort'], [999, 'ignored']]],
      ]),
    );
    expect(obj.spec).toEqual({ ports: [{ name: 'http', port: 80, targetPort: 'web' }], type: 'NodePort' });
    const neg = decodeKubernetesProtobuf(envelope('apps/v1', 'Deployment', [[2, [[5, -1n]]]]));
    expect(neg.spec).toEqual({ minReadySeconds: -1 });
  });

  it.each([
    { name: 'missing magic', bytes: Uint8Array.from([1, 2, 3, 4, 5]), message: 'expected prefix [107 56 115 0]' },
    { name: 'unknown kind', bytes: envelope('argoproj.io/v1alpha1', 'Rollout', []), message: 'no protobuf decoder for argoproj.io/v1alpha1, Kind=Rollout' },
    { name: 'truncated field', bytes: Uint8Array.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x10, 0x01]), message: 'unexpected end' },
  ])('rejects $name with ProtobufError', ({ bytes, message }) => {
    expect(() => decodeKubernetesProtobuf(bytes)).toThrow(ProtobufError);
    expect(() => decodeKubernetesProtobuf(bytes)).toThrow(message);
  });
});
