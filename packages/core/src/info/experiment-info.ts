// Experiment rows (and the `get experiment` root) with their ReplicaSets and AnalysisRuns.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/experiment_info.go
import type { ExperimentLike, InfoObjects } from './types.js';
import type { ExperimentInfo } from './model.js';
import { analysisIcon } from './icons.js';
import { toEpochMs } from './duration.js';
import { isOwnedBy, parseRevision } from './owners.js';
import { getReplicaSetInfos } from './replica-set-info.js';
import { getAnalysisRunInfos } from './analysis-run-info.js';

export function newExperimentInfo(exp: ExperimentLike, objects: InfoObjects): ExperimentInfo {
  const phase = exp.status?.phase ?? '';
  const uid = exp.metadata?.uid;
  return {
    name: exp.metadata?.name ?? '',
    namespace: exp.metadata?.namespace ?? '',
    createdAt: toEpochMs(exp.metadata?.creationTimestamp),
    status: phase,
    message: exp.status?.message ?? '',
    icon: analysisIcon(phase),
    revision: parseRevision(exp.metadata),
    replicaSets: getReplicaSetInfos(uid, undefined, objects.replicaSets, objects.pods),
    analysisRuns: getAnalysisRunInfos(uid, objects.analysisRuns),
  };
}

/**
 * Order: revision descending, then creation ascending. (Upstream's comparator is not a strict ordering;
 * this is the well-defined order it aims at — argo-compat §22.)
 */
export function compareExperiments(a: ExperimentInfo, b: ExperimentInfo): number {
  if (a.revision !== b.revision) return b.revision - a.revision;
  return (a.createdAt ?? 0) - (b.createdAt ?? 0);
}

/** Experiments controlled by the rollout `ownerUid`, sorted. */
export function getExperimentInfos(ownerUid: string | undefined, objects: InfoObjects): ExperimentInfo[] {
  return objects.experiments
    .filter((e) => isOwnedBy(e.metadata, ownerUid))
    .map((e) => newExperimentInfo(e, objects))
    .sort(compareExperiments);
}
