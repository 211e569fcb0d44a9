import { describe, expect, it } from 'vitest';
import { splitVirtualServiceName } from './router-spec.js';

// parity: argo-rollouts utils/istio/istio_test.go TestGetVirtualServiceNamespaceName (expectations, not code)
describe('splitVirtualServiceName: which VirtualService a Rollout reference names', () => {
  it.each([
    { ref: 'reviews-vs', namespace: 'shop', name: 'reviews-vs', why: 'a bare name lives in the Rollout namespace' },
    { ref: 'reviews-vs.edge', namespace: 'edge', name: 'reviews-vs', why: 'Istio shorthand name.namespace' },
    { ref: 'reviews-vs.edge.svc.cluster.local', namespace: 'svc', name: 'reviews-vs.edge', why: 'only .cluster.local is stripped; the last segment left is the namespace' },
    { ref: 'reviews-vs.edge.cluster.local', namespace: 'edge', name: 'reviews-vs', why: 'a fully-qualified reference resolves like the shorthand' },
    { ref: 'my.virtual.service.istio', namespace: 'istio', name: 'my.virtual.service', why: 'upstream row: multiple periods in name plus namespace' },
    { ref: 'test.namespace.cluster.local', namespace: 'namespace', name: 'test', why: 'upstream row: fully qualified with cluster.local suffix' },
    { ref: 'reviews.v2.edge', namespace: 'edge', name: 'reviews.v2', why: 'a name with periods keeps them (upstream #4709)' },
    { ref: 'reviews-vs.', namespace: 'shop', name: 'reviews-vs', why: 'an empty namespace segment falls back to the Rollout namespace' },
    { ref: 'edge/reviews-vs', namespace: 'edge', name: 'reviews-vs', why: 'Serin also accepts namespace/name' },
    { ref: 'edge/reviews.v2', namespace: 'edge', name: 'reviews.v2', why: 'with a slash, periods belong to the name' },
    { ref: '/reviews-vs', namespace: 'shop', name: 'reviews-vs', why: 'an empty namespace before the slash is the Rollout namespace' },
  ])('$ref → $namespace/$name ($why)', ({ ref, namespace, name }) => {
    expect(splitVirtualServiceName(ref, 'shop')).toEqual({ namespace, name });
  });
});
