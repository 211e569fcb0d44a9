import { describe, expect, it } from 'vitest';
import { fnv32a } from './fnv.js';
import { collisionCountBytes, computePodTemplateHash, goJsonPodTemplate, hashGoJson } from './pod-template-hash.js';
import { safeEncodeString } from './safe-encode.js';

/** The hash recomputed from the expected bytes with the independently tested primitives. */
const hashOf = (goJson: string): string => safeEncodeString(String(fnv32a(goJson)));

// Real vectors: templates and hashes asserted by upstream argo-rollouts (k8s libraries v0.34, Go json.Marshal).
const UPSTREAM = [
  {
    name: 'test/e2e/functional/canary-scaledownonabort.yaml (canary_test.go TestCanaryScaleDownOnAbort selector)',
    template: {
      metadata: { labels: { app: 'canary-scaledowndelay' } },
      spec: {
        containers: [
          {
            name: 'canary-scaledowndelay',
            image: 'nginx:1.19-alpine',
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            resources: { requests: { memory: '16Mi', cpu: '5m' } },
          },
        ],
      },
    },
    goJson:
      '{"metadata":{"labels":{"app":"canary-scaledowndelay"}},"spec":{"containers":[{"name":"canary-scaledowndelay","image":"nginx:1.19-alpine","ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"resources":{"requests":{"cpu":"5m","memory":"16Mi"}}}]}}',
    hash: '674d8cf959',
  },
  {
    name: 'test/e2e/functional/canary-dynamic-stable-scale.yaml (canary_test.go selector after abort; readinessGates after containers)',
    template: {
      metadata: { labels: { app: 'dynamic-stable-scale' } },
      spec: {
        readinessGates: [{ conditionType: 'argoproj.io/e2e-readiness' }],
        containers: [
          {
            name: 'dynamic-stable-scale',
            image: 'nginx:1.19-alpine',
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            resources: { requests: { memory: '16Mi', cpu: '5m' } },
          },
        ],
      },
    },
    goJson:
      '{"metadata":{"labels":{"app":"dynamic-stable-scale"}},"spec":{"containers":[{"name":"dynamic-stable-scale","image":"nginx:1.19-alpine","ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"resources":{"requests":{"cpu":"5m","memory":"16Mi"}}}],"readinessGates":[{"conditionType":"argoproj.io/e2e-readiness"}]}}',
    hash: '6b56c8cdb4',
  },
  {
    name: 'zero PodTemplateSpec (utils/conditions/rollouts_test.go TestRolloutHealthy: CurrentPodHash of an empty template)',
    template: {},
    goJson: '{"metadata":{},"spec":{"containers":null}}',
    hash: '658c46c486',
  },
] as const;

// Pre-v0.34 vectors: older k8s libraries wrote "creationTimestamp":null into metadata. Inserting it into our
// bytes must reproduce hashes upstream recorded in that era — proving every other byte is right.
const LEGACY = [
  {
    name: 'test/e2e/functional_test.go TestRolloutAbortRetryPromote event comment "started update to revision 2 (7fd9b5545c)"',
    template: {
      metadata: { labels: { app: 'abort-retry-promote' } },
      spec: { containers: [{ name: 'abort-retry-promote', image: 'nginx:1.19-alpine', resources: { requests: { memory: '16Mi', cpu: '1m' } } }] },
    },
    hash: '7fd9b5545c',
  },
  {
    name: 'docs/features/vpa-support.md vpa-demo-rollout-f5df6d577 (port protocol TCP defaulted by the CRD)',
    template: {
      metadata: { labels: { app: 'vpa-demo-rollout' } },
      spec: {
        containers: [
          { name: 'vpa-demo-rollout', image: 'ravihari/nginx:v1', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '5m', memory: '5Mi' } } },
        ],
      },
    },
    hash: 'f5df6d577',
  },
] as const;

describe('computePodTemplateHash — upstream vectors', () => {
  it.each(UPSTREAM)('$name', ({ template, goJson, hash }) => {
    expect(goJsonPodTemplate(template)).toBe(goJson);
    expect(computePodTemplateHash(template)).toBe(hash);
    expect(hashOf(goJson)).toBe(hash);
  });

  it.each(LEGACY)('legacy: $name', ({ template, hash }) => {
    const legacyBytes = goJsonPodTemplate(template).replace('{"metadata":{', '{"metadata":{"creationTimestamp":null,');
    expect(hashOf(legacyBytes)).toBe(hash);
    expect(computePodTemplateHash(template)).not.toBe(hash);
  });
});

// Derived cases: each expected string follows from Go encoding/json rules and the generated corev1 table.
const DERIVED = [
  {
    name: 'container without resources still carries "resources":{} (Container.Resources is a non-pointer struct)',
    template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
    goJson: '{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}]}}',
    hash: '567b4b5884',
  },
  {
    name: 'Go declaration order, not input order (spec before metadata, image before name in the input)',
    template: { spec: { containers: [{ imagePullPolicy: 'Always', image: 'nginx', name: 'a' }], restartPolicy: 'Always' }, metadata: { labels: { app: 'a' } } },
    goJson: '{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"nginx","resources":{},"imagePullPolicy":"Always"}],"restartPolicy":"Always"}}',
    hash: '8465876cb7',
  },
  {
    name: 'fields unknown to corev1 are dropped by the typed decode',
    template: { kind: 'x', status: {}, metadata: { labels: { app: 'a' }, bogus: 1 }, spec: { containers: [{ name: 'a', image: 'nginx', colour: 'red' }], nope: true } },
    goJson: '{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}]}}',
    hash: '567b4b5884',
  },
  {
    name: 'creationTimestamp null is omitted (omitzero on metav1.Time in apimachinery v0.34)',
    template: { metadata: { creationTimestamp: null, labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
    goJson: '{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}]}}',
    hash: '567b4b5884',
  },
  {
    name: 'a set creationTimestamp is printed as RFC 3339 UTC seconds',
    template: { metadata: { creationTimestamp: '2026-01-02T03:04:05+01:00' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
    goJson: '{"metadata":{"creationTimestamp":"2026-01-02T02:04:05Z"},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}]}}',
    hash: '757cd7f956',
  },
  {
    name: 'HTML escaping in annotation values and map keys sorted bytewise',
    template: { metadata: { annotations: { 'b/x': '<a&b>', 'B/y': 'ok', a: '\u2028' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
    goJson: '{"metadata":{"annotations":{"B/y":"ok","a":"\\u2028","b/x":"\\u003ca\\u0026b\\u003e"}},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}]}}',
    hash: '787c6886b4',
  },
  {
    name: 'resource quantities in canonical form (0.5 → 500m, 1024Mi → 1Gi, number 1000 → 1k), keys sorted',
    template: { spec: { containers: [{ name: 'a', image: 'nginx', resources: { requests: { memory: '1024Mi', cpu: 0.5 }, limits: { 'nvidia.com/gpu': 1000, cpu: '1' } } }] } },
    goJson: '{"metadata":{},"spec":{"containers":[{"name":"a","image":"nginx","resources":{"limits":{"cpu":"1","nvidia.com/gpu":"1k"},"requests":{"cpu":"500m","memory":"1Gi"}}}]}}',
    hash: '6997dbfcc5',
  },
  {
    name: 'omitempty drops empty lists, false and "" but keeps pointers to zero values',
    template: { spec: { containers: [{ name: 'a', image: 'nginx', command: [], args: [], workingDir: '', stdin: false, tty: false }], hostNetwork: false, automountServiceAccountToken: false, terminationGracePeriodSeconds: 0, volumes: [] } },
    goJson: '{"metadata":{},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}],"terminationGracePeriodSeconds":0,"automountServiceAccountToken":false}}',
    hash: '7798956bb7',
  },
  {
    name: 'containers has no omitempty: absent → null, [] → []; empty metadata still emitted',
    template: {},
    goJson: '{"metadata":{},"spec":{"containers":null}}',
    hash: '658c46c486',
  },
  {
    name: 'containers: [] prints []',
    template: { spec: { containers: [] } },
    goJson: '{"metadata":{},"spec":{"containers":[]}}',
    hash: '74bb9b5bf9',
  },
  {
    name: 'embedded ProbeHandler fields come first in Probe; IntOrString port as number or string; zero ints dropped',
    template: { spec: { containers: [{ name: 'a', image: 'nginx', readinessProbe: { periodSeconds: 5, initialDelaySeconds: 0, httpGet: { port: 'http', path: '/healthz' } }, livenessProbe: { tcpSocket: { port: 8080 } } }] } },
    goJson: '{"metadata":{},"spec":{"containers":[{"name":"a","image":"nginx","resources":{},"livenessProbe":{"tcpSocket":{"port":8080}},"readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5}}]}}',
    hash: 'dbf747d8c',
  },
  {
    name: 'embedded VolumeSource: the source key follows name; ConfigMapVolumeSource embeds LocalObjectReference',
    template: { spec: { volumes: [{ configMap: { defaultMode: 420, name: 'cfg' }, name: 'config' }], containers: [{ name: 'a', image: 'nginx', volumeMounts: [{ mountPath: '/etc/x', name: 'config', readOnly: true }] }] } },
    goJson: '{"metadata":{},"spec":{"volumes":[{"name":"config","configMap":{"name":"cfg","defaultMode":420}}],"containers":[{"name":"a","image":"nginx","resources":{},"volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/etc/x"}]}]}}',
    hash: '6b5ccb949c',
  },
  {
    name: 'env: value "" is dropped, name never is; valueFrom.fieldRef order apiVersion, fieldPath; control characters escaped',
    template: { spec: { containers: [{ name: 'a', image: 'nginx', env: [{ name: 'EMPTY', value: '' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }, { name: 'T', value: 'a\tb\u0001' }] }] } },
    goJson: '{"metadata":{},"spec":{"containers":[{"name":"a","image":"nginx","env":[{"name":"EMPTY"},{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},{"name":"T","value":"a\\tb\\u0001"}],"resources":{}}]}}',
    hash: '796994b9c7',
  },
  {
    name: 'PodSpec order: nodeSelector after dnsPolicy, securityContext {} kept (pointer), affinity before tolerations',
    template: { spec: { tolerations: [{ operator: 'Exists' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] } } }, securityContext: {}, nodeSelector: { disk: 'ssd' }, dnsPolicy: 'ClusterFirst', containers: [{ name: 'a', image: 'nginx' }] } },
    goJson: '{"metadata":{},"spec":{"containers":[{"name":"a","image":"nginx","resources":{}}],"dnsPolicy":"ClusterFirst","nodeSelector":{"disk":"ssd"},"securityContext":{},"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"k","operator":"In","values":["v"]}]}]}}},"tolerations":[{"operator":"Exists"}]}}',
    hash: 'fd4dd77b5',
  },
] as const;

describe('computePodTemplateHash — derived cases', () => {
  it.each(DERIVED)('$name', ({ template, goJson, hash }) => {
    expect(goJsonPodTemplate(template)).toBe(goJson);
    expect(computePodTemplateHash(template)).toBe(hash);
    expect(hashOf(goJson)).toBe(hash);
  });
});

describe('collisionCount', () => {
  const template = UPSTREAM[0].template;

  it('appends uint32 little-endian plus four zero bytes', () => {
    expect([...collisionCountBytes(1)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect([...collisionCountBytes(0x01020304)]).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    expect([...collisionCountBytes(-1)]).toEqual([255, 255, 255, 255, 0, 0, 0, 0]);
  });

  it.each([0, 1, 7])('collisionCount %i continues the FNV state over those 8 bytes', (count) => {
    const goJson = goJsonPodTemplate(template);
    const expected = safeEncodeString(String(fnv32a(collisionCountBytes(count), fnv32a(goJson))));
    expect(computePodTemplateHash(template, count)).toBe(expected);
    expect(computePodTemplateHash(template, count)).not.toBe('674d8cf959');
  });

  it('null and undefined mean "no collision count"', () => {
    expect(computePodTemplateHash(template, null)).toBe('674d8cf959');
    expect(hashGoJson(goJsonPodTemplate(template), undefined)).toBe('674d8cf959');
  });

  it('the empty template with collisionCount 1 differs from count 0 and from none', () => {
    expect(new Set([computePodTemplateHash({}), computePodTemplateHash({}, 0), computePodTemplateHash({}, 1)]).size).toBe(3);
  });
});
