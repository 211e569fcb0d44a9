/**
 * Blue-green replica maths: the size of the new (preview) ReplicaSet, saturation and readiness for the pause.
 * parity: argo-rollouts utils/replicaset/replicaset.go NewRSNewReplicas (blue-green branch);
 *         utils/replicaset/bluegreen.go GetReplicaSetByTemplateHash, ReadyForPause;
 *         utils/annotations/annotations.go IsSaturated
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { ANNOTATION, getReplicasOrDefault } from '@serin/api';
import { podTemplateHashOf, specReplicas } from '../rollout/replica-sets.js';

/** The ReplicaSet whose `rollouts-pod-template-hash` is `hash` (undefined for an empty hash). */
export function getReplicaSetByTemplateHash(replicaSets: readonly V1ReplicaSet[], hash: string | undefined): V1ReplicaSet | undefined {
  if (hash === undefined || hash === '') return undefined;
  return replicaSets.find((rs) => podTemplateHashOf(rs) === hash);
}

/**
 * Desired size of the new RS:
 * no `previewReplicaCount` → `spec.replicas`; otherwise `spec.replicas` once the new RS is (or there is no) active
 * RS, under `promoteFull`, or when resumed past `scaleUpPreviewCheckPoint`; else `previewReplicaCount` (always for
 * a template the status has not recorded yet).
 * Example: replicas 3, previewReplicaCount 1, active = old RS, not promoted → 1.
 */
export function newRSNewReplicasForBlueGreen(rollout: Rollout, allRSs: readonly V1ReplicaSet[], newRS: V1ReplicaSet): number {
  const desired = getReplicasOrDefault(rollout);
  const preview = rollout.spec.strategy?.blueGreen?.previewReplicaCount;
  if (preview === undefined) return desired;
  const status = rollout.status ?? {};
  const activeRS = getReplicaSetByTemplateHash(allRSs, status.blueGreen?.activeSelector);
  if (activeRS === undefined || activeRS.metadata?.name === newRS.metadata?.name) return desired;
  if (status.promoteFull === true) return desired;
  if (podTemplateHashOf(newRS) !== (status.currentPodHash ?? '')) return preview;
  const notPaused = rollout.spec.paused !== true && (status.pauseConditions ?? []).length === 0;
  if (notPaused && status.blueGreen?.scaleUpPreviewCheckPoint === true) return desired;
  return preview;
}

/** The new RS has its desired size and all of it is available. */
export function readyForPause(rollout: Rollout, newRS: V1ReplicaSet, allRSs: readonly V1ReplicaSet[]): boolean {
  const want = newRSNewReplicasForBlueGreen(rollout, allRSs, newRS);
  return specReplicas(newRS) === want && (newRS.status?.availableReplicas ?? 0) === want;
}

/**
 * Saturated: `spec.replicas` of the RS, its `desired-replicas` annotation and its available pods all equal the
 * rollout's `spec.replicas`.
 */
export function isSaturated(rollout: Rollout, rs: V1ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const text = rs.metadata?.annotations?.[ANNOTATION.DesiredReplicas];
  if (text === undefined || !/^\d+$/.test(text)) return false;
  const replicas = getReplicasOrDefault(rollout);
  return specReplicas(rs) === replicas && Number.parseInt(text, 10) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}
