// ReplicaSet rows with their pods and stable/canary/active/preview/ping/pong roles.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/replicaset_info.go
import type { PodLike, ReplicaSetLike, RolloutLike } from './types.js';
import type { PodInfo, ReplicaSetInfo } from './model.js';
import { replicaSetIcon } from './icons.js';
import { toEpochMs } from './duration.js';
import { comparePods, newPodInfo } from './pod-info.js';
import {
  annotation,
  ExperimentTemplateNameAnnotation,
  isOwnedBy,
  parseRevision,
  PodTemplateHashLabel,
  ScaleDownDeadlineAnnotation,
} from './owners.js';

/**
 * ReplicaSet health: `Progressing` while `generation > status.observedGeneration`; else `ReplicaFailure` when
 * that condition is True; else `Progressing` while available < spec.replicas; else `ScaledDown` at 0 replicas;
 * else `Healthy`.
 */
export function replicaSetHealth(rs: ReplicaSetLike): string {
  if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) return 'Progressing';
  const failure = (rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure');
  if (failure?.status === 'True') return 'ReplicaFailure';
  const specReplicas = rs.spec?.replicas;
  if (specReplicas !== undefined && (rs.status?.availableReplicas ?? 0) < specReplicas) return 'Progressing';
  if (specReplicas === 0) return 'ScaledDown';
  return 'Healthy';
}

interface Roles {
  stable: boolean;
  canary: boolean;
  active: boolean;
  preview: boolean;
  ping: boolean;
  pong: boolean;
}

/**
 * Roles from the rollout status. Canary: hash == stableRS → stable (+ ping/pong per stablePingPong when pingPong
 * is configured), else hash == currentPodHash → canary (+ the other of ping/pong). Blue-green: stable when hash ==
 * stableRS; active when hash == activeSelector, else preview when hash == previewSelector.
 */
export function replicaSetRoles(hash: string, ro: RolloutLike | undefined): Roles {
  const roles: Roles = { stable: false, canary: false, active: false, preview: false, ping: false, pong: false };
  if (ro === undefined) return roles;
  const status = ro.status ?? {};
  const canary = ro.spec?.strategy?.canary;
  if (canary !== undefined) {
    const pingPong = canary.pingPong !== undefined;
    const stableIsPing = status.canary?.stablePingPong === 'ping';
    if ((status.stableRS ?? '') === hash) {
      roles.stable = true;
      if (pingPong) Object.assign(roles, { ping: stableIsPing, pong: !stableIsPing });
    } else if ((status.currentPodHash ?? '') === hash) {
      roles.canary = true;
      if (pingPong) Object.assign(roles, { ping: !stableIsPing, pong: stableIsPing });
    }
  }
  if (ro.spec?.strategy?.blueGreen !== undefined) {
    if ((status.stableRS ?? '') === hash) roles.stable = true;
    if ((status.blueGreen?.activeSelector ?? '') === hash) roles.active = true;
    else if ((status.blueGreen?.previewSelector ?? '') === hash) roles.preview = true;
  }
  return roles;
}

/** Order: revision descending, then name ascending (upstream's effective order; see cli-output §4.3). */
export function compareReplicaSets(a: ReplicaSetInfo, b: ReplicaSetInfo): number {
  if (a.revision !== b.revision) return b.revision - a.revision;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * ReplicaSets controlled by `ownerUid` (a Rollout or an Experiment; roles only for a Rollout), sorted, each with
 * the pods it owns.
 */
export function getReplicaSetInfos(
  ownerUid: string | undefined,
  ro: RolloutLike | undefined,
  replicaSets: readonly ReplicaSetLike[],
  pods: readonly PodLike[],
): ReplicaSetInfo[] {
  const owned = replicaSets.filter((rs) => isOwnedBy(rs.metadata, ownerUid));
  return owned
    .map((rs): ReplicaSetInfo => {
      const status = replicaSetHealth(rs);
      const uid = rs.metadata?.uid ?? '';
      const podInfos: PodInfo[] = pods.filter((p) => isOwnedBy(p.metadata, uid)).map(newPodInfo).sort(comparePods);
      const template = rs.spec?.template?.spec;
      return {
        name: rs.metadata?.name ?? '',
        namespace: rs.metadata?.namespace ?? '',
        uid,
        createdAt: toEpochMs(rs.metadata?.creationTimestamp),
        status,
        icon: replicaSetIcon(status),
        revision: parseRevision(rs.metadata),
        replicas: rs.status?.replicas ?? 0,
        available: rs.status?.availableReplicas ?? 0,
        ...replicaSetRoles(rs.metadata?.labels?.[PodTemplateHashLabel] ?? '', ro),
        template: annotation(rs.metadata, ExperimentTemplateNameAnnotation),
        scaleDownDeadline: annotation(rs.metadata, ScaleDownDeadlineAnnotation),
        images: (template?.containers ?? []).map((c) => c.image ?? ''),
        initContainerImages: (template?.initContainers ?? []).map((c) => c.image ?? ''),
        pods: podInfos,
      };
    })
    .sort(compareReplicaSets);
}
