/**
 * Pod eviction (policy/v1 Eviction subresource), used by `restartAt`.
 * parity: argo-rollouts rollout/restart.go (client.CoreV1().Pods(ns).Evict)
 */
import { ContentType, type Transport, kubeErrorFromResponse, toKubeError } from '@serin/kube';

export interface PodEvicter {
  /** POST the Eviction; throws a KubeError (429 TooManyRequests when a PDB forbids it). */
  evict(namespace: string, name: string): Promise<void>;
}

export function podEvicter(transport: Transport): PodEvicter {
  return {
    async evict(namespace, name) {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
      const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } };
      let resp;
      try {
        resp = await transport.request({ method: 'POST', path, body, contentType: ContentType.Json });
      } catch (err) {
        throw toKubeError(err);
      }
      if (resp.status < 200 || resp.status >= 300) throw kubeErrorFromResponse(resp.status, resp.body);
    },
  };
}
