import { describe, expect, it } from 'vitest';
import { type ResourceDescriptor, Resources, apiVersionOf, istioResources, resourcePath } from './resources.js';

describe('resourcePath', () => {
  it.each([
    { name: 'rollout status', r: Resources.rollouts, ns: 'ns1', n: 'demo', sub: 'status', path: '/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/demo/status' },
    { name: 'core pods list in ns', r: Resources.pods, ns: 'ns1', path: '/api/v1/namespaces/ns1/pods' },
    { name: 'replicasets in all namespaces', r: Resources.replicaSets, path: '/apis/apps/v1/replicasets' },
    { name: 'cluster-scoped ignores namespace', r: Resources.clusterAnalysisTemplates, ns: 'ns1', n: 't', path: '/apis/argoproj.io/v1alpha1/clusteranalysistemplates/t' },
    { name: 'lease', r: Resources.leases, ns: 'argo-rollouts', n: 'argo-rollouts-controller-lock', path: '/apis/coordination.k8s.io/v1/namespaces/argo-rollouts/leases/argo-rollouts-controller-lock' },
    { name: 'names are escaped', r: Resources.events, ns: 'ns1', n: 'a b', path: '/api/v1/namespaces/ns1/events/a%20b' },
  ] as Array<{ name: string; r: ResourceDescriptor; ns?: string; n?: string; sub?: string; path: string }>)('$name', ({ r, ns, n, sub, path }) => {
    expect(resourcePath(r, ns, n, sub)).toBe(path);
  });

  it('gives apiVersion strings as Kubernetes spells them', () => {
    expect([apiVersionOf(Resources.pods), apiVersionOf(Resources.rollouts), apiVersionOf(Resources.horizontalPodAutoscalers)]).toEqual(['v1', 'argoproj.io/v1alpha1', 'autoscaling/v2']);
  });

  it('follows --istio-api-version', () => {
    expect(resourcePath(istioResources('v1beta1').virtualServices, 'ns', 'vs')).toBe('/apis/networking.istio.io/v1beta1/namespaces/ns/virtualservices/vs');
  });
});
