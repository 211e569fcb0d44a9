/**
 * Creating the new ReplicaSet and syncing revisions between it and the Rollout.
 * parity: argo-rollouts rollout/sync.go createDesiredReplicaSet, syncReplicaSetRevision, setRolloutRevision,
 *         scaleReplicaSetAndRecordEvent
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANNOTATION, CONDITION_MESSAGE, CONDITION_REASON, EVENT_REASON, getReplicasOrDefault } from '@serin/api';
import { getCondition, newCondition, setCondition } from './conditions.js';
import { ROLLOUT_EVENT_MESSAGE } from './events.js';
import { buildNewReplicaSet, replicasAnnotationsNeedUpdate, syncNewReplicaSetAnnotations } from './new-replica-set.js';
import { ACTION, type PlanContext } from './plan.js';
import { classifyReplicaSets, maxRevision, revisionOf, specReplicas } from './replica-sets.js';
import { metaTime } from './time.js';

/** Record `rollout.argoproj.io/revision` on the Rollout when it differs (event RolloutUpdated). */
export function setRolloutRevision(ctx: PlanContext, revision: string): void {
  const annotations = (ctx.rollout.metadata ??= {}).annotations ?? {};
  if (annotations[ANNOTATION.Revision] === revision) return;
  ctx.rollout.metadata.annotations = { ...annotations, [ANNOTATION.Revision]: revision };
  const changes: Record<string, string> = { [ANNOTATION.Revision]: revision };
  // upstream's Update also persists the in-memory workload-generation annotation of a workloadRef rollout
  const generation = annotations[ANNOTATION.WorkloadGeneration];
  if (generation !== undefined && ctx.stored.metadata?.annotations?.[ANNOTATION.WorkloadGeneration] !== generation) changes[ANNOTATION.WorkloadGeneration] = generation;
  ctx.actions.push({ kind: ACTION.PatchRollout, patch: { metadata: { annotations: changes } } });
  ctx.emit(EVENT_REASON.RolloutUpdated, ROLLOUT_EVENT_MESSAGE.rolloutUpdated(revision));
}

/** Set a condition on the working rollout status (what upstream writes with an intermediate UpdateStatus). */
function setWorkingProgressing(ctx: PlanContext, reason: string, message: string): void {
  const status = (ctx.rollout.status ??= {});
  status.conditions = setCondition(status.conditions, newCondition('Progressing', 'True', reason, message, ctx.nowMs)).conditions;
}

/**
 * No RS runs the desired template: create `<rollout>-<hash>` at revision max+1 with 0 replicas, record the
 * revision on the Rollout, emit NewReplicaSetCreated and set Progressing/NewReplicaSetCreated.
 */
export function createDesiredReplicaSet(ctx: PlanContext): void {
  const revision = maxRevision(ctx.rs.olderRSs) + 1;
  const rs = buildNewReplicaSet({ rollout: ctx.rollout, revision, hasDistinctStable: ctx.rs.stableRS !== undefined });
  ctx.actions.push({ kind: ACTION.CreateReplicaSet, replicaSet: rs });
  setRolloutRevision(ctx, String(revision));
  const name = rs.metadata?.name ?? '';
  ctx.emit(EVENT_REASON.NewReplicaSetCreated, ROLLOUT_EVENT_MESSAGE.newReplicaSetCreated(name, revision));
  setWorkingProgressing(ctx, CONDITION_REASON.NewReplicaSetCreated, CONDITION_MESSAGE.newReplicaSetCreated(name));
  // continue with the RS as the server returns it: created now
  const created: V1ReplicaSet = { ...rs, metadata: { ...rs.metadata, creationTimestamp: metaTime(ctx.nowMs) as unknown as Date } };
  ctx.rs = classifyReplicaSets(ctx.rollout, ctx.rs.allRSs, created);
}

/**
 * Bring the existing new RS to revision max(older)+1 (history kept) and the rollout's minReadySeconds; when it is
 * already in sync, copy its revision onto the Rollout and initialise Progressing/FoundNewReplicaSet if absent.
 */
export function syncReplicaSetRevision(ctx: PlanContext): void {
  const newRS = ctx.rs.newRS;
  if (newRS === undefined) return;
  const newRevision = maxRevision(ctx.rs.olderRSs) + 1;
  const sync = syncNewReplicaSetAnnotations(ctx.rollout, newRS, newRevision);
  if (sync.annotations !== undefined || sync.minReadySeconds !== undefined || sync.affinity !== undefined) {
    const spec = {
      ...(sync.minReadySeconds === undefined ? {} : { minReadySeconds: sync.minReadySeconds }),
      // a merge patch cannot edit list items: the whole affinity is replaced
      ...(sync.affinity === undefined ? {} : { template: { spec: { affinity: sync.affinity } } }),
    };
    const patch = {
      ...(sync.annotations === undefined ? {} : { metadata: { annotations: sync.annotations } }),
      ...(Object.keys(spec).length === 0 ? {} : { spec }),
    };
    ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: newRS.metadata?.name ?? '', patch });
    const updated: V1ReplicaSet = structuredClone(newRS);
    updated.metadata = { ...updated.metadata, annotations: { ...(updated.metadata?.annotations ?? {}), ...(sync.annotations ?? {}) } };
    if (sync.minReadySeconds !== undefined) updated.spec = { ...(updated.spec ?? { selector: {} }), minReadySeconds: sync.minReadySeconds };
    if (sync.affinity !== undefined && updated.spec?.template?.spec !== undefined) updated.spec.template.spec.affinity = sync.affinity;
    ctx.rs = classifyReplicaSets(ctx.rollout, ctx.rs.allRSs.map((rs) => (rs === newRS ? updated : rs)), updated);
    return;
  }
  setRolloutRevision(ctx, newRS.metadata?.annotations?.[ANNOTATION.Revision] ?? '');
  if (getCondition(ctx.rollout.status, 'Progressing') === undefined) {
    setWorkingProgressing(ctx, CONDITION_REASON.FoundNewReplicaSet, CONDITION_MESSAGE.foundNewReplicaSet(newRS.metadata?.name ?? ''));
  }
}

/** `workloadRef.scaleDown`: scale the referenced Deployment to `replicas` unless it is already there. */
export function scaleDeployment(ctx: PlanContext, replicas: number): void {
  const deployment = ctx.workload;
  if (deployment === undefined || (deployment.spec?.replicas ?? 1) === replicas) return;
  ctx.actions.push({ kind: ACTION.ScaleDeployment, name: deployment.metadata?.name ?? '', replicas });
}

/**
 * Scale `rs` to `newScale` (also when only the desired-replicas annotation is stale); emits ScalingReplicaSet
 * when the size changed. Returns whether the size changed.
 */
export function scaleReplicaSetAndRecordEvent(ctx: PlanContext, rs: V1ReplicaSet, newScale: number): boolean {
  const replicas = getReplicasOrDefault(ctx.rollout);
  const current = specReplicas(rs);
  const sizeChanged = current !== newScale;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicas)) return false;
  const annotations: Record<string, string | null> = { [ANNOTATION.DesiredReplicas]: String(replicas) };
  if (newScale === 0 && rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] !== undefined) annotations[ANNOTATION.ScaleDownDeadline] = null;
  ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: rs.metadata?.name ?? '', patch: { metadata: { annotations }, spec: { replicas: newScale } } });
  if (sizeChanged) {
    ctx.emit(
      EVENT_REASON.ScalingReplicaSet,
      ROLLOUT_EVENT_MESSAGE.scalingReplicaSet(current < newScale ? 'up' : 'down', rs.metadata?.name ?? '', revisionOf(rs) ?? 0, current, newScale),
    );
  }
  return sizeChanged;
}
