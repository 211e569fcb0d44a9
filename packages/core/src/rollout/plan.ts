/**
 * The output of a rollout decision: an ordered list of writes and events (executed in order by the actor; an
 * event follows the write it reports, as upstream records events after a successful write) and a requeue delay.
 */
import type { V1Deployment, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { Experiment, Rollout, RolloutStatus } from '@serin/api';
import type { EventReason } from '@serin/api';
import type { CanaryAnalysisAction, CanaryAnalysisInputs } from './canary-analysis.js';
import type { CanaryExperimentAction } from './canary-experiment.js';
import type { ServiceAction } from './canary-services.js';
import type { CanaryStages } from './canary-stages.js';
import type { TrafficRoutingAction, TrafficRoutingOutcome } from './canary-traffic.js';
import { PauseContext } from './pause.js';
import { classifyReplicaSets, findNewReplicaSet, type ReplicaSetClassification } from './replica-sets.js';

export type JsonPatch = { readonly [key: string]: unknown };

export const ACTION = {
  PatchRollout: 'patchRollout',
  CreateReplicaSet: 'createReplicaSet',
  PatchReplicaSet: 'patchReplicaSet',
  DeleteReplicaSet: 'deleteReplicaSet',
  EvictPod: 'evictPod',
  PatchPod: 'patchPod',
  ScaleDeployment: 'scaleDeployment',
  PatchStatus: 'patchStatus',
  Event: 'event',
} as const;

export type RolloutAction =
  /** Merge patch on the Rollout itself (revision annotation, `spec.replicas` default). */
  | { readonly kind: typeof ACTION.PatchRollout; readonly patch: JsonPatch }
  | { readonly kind: typeof ACTION.CreateReplicaSet; readonly replicaSet: V1ReplicaSet }
  | { readonly kind: typeof ACTION.PatchReplicaSet; readonly name: string; readonly patch: JsonPatch }
  | { readonly kind: typeof ACTION.DeleteReplicaSet; readonly name: string; readonly uid: string | undefined }
  | { readonly kind: typeof ACTION.EvictPod; readonly name: string }
  /** Ephemeral metadata on a running pod (labels/annotations only). */
  | { readonly kind: typeof ACTION.PatchPod; readonly name: string; readonly patch: JsonPatch }
  /** `workloadRef.scaleDown`: set the referenced Deployment's `spec.replicas`. */
  | { readonly kind: typeof ACTION.ScaleDeployment; readonly name: string; readonly replicas: number }
  /** The one merge patch to `/status` (`{status: …}`). */
  | { readonly kind: typeof ACTION.PatchStatus; readonly patch: JsonPatch }
  | { readonly kind: typeof ACTION.Event; readonly type: 'Normal' | 'Warning'; readonly reason: EventReason; readonly message: string }
  /** Canary stages with I/O of their own (canary-traffic.ts, canary-analysis.ts). */
  | TrafficRoutingAction
  | CanaryAnalysisAction
  | CanaryExperimentAction
  | ServiceAction;

export interface RolloutPlan {
  readonly actions: readonly RolloutAction[];
  /** Reconcile again after this long (pause expiry, progress deadline, restart check, invalid spec). */
  readonly requeueAfterMs?: number;
}

/** What the reconciler read from its caches. Cached objects: never mutated here. */
export interface RolloutSnapshot {
  readonly rollout: Rollout;
  /** ReplicaSets controlled by the rollout. */
  readonly replicaSets: readonly V1ReplicaSet[];
  /** Pods of those ReplicaSets (only read for `restartAt`). */
  readonly pods: readonly V1Pod[];
  /** The Deployment named by `spec.workloadRef` (undefined when there is none or it is not in the cache). */
  readonly workload?: V1Deployment | undefined;
  readonly nowMs: number;
  /** AnalysisRuns and templates for canary analysis (absent: the analysis stage is skipped). */
  readonly analysis?: CanaryAnalysisInputs | undefined;
  /** Experiments controlled by the rollout, for `experiment` steps (absent: the experiment stage is skipped). */
  readonly experiments?: readonly Experiment[] | undefined;
  /** Services of the rollout's namespace by name, for `stableService`/`canaryService` (absent: not switched). */
  readonly services?: ReadonlyMap<string, V1Service> | undefined;
  /**
   * The DestinationRule named by `trafficRouting.istio.destinationRule`, as cached (absent: not checked). An old
   * ReplicaSet its subsets still select is not scaled down.
   */
  readonly destinationRule?: { readonly spec?: Readonly<Record<string, unknown>> | undefined } | undefined;
  /** The traffic routers' outcome, on the second pass of a routed canary (canary-traffic.ts). */
  readonly trafficRouting?: TrafficRoutingOutcome | undefined;
}

/**
 * Mutable working state of one decision (local to a call, never shared): `rollout` is the working copy that
 * absorbs the effects of earlier writes in the same reconcile (revision annotation, Progressing condition), as
 * upstream's context re-reads its own updates; `original` is what the status diff is taken against.
 */
export class PlanContext {
  readonly actions: RolloutAction[] = [];
  private readonly requeues: number[] = [];
  rollout: Rollout;
  rs: ReplicaSetClassification;
  readonly pause: PauseContext;
  /** `newStatus.restartedAt` (set when a restart finished or a new update started). */
  restartedAt: string | undefined;
  /** Outcomes of the traffic-routing and analysis stages, read by the status sync. */
  readonly stages: CanaryStages = {};

  /**
   * @param original the rollout as read (template resolved from `workloadRef` when it has one)
   * @param stored the rollout exactly as cached (its annotations are what a metadata patch is compared with)
   */
  constructor(
    readonly original: Rollout,
    replicaSets: readonly V1ReplicaSet[],
    readonly pods: readonly V1Pod[],
    readonly nowMs: number,
    readonly stored: Rollout = original,
    readonly workload: V1Deployment | undefined = undefined,
  ) {
    this.rollout = structuredClone(original);
    this.rollout.status ??= {};
    this.pause = new PauseContext(this.rollout);
    this.restartedAt = original.status?.restartedAt;
    this.rs = classifyReplicaSets(this.rollout, replicaSets, findNewReplicaSet(this.rollout, replicaSets));
  }

  get status(): RolloutStatus {
    return this.rollout.status ?? {};
  }

  emit(reason: EventReason, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.actions.push({ kind: ACTION.Event, type, reason, message });
  }

  requeueAfter(ms: number): void {
    this.requeues.push(Math.max(0, ms));
  }

  result(): RolloutPlan {
    const requeueAfterMs = this.requeues.length === 0 ? undefined : Math.min(...this.requeues);
    return requeueAfterMs === undefined ? { actions: this.actions } : { actions: this.actions, requeueAfterMs };
  }
}
