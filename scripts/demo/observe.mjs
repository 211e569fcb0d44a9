// What the demo reads from its sandbox while a rollout progresses, summarised for narration and checks.
import { NS } from './manifests.mjs';

/** VirtualService `demo` route `primary`: { stable, canary } weights. */
export function vsWeights(vs) {
  const route = (vs?.spec?.http ?? []).find((h) => h.name === 'primary');
  const w = { stable: 0, canary: 0 };
  for (const d of route?.route ?? []) {
    if (d.destination?.host === 'demo-stable') w.stable = d.weight ?? 0;
    if (d.destination?.host === 'demo-canary') w.canary = d.weight ?? 0;
  }
  return w;
}

export async function snapshot(kube) {
  const [ro, vs, runs, rss] = await Promise.all([
    kube.get(`/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts/demo`),
    kube.get(`/apis/networking.istio.io/v1alpha3/namespaces/${NS}/virtualservices/demo`),
    kube.list(`/apis/argoproj.io/v1alpha1/namespaces/${NS}/analysisruns`),
    kube.list(`/apis/apps/v1/namespaces/${NS}/replicasets`),
  ]);
  const status = ro?.status ?? {};
  const image = ro?.spec?.template?.spec?.containers?.[0]?.image;
  const currentRS = rss.find((rs) => rs.metadata?.labels?.['rollouts-pod-template-hash'] === status.currentPodHash);
  return {
    phase: status.phase,
    message: status.message ?? '',
    step: status.currentStepIndex,
    aborted: status.abort === true,
    /** The controller has seen the latest spec (status written for this generation). */
    observed: ro !== undefined && status.observedGeneration === String(ro.metadata?.generation),
    stableIsCurrent: status.stableRS !== undefined && status.stableRS === status.currentPodHash,
    image,
    weights: vsWeights(vs),
    canaryReplicas: status.stableRS === status.currentPodHash ? 0 : (currentRS?.spec?.replicas ?? 0),
    available: status.availableReplicas ?? 0,
    runs: runs.map((r) => ({
      name: r.metadata?.name ?? '',
      phase: r.status?.phase ?? 'Pending',
      message: r.status?.message ?? '',
      created: r.metadata?.creationTimestamp ?? '',
      measurements: (r.status?.metricResults ?? []).flatMap((m) => (m.measurements ?? []).map((x) => ({ metric: m.name, phase: x.phase, value: x.value }))),
    })),
  };
}

/** One line per state change, in plain words. */
export function describe(s) {
  const step = s.step === undefined ? '-' : `${s.step}`;
  return `phase=${s.phase ?? '?'} step=${step} traffic stable/canary=${s.weights.stable}/${s.weights.canary} canary pods=${s.canaryReplicas}${s.message ? ` (${s.message})` : ''}`;
}
