/**
 * Reads through `@kubernetes/client-node` (what any client sees): Rollouts, ReplicaSets, Pods, Events,
 * AnalysisRuns and Istio VirtualServices in one namespace. Writes go through kubectl and the plugin.
 */
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Pod, type V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisRun, Rollout } from '@serin/api';

export interface EventSummary {
  readonly reason: string;
  readonly message: string;
  readonly kind: string;
  readonly name: string;
  readonly type: string;
}

export interface ClusterReader {
  rollout(namespace: string, name: string): Promise<Rollout | undefined>;
  replicaSets(namespace: string): Promise<V1ReplicaSet[]>;
  pods(namespace: string): Promise<V1Pod[]>;
  events(namespace: string): Promise<EventSummary[]>;
  analysisRuns(namespace: string): Promise<AnalysisRun[]>;
  /** A Service's spec.selector (undefined when the Service does not exist). */
  serviceSelector(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** Experiments in the namespace as plain JSON. */
  experiments(namespace: string): Promise<{ metadata?: { name?: string }; status?: { phase?: string } }[]>;
  /** A networking.istio.io/v1alpha3 VirtualService as plain JSON. */
  virtualService(namespace: string, name: string): Promise<Record<string, unknown> | undefined>;
}

const notFound = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 404;

export function clusterReader(kubeconfig: string): ClusterReader {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const getCustom = async (group: string, version: string, plural: string, namespace: string, name: string): Promise<unknown> => {
    try {
      return (await custom.getNamespacedCustomObject({ group, version, namespace, plural, name })) as unknown;
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
  };
  return {
    rollout: async (namespace, name) => (await getCustom('argoproj.io', 'v1alpha1', 'rollouts', namespace, name)) as Rollout | undefined,
    replicaSets: async (namespace) => (await apps.listNamespacedReplicaSet({ namespace })).items,
    pods: async (namespace) => (await core.listNamespacedPod({ namespace })).items,
    events: async (namespace) =>
      (await core.listNamespacedEvent({ namespace })).items.map((e) => ({
        reason: e.reason ?? '',
        message: e.message ?? '',
        kind: e.involvedObject.kind ?? '',
        name: e.involvedObject.name ?? '',
        type: e.type ?? '',
      })),
    analysisRuns: async (namespace) => {
      const list = (await custom.listNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'analysisruns' })) as { items?: AnalysisRun[] };
      return list.items ?? [];
    },
    serviceSelector: async (namespace, name) => {
      try {
        return (await core.readNamespacedService({ namespace, name })).spec?.selector ?? {};
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    experiments: async (namespace) => {
      const list = (await custom.listNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'experiments' })) as { items?: { metadata?: { name?: string }; status?: { phase?: string } }[] };
      return list.items ?? [];
    },
    virtualService: async (namespace, name) => (await getCustom('networking.istio.io', 'v1alpha3', 'virtualservices', namespace, name)) as Record<string, unknown> | undefined,
  };
}
