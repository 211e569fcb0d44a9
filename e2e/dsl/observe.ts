/** Pure summaries of cluster objects in the terms scenarios assert on. */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisRun, Rollout } from '@serin/api';

export interface RolloutView {
  readonly phase: string | undefined;
  readonly message: string | undefined;
  /** status.currentStepIndex */
  readonly step: number | undefined;
  readonly replicas: number;
  readonly updated: number;
  readonly ready: number;
  readonly available: number;
  readonly aborted: boolean;
  readonly paused: boolean;
  /** Pause-condition reasons (`CanaryPauseStep`, `InconclusiveAnalysisRun`, …). */
  readonly pauseReasons: readonly string[];
  /** status.stableRS === status.currentPodHash */
  readonly stableIsCurrent: boolean;
  readonly specReplicas: number | undefined;
  readonly selector: string | undefined;
  /** The controller has written status for the current spec: status.observedGeneration = metadata.generation. */
  readonly observed: boolean;
}

export function rolloutView(ro: Rollout): RolloutView {
  const s = ro.status ?? {};
  return {
    phase: s.phase,
    message: s.message,
    step: s.currentStepIndex,
    replicas: s.replicas ?? 0,
    updated: s.updatedReplicas ?? 0,
    ready: s.readyReplicas ?? 0,
    available: s.availableReplicas ?? 0,
    aborted: s.abort === true,
    paused: ro.spec.paused === true,
    pauseReasons: (s.pauseConditions ?? []).map((c) => c.reason),
    stableIsCurrent: s.stableRS !== undefined && s.stableRS === s.currentPodHash,
    specReplicas: ro.spec.replicas,
    selector: s.selector,
    observed: s.observedGeneration !== undefined && s.observedGeneration === String(ro.metadata?.generation),
  };
}

export interface ReplicaSetView {
  readonly image: string;
  readonly replicas: number;
  readonly ready: number;
}

/**
 * The ReplicaSets a Rollout controls, as `image → replicas/ready`, sorted by image; ReplicaSets scaled to 0
 * are listed too (with 0) so a scale-down is observable.
 */
export function replicaSetViews(all: readonly V1ReplicaSet[], rolloutName: string): ReplicaSetView[] {
  return all
    .filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o) => o.controller === true && o.kind === 'Rollout' && o.name === rolloutName))
    .map((rs) => ({
      image: rs.spec?.template?.spec?.containers[0]?.image ?? '',
      replicas: rs.spec?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
    }))
    .sort((a, b) => a.image.localeCompare(b.image));
}

/** `image → spec.replicas` for the ReplicaSets with at least one desired replica. */
export function liveReplicaSets(views: readonly ReplicaSetView[]): Record<string, number> {
  return Object.fromEntries(views.filter((v) => v.replicas > 0).map((v) => [v.image, v.replicas]));
}

export interface AnalysisRunView {
  readonly name: string;
  readonly phase: string | undefined;
}

export function analysisRunViews(runs: readonly AnalysisRun[]): AnalysisRunView[] {
  return runs.map((r) => ({ name: r.metadata?.name ?? '', phase: r.status?.phase })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Weights of the named HTTP route of a VirtualService: `destination host[/subset] → weight`.
 */
export function routeWeights(vs: Readonly<Record<string, unknown>>, routeName: string): Record<string, number> {
  const spec = (vs['spec'] ?? {}) as { http?: { name?: string; route?: { destination?: { host?: string; subset?: string }; weight?: number }[] }[] };
  const route = (spec.http ?? []).find((h) => h.name === routeName);
  const out: Record<string, number> = {};
  for (const d of route?.route ?? []) {
    const key = d.destination?.subset === undefined ? (d.destination?.host ?? '') : `${d.destination.host ?? ''}/${d.destination.subset}`;
    out[key] = d.weight ?? 0;
  }
  return out;
}
