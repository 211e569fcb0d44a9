import { describe, expect, it } from 'vitest';
import { parseCrd, Registry } from '../registry.js';
import type { KubeObject } from '../types.js';
import { applyBuiltinDefaulting, defaultPullPolicy, generateJobSelector, podQosClass } from './defaults.js';

const registry = new Registry();
const type = (group: string, version: string, plural: string) => {
  const t = registry.lookup(group, version, plural);
  if (t === undefined) throw new Error(plural);
  return t;
};

describe('built-in defaulting', () => {
  it.each([
    { image: 'nginx', policy: 'Always' },
    { image: 'nginx:latest', policy: 'Always' },
    { image: 'nginx:1.25', policy: 'IfNotPresent' },
    { image: 'registry:5000/team/app', policy: 'Always' },
    { image: 'registry:5000/team/app:v2', policy: 'IfNotPresent' },
    { image: 'nginx@sha256:abc', policy: 'IfNotPresent' },
  ])('imagePullPolicy of $image is $policy', ({ image, policy }) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('defaults a ReplicaSet pod template as the API server does', () => {
    const rs: KubeObject = {
      metadata: { name: 'rs' },
      spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } } },
    };
    applyBuiltinDefaulting(type('apps', 'v1', 'replicasets'), rs);
    expect(rs['spec']).toEqual({
      replicas: 1,
      selector: {},
      template: {
        metadata: {},
        spec: {
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
          containers: [
            {
              name: 'c',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              imagePullPolicy: 'IfNotPresent',
              resources: {},
            },
          ],
        },
      },
    });
  });

  it('defaults a Deployment strategy and limits without touching values that are set', () => {
    const d: KubeObject = { metadata: { name: 'd' }, spec: { replicas: 3, strategy: { type: 'Recreate' }, template: { spec: { containers: [] } } } };
    applyBuiltinDefaulting(type('apps', 'v1', 'deployments'), d);
    expect(d['spec']).toMatchObject({ replicas: 3, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'Recreate' } });
  });

  it('gives a Pod its service account and priority', () => {
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    applyBuiltinDefaulting(type('', 'v1', 'pods'), pod);
    expect(pod['spec']).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default', priority: 0, enableServiceLinks: true });
  });

  it('labels a Job template with its uid and selects on it', () => {
    const job: KubeObject = { metadata: { name: 'j', uid: 'u-1' }, spec: { template: { spec: { containers: [] } } } };
    generateJobSelector(job);
    expect(job['spec']).toMatchObject({
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
      template: { metadata: { labels: { 'batch.kubernetes.io/job-name': 'j', 'job-name': 'j', 'controller-uid': 'u-1' } } },
    });
  });

  it('leaves custom resources alone (their defaults come from the CRD schema)', () => {
    const crd: KubeObject = {
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
    };
    const [widgets] = parseCrd(crd);
    if (widgets === undefined) throw new Error('no type');
    const w: KubeObject = { metadata: { name: 'w' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } };
    applyBuiltinDefaulting(widgets, w);
    expect(w['spec']).toEqual({ template: { spec: { containers: [{ name: 'c', image: 'x' }] } } });
  });

  it.each([
    { name: 'no resources', resources: [{}], qos: 'BestEffort' },
    { name: 'requests only', resources: [{ requests: { cpu: '100m' } }], qos: 'Burstable' },
    { name: 'limits for cpu and memory', resources: [{ limits: { cpu: '1', memory: '1Gi' } }], qos: 'Guaranteed' },
    { name: 'requests below limits', resources: [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }], qos: 'Burstable' },
    { name: 'one guaranteed, one empty container', resources: [{ limits: { cpu: '1', memory: '1Gi' } }, {}], qos: 'Burstable' },
  ])('QoS class with $name is $qos', ({ resources, qos }) => {
    expect(podQosClass({ containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) })).toBe(qos);
  });
});
