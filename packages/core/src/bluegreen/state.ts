/**
 * Working state of one blue-green decision (local to a call): the rollout PlanContext, the ordered output, the
 * Services as this reconcile has left them, and the current pre/post-promotion runs.
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun } from '@serin/api';
import { ANNOTATION, EVENT_REASON, LABEL, getReplicasOrDefault } from '@serin/api';
import { ACTION, type PlanContext } from '../rollout/plan.js';
import { classifyReplicaSets } from '../rollout/replica-sets.js';
import { scaleReplicaSetAndRecordEvent } from '../rollout/sync-revision.js';
import type { BlueGreenAction } from './plan.js';
import { isBlueGreenFastRollback } from './fast-rollback.js';
import { BG_ACTION } from './plan.js';
import { shouldDelayScaleDownOnAbort } from './replica-sets.js';
import { buildSwitchServicePatch, serviceSelectorHash, switchServiceMessage } from './service-selector.js';

/** A copy of `rs` without `scale-down-deadline` (so the shared scale patch leaves that annotation alone). */
function withoutDeadline(rs: V1ReplicaSet): V1ReplicaSet {
  const annotations = { ...(rs.metadata?.annotations ?? {}) };
  delete annotations[ANNOTATION.ScaleDownDeadline];
  return { ...rs, metadata: { ...rs.metadata, annotations } };
}

export interface ServiceState {
  readonly name: string;
  svc: V1Service;
}

export class BlueGreenState {
  readonly out: BlueGreenAction[] = [];
  currentPre: AnalysisRun | undefined;
  currentPost: AnalysisRun | undefined;
  /** Analysis was reconciled in this pass (its current runs go to status). */
  analysisReconciled = false;
  error: string | undefined;
  /** The new RS had an unexpired `scale-down-deadline` when this reconcile began (blue-green fast rollback). */
  newRSWithinDelay = false;

  constructor(
    readonly ctx: PlanContext,
    readonly active: ServiceState,
    readonly preview: ServiceState | undefined,
  ) {}

  /** Fast rollback for this reconcile (see ./fast-rollback.ts). */
  fastRollback(): boolean {
    return isBlueGreenFastRollback(this.ctx, this.newRSWithinDelay);
  }

  /** Append a non-rollout action after everything the PlanContext has queued so far (order preserved). */
  push(action: BlueGreenAction): void {
    this.flush();
    this.out.push(action);
  }

  flush(): void {
    this.out.push(...this.ctx.actions.splice(0));
  }

  /** Switch a Service to `hash` (no write when already there and marked managed); event SwitchService. */
  switchService(target: ServiceState, hash: string): void {
    const patch = buildSwitchServicePatch(target.svc, hash, this.ctx.rollout.metadata?.name ?? '');
    if (patch === undefined) return;
    const from = serviceSelectorHash(target.svc);
    this.push({ kind: BG_ACTION.PatchService, name: target.name, patch });
    this.ctx.emit(EVENT_REASON.SwitchService, switchServiceMessage(target.name, from, hash));
    const svc = structuredClone(target.svc);
    svc.metadata = { ...svc.metadata, annotations: { ...(svc.metadata?.annotations ?? {}), [ANNOTATION.ManagedByRollouts]: this.ctx.rollout.metadata?.name ?? '' } };
    svc.spec = { ...svc.spec, selector: { ...(svc.spec?.selector ?? {}), [LABEL.PodTemplateHash]: hash } };
    target.svc = svc;
  }

  /** Patch an RS's annotations and keep the working copy in step. */
  annotate(rs: V1ReplicaSet, annotations: Record<string, string | null>): void {
    this.ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: rs.metadata?.name ?? '', patch: { metadata: { annotations } } });
    this.replace(rs, (copy) => {
      const next: Record<string, string> = { ...(copy.metadata?.annotations ?? {}) };
      for (const [k, v] of Object.entries(annotations)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      copy.metadata = { ...copy.metadata, annotations: next };
    });
  }

  /**
   * scaleReplicaSetAndRecordEvent, then the working copy carries the new size. Returns whether the size changed.
   * A scale to 0 drops `scale-down-deadline`, except while an abort delays the scale-down (the RS keeps its
   * deadline, so a scaled-down preview is not given a new one on the next reconcile).
   * parity: argo-rollouts rollout/sync.go scaleReplicaSet (fullScaleDown && !shouldDelayScaleDownOnAbort)
   */
  scale(rs: V1ReplicaSet, replicas: number): boolean {
    const before = this.ctx.actions.length;
    const keepDeadline = replicas === 0 && shouldDelayScaleDownOnAbort(this);
    const target = keepDeadline ? withoutDeadline(rs) : rs;
    const changed = scaleReplicaSetAndRecordEvent(this.ctx, target, replicas);
    if (this.ctx.actions.length === before) return changed;
    const desired = String(getReplicasOrDefault(this.ctx.rollout));
    this.replace(rs, (copy) => {
      const annotations: Record<string, string> = { ...(copy.metadata?.annotations ?? {}), [ANNOTATION.DesiredReplicas]: desired };
      if (replicas === 0 && !keepDeadline) delete annotations[ANNOTATION.ScaleDownDeadline];
      copy.metadata = { ...copy.metadata, annotations };
      copy.spec = { ...(copy.spec ?? { selector: {} }), replicas };
    });
    return changed;
  }

  private replace(rs: V1ReplicaSet, edit: (copy: V1ReplicaSet) => void): void {
    const ctx = this.ctx;
    const name = rs.metadata?.name;
    const current = ctx.rs.allRSs.find((r) => r.metadata?.name === name) ?? rs;
    const copy = structuredClone(current);
    edit(copy);
    const all = ctx.rs.allRSs.map((r) => (r.metadata?.name === name ? copy : r));
    const newRS = ctx.rs.newRS?.metadata?.name === name ? copy : ctx.rs.newRS;
    ctx.rs = classifyReplicaSets(ctx.rollout, all, newRS);
  }
}
