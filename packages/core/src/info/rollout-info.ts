// The rollout info projection: header values plus revisions → ReplicaSets → Pods, Experiments, AnalysisRuns.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/rollout_info.go
import type { InfoObjects, RolloutLike } from './types.js';
import type { AnalysisRunInfo, ExperimentInfo, ReplicaSetInfo, RolloutInfo } from './model.js';
import { rolloutIcon } from './icons.js';
import { toEpochMs } from './duration.js';
import { getRolloutPhase } from './rollout-phase.js';
import { getCurrentCanaryStep, getCurrentSetWeight, maxTrafficWeight } from './canary-weight.js';
import { getReplicaSetInfos } from './replica-set-info.js';
import { getExperimentInfos } from './experiment-info.js';
import { getAnalysisRunInfos } from './analysis-run-info.js';

/**
 * ActualWeight: maxTrafficWeight with no current step; else 0 unless status.availableReplicas > 0, then
 * basic canary → ⌊canaryRS.available × maxW ÷ status.availableReplicas⌋, traffic-routed →
 * status.canary.weights.canary.weight, or SetWeight when no weights are recorded.
 */
export function actualWeight(ro: RolloutLike, replicaSets: readonly ReplicaSetInfo[], setWeight: number): number {
  const maxW = maxTrafficWeight(ro);
  if (getCurrentCanaryStep(ro) === undefined) return maxW;
  const available = ro.status?.availableReplicas ?? 0;
  if (available <= 0) return 0;
  if (ro.spec?.strategy?.canary?.trafficRouting === undefined) {
    let weight = 0;
    for (const rs of replicaSets) if (rs.canary) weight = Math.trunc((rs.available * maxW) / available);
    return weight;
  }
  const weights = ro.status?.canary?.weights;
  if (weights !== undefined && weights !== null) return weights.canary?.weight ?? 0;
  return setWeight;
}

/** Project a rollout and the objects of its namespace into the info tree. */
export function newRolloutInfo(ro: RolloutLike, objects: InfoObjects): RolloutInfo {
  const uid = ro.metadata?.uid;
  const replicaSets = getReplicaSetInfos(uid, ro, objects.replicaSets, objects.pods);
  const { phase, message } = getRolloutPhase(ro);
  const canary = ro.spec?.strategy?.canary;
  let strategy = '';
  let step = '';
  let setWeight = '';
  let actual = '';
  if (canary !== undefined) {
    strategy = 'Canary';
    const steps = canary.steps ?? [];
    const index = ro.status?.currentStepIndex;
    if (index !== undefined && index !== null && steps.length > 0) step = `${index}/${steps.length}`;
    const w = getCurrentSetWeight(ro);
    setWeight = String(w);
    actual = String(actualWeight(ro, replicaSets, w));
  } else if (ro.spec?.strategy?.blueGreen !== undefined) {
    strategy = 'BlueGreen';
  }
  const podSpec = ro.spec?.template?.spec;
  const status = ro.status ?? {};
  return {
    name: ro.metadata?.name ?? '',
    namespace: ro.metadata?.namespace ?? '',
    createdAt: toEpochMs(ro.metadata?.creationTimestamp),
    status: phase,
    message,
    icon: rolloutIcon(phase),
    strategy,
    step,
    setWeight,
    actualWeight: actual,
    desired: ro.spec?.replicas ?? 1,
    current: status.replicas ?? 0,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    containers: (podSpec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
    initContainers: (podSpec?.initContainers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
    replicaSets,
    experiments: getExperimentInfos(uid, objects),
    analysisRuns: getAnalysisRunInfos(uid, objects.analysisRuns),
  };
}

/** Revisions shown in the tree: union over ReplicaSets, Experiments and AnalysisRuns, descending. */
export function revisions(ro: RolloutInfo): number[] {
  const all = new Set<number>();
  for (const x of [...ro.replicaSets, ...ro.experiments, ...ro.analysisRuns]) all.add(x.revision);
  return [...all].sort((a, b) => b - a);
}

export interface RevisionGroup {
  readonly revision: number;
  readonly replicaSets: readonly ReplicaSetInfo[];
  readonly experiments: readonly ExperimentInfo[];
  readonly analysisRuns: readonly AnalysisRunInfo[];
}

/** The tree's revision groups, newest first, each keeping the children's own sort order. */
export function revisionGroups(ro: RolloutInfo): RevisionGroup[] {
  return revisions(ro).map((revision) => ({
    revision,
    replicaSets: ro.replicaSets.filter((x) => x.revision === revision),
    experiments: ro.experiments.filter((x) => x.revision === revision),
    analysisRuns: ro.analysisRuns.filter((x) => x.revision === revision),
  }));
}
