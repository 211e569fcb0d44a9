import { describe, expect, it } from 'vitest';
import {
  applyStrategicMergePatch,
  kubectlStrategicMergeUnsupportedMessage,
  PatchError,
  STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE,
  supportsStrategicMerge,
} from '../index.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const SERVICE = { group: '', version: 'v1', kind: 'Service' };
const POD = { group: '', version: 'v1', kind: 'Pod' };
const CONFIGMAP = { group: '', version: 'v1', kind: 'ConfigMap' };

type Json = Record<string, unknown>;
const podSpec = (d: unknown) => (((d as Json).spec as Json).template as Json).spec as Json;

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', finalizers: ['a', 'b'], ownerReferences: [{ uid: 'u1', name: 'x' }, { uid: 'u2', name: 'y' }] },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.25',
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
            ports: [{ containerPort: 80 }, { containerPort: 443 }],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
        tolerations: [{ key: 'k1', operator: 'Exists' }],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
});

describe('applyStrategicMergePatch on built-in kinds', () => {
  it("kubectl apply's Deployment patch: env var removed, image changed, container order kept (observed)", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
            containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], image: 'nginx:1.26', name: 'web' }],
          },
        },
      },
    };
    const out = podSpec(applyStrategicMergePatch(deployment(), patch, DEPLOYMENT));
    expect(out.containers).toEqual([
      {
        name: 'web',
        image: 'nginx:1.26',
        env: [{ name: 'A', value: '1' }],
        ports: [{ containerPort: 80 }, { containerPort: 443 }],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });

  it("kubectl apply's Service patch: port 80 replaced by 8080 (observed)", () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] } };
    const patch = { spec: { '$setElementOrder/ports': [{ port: 8080 }], ports: [{ name: 'http', port: 8080, targetPort: 80 }, { $patch: 'delete', port: 80 }] } };
    expect((applyStrategicMergePatch(svc, patch, SERVICE) as Json).spec).toEqual({ selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 80 }] });
  });

  it("Argo's Service selector switch merges into the selector map", () => {
    const svc = { spec: { selector: { app: 'web', 'rollouts-pod-template-hash': 'old' }, ports: [{ port: 80 }] } };
    const patch = { spec: { selector: { 'rollouts-pod-template-hash': 'new' } }, metadata: { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'demo' } } };
    expect(applyStrategicMergePatch(svc, patch, SERVICE)).toEqual({
      spec: { selector: { app: 'web', 'rollouts-pod-template-hash': 'new' }, ports: [{ port: 80 }] },
      metadata: { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'demo' } },
    });
  });

  it.each([
    {
      // upstream puts patch items the live list does not know in front of server-only items (the kubectl patch
      // docs show the added container first)
      name: 'containers merge by name (new one placed first)',
      patch: { spec: { template: { spec: { containers: [{ name: 'init', image: 'alpine' }] } } } },
      pick: (d: unknown) => (podSpec(d).containers as Json[]).map((c) => c.name),
      want: ['init', 'web', 'sidecar'],
    },
    {
      name: 'container ports merge by containerPort',
      patch: { spec: { template: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 80, name: 'http' }] }] } } } },
      pick: (d: unknown) => (podSpec(d).containers as Json[])[0]?.ports,
      want: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }],
    },
    {
      name: 'volumeMounts merge by mountPath',
      patch: { spec: { template: { spec: { containers: [{ name: 'web', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }] } } } },
      pick: (d: unknown) => (podSpec(d).containers as Json[])[0]?.volumeMounts,
      want: [{ name: 'cache', mountPath: '/cache' }, { name: 'data', mountPath: '/data' }],
    },
    {
      name: 'tolerations have no patch strategy upstream: replaced',
      patch: { spec: { template: { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }] } } } },
      pick: (d: unknown) => podSpec(d).tolerations,
      want: [{ key: 'k2', operator: 'Exists' }],
    },
    {
      name: '$patch: replace on a list replaces it',
      patch: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
      pick: (d: unknown) => podSpec(d).containers,
      want: [{ name: 'only', image: 'x' }],
    },
    {
      name: '$patch: replace on a map replaces it',
      patch: { spec: { strategy: { $patch: 'replace', type: 'Recreate' } } },
      pick: (d: unknown) => ((d as Json).spec as Json).strategy,
      want: { type: 'Recreate' },
    },
    {
      name: '$retainKeys clears keys not listed (strategy switch to Recreate)',
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
      pick: (d: unknown) => ((d as Json).spec as Json).strategy,
      want: { type: 'Recreate' },
    },
    {
      name: 'null deletes a field',
      patch: { spec: { replicas: null } },
      pick: (d: unknown) => Object.keys((d as Json).spec as Json),
      want: ['strategy', 'template'],
    },
    {
      name: 'finalizers merge as a set',
      patch: { metadata: { finalizers: ['b', 'c'] } },
      pick: (d: unknown) => ((d as Json).metadata as Json).finalizers,
      want: ['a', 'b', 'c'],
    },
    {
      name: '$deleteFromPrimitiveList/finalizers removes values',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
      pick: (d: unknown) => ((d as Json).metadata as Json).finalizers,
      want: ['b'],
    },
    {
      name: 'ownerReferences merge by uid',
      patch: { metadata: { ownerReferences: [{ uid: 'u2', name: 'renamed' }, { uid: 'u1', $patch: 'delete' }] } },
      pick: (d: unknown) => ((d as Json).metadata as Json).ownerReferences,
      want: [{ uid: 'u2', name: 'renamed' }],
    },
    {
      name: 'volumes merge by name',
      patch: { spec: { template: { spec: { volumes: [{ name: 'tmp', emptyDir: {} }] } } } },
      pick: (d: unknown) => (podSpec(d).volumes as Json[]).map((v) => v.name),
      want: ['tmp', 'data'],
    },
  ])('$name', ({ patch, pick, want }) => {
    expect(pick(applyStrategicMergePatch(deployment(), patch, DEPLOYMENT))).toEqual(want);
  });

  it('pod status conditions merge by type', () => {
    const pod = { status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } };
    const out = applyStrategicMergePatch(pod, { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, POD) as Json;
    expect((out.status as Json).conditions).toEqual([{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }]);
  });

  it('kinds without tagged fields still merge metadata lists (ConfigMap finalizers)', () => {
    const cm = { metadata: { finalizers: ['x'] }, data: { a: '1' } };
    expect(applyStrategicMergePatch(cm, { metadata: { finalizers: ['y'] }, data: { b: '2' } }, CONFIGMAP)).toEqual({
      metadata: { finalizers: ['y', 'x'] },
      data: { a: '1', b: '2' },
    });
  });

  it('does not mutate its inputs', () => {
    const live = deployment();
    const patch = { spec: { template: { spec: { containers: [{ name: 'web', $patch: 'delete' }] } } } };
    applyStrategicMergePatch(live, patch, DEPLOYMENT);
    expect(live).toEqual(deployment());
    expect(patch.spec.template.spec.containers[0]).toEqual({ name: 'web', $patch: 'delete' });
  });
});

describe('strategic merge patch errors', () => {
  it('custom resources get 415; kubectl prefixes the content type and GVK (observed text)', () => {
    const gvk = { group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout' };
    expect(() => applyStrategicMergePatch({}, { spec: {} }, gvk)).toThrow(
      expect.objectContaining({ code: 415, reason: 'UnsupportedMediaType', statusMessage: STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE }),
    );
    expect(kubectlStrategicMergeUnsupportedMessage(gvk)).toBe(
      'application/strategic-merge-patch+json is not supported by argoproj.io/v1alpha1, Kind=Rollout: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  });

  it.each([
    {
      name: 'merge list element without its merge key',
      patch: { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      code: 500,
      message: 'map: map[image:x] does not contain declared merge key: name',
    },
    { name: 'malformed $retainKeys', patch: { spec: { strategy: { $retainKeys: 'type' } } }, code: 400, message: 'invalid patch format of retainKeys' },
    { name: 'patched key missing from $retainKeys', patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, code: 400, message: 'invalid patch format of retainKeys' },
    { name: 'unknown $patch directive', patch: { spec: { strategy: { $patch: 'frob' } } }, code: 500, message: 'unknown patch type: frob in map: map[$patch:frob]' },
    { name: 'list of lists', patch: { metadata: { finalizers: [['x']] } }, code: 422, message: 'lists of lists are not supported' },
  ])('$name → $code', ({ patch, code, message }) => {
    expect(() => applyStrategicMergePatch(deployment(), patch, DEPLOYMENT)).toThrow(PatchError);
    expect(() => applyStrategicMergePatch(deployment(), patch, DEPLOYMENT)).toThrow(expect.objectContaining({ code, message }));
  });
});

describe('supportsStrategicMerge', () => {
  it.each([
    { gvk: { group: '', version: 'v1', kind: 'Pod' }, want: true },
    { gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' }, want: true },
    { gvk: { group: 'batch', version: 'v1', kind: 'Job' }, want: true },
    { gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }, want: true },
    { gvk: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }, want: true },
    { gvk: { group: 'events.k8s.io', version: 'v1', kind: 'Event' }, want: true },
    { gvk: { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }, want: true },
    { gvk: { group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout' }, want: false },
    { gvk: { group: 'networking.istio.io', version: 'v1beta1', kind: 'VirtualService' }, want: false },
  ])('$gvk.group/$gvk.version $gvk.kind → $want', ({ gvk, want }) => {
    expect(supportsStrategicMerge(gvk)).toBe(want);
  });
});
