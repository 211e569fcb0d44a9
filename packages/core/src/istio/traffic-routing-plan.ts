/**
 * The traffic-routing step of a canary reconcile as a pure decision: which weight to route, which
 * hashes to pin, whether managed routes go, which header/mirror step applies, and the resulting
 * `status.canary.weights`. Router-independent (Istio is the first router that consumes it).
 * parity: argo-rollouts rollout/trafficrouting.go reconcileTrafficRouting,
 * calculateDesiredWeightOnAbortOrStableRollback, calculateWeightStatus, trafficWeightUpdatedMessage
 */
import type { Rollout, SetHeaderRoute, SetMirrorRoute, TrafficWeights, WeightDestination } from '@serin/api';
import { ANNOTATION, LABEL, getMaxTrafficWeightOrDefault, getReplicasOrDefault } from '@serin/api';
import { atDesiredReplicaCountsForCanary, replicaProgressThresholdMet } from '../replica-set/canary-progress.js';
import { getCurrentCanaryStep, getCurrentSetWeight } from '../replica-set/canary-step.js';
import { getDesiredCanaryWeight } from '../replica-set/canary-weight.js';
import type { MaybeReplicaSet } from '../replica-set/replica-counts.js';
import { deepEqual } from './json.js';

export interface TrafficRoutingSnapshot {
  readonly rollout: Rollout;
  readonly newRS: MaybeReplicaSet;
  readonly stableRS: MaybeReplicaSet;
  readonly otherRSs: readonly MaybeReplicaSet[];
  /** Weighted experiment templates of a Running step experiment (caller computes from the Experiment). */
  readonly experimentDestinations?: readonly WeightDestination[];
}

export const TRAFFIC_ROUTING_CASE = {
  DynamicRollbackToStable: 'DynamicRollbackToStable',
  FullyPromoted: 'FullyPromoted',
  Aborted: 'Aborted',
  NewRSUnavailable: 'NewRSUnavailable',
  PromoteFull: 'PromoteFull',
  PreviousWeight: 'PreviousWeight',
  CurrentStep: 'CurrentStep',
  PastLastStep: 'PastLastStep',
} as const;
export type TrafficRoutingCase = (typeof TRAFFIC_ROUTING_CASE)[keyof typeof TRAFFIC_ROUTING_CASE];

export interface TrafficRoutingPlan {
  readonly case: TrafficRoutingCase;
  readonly desiredWeight: number;
  readonly canaryHash: string;
  readonly stableHash: string;
  readonly additional: readonly WeightDestination[];
  /** Call `removeManagedRoutes()` first (happens even when `waitForStable`). */
  readonly removeManagedRoutes: boolean;
  /** Point the canary Service back at the stable hash (abort; the rollout reconciler owns Services). */
  readonly switchCanaryServiceToStable: boolean;
  /** The stable RS cannot carry `maxW − w` yet: stop here, change nothing else. */
  readonly waitForStable: boolean;
  readonly headerRoute?: SetHeaderRoute;
  readonly mirrorRoute?: SetMirrorRoute;
  /** `setWeight(w)` before `updateHash` (new RS has no available pods but traffic still goes to a canary). */
  readonly setWeightBeforeHash: boolean;
  readonly weights: TrafficWeights;
  /** `weights` differ from `status.canary.weights` → record `TrafficWeightUpdated` and reset `verified`. */
  readonly weightsChanged: boolean;
  readonly weightEventMessage: string;
  /** At the end of the rollout an unverified weight is an error (old RSs must not scale down yet). */
  readonly verifyRequiredToFinish: boolean;
}

const hashOf = (rs: MaybeReplicaSet): string => rs?.metadata?.labels?.[LABEL.PodTemplateHash] ?? '';
const available = (rs: MaybeReplicaSet): number => rs?.status?.availableReplicas ?? 0;

/** fully promoted: `status.stableRS == status.currentPodHash`. */
export function isFullyPromoted(rollout: Rollout): boolean {
  const s = rollout.status;
  return s?.stableRS !== undefined && s.stableRS !== '' && s.stableRS === s.currentPodHash;
}

/** Fully promoted with dynamicStableScale, but the weights still name another canary hash whose RS is short. */
export function dynamicRollbackToStable(rollout: Rollout, desiredRS: MaybeReplicaSet): { rollingBack: boolean; previousHash: string } {
  const weights = rollout.status?.canary?.weights;
  if (!isFullyPromoted(rollout) || rollout.spec.strategy?.canary?.dynamicStableScale !== true || weights === undefined) return { rollingBack: false, previousHash: '' };
  const prev = weights.canary.podTemplateHash ?? '';
  if (prev !== hashOf(desiredRS) && available(desiredRS) < getReplicasOrDefault(rollout)) return { rollingBack: true, previousHash: prev };
  return { rollingBack: false, previousHash: '' };
}

/**
 * Weight while aborting or rolling back to stable. Without dynamicStableScale (or missing RSs, 0 replicas): 0.
 * Else: desired = getDesiredCanaryWeight; expected = max(0, maxW − ⌊maxW·stable.available/spec⌋);
 * no previous weights → max(expected, desired); desired ≤ 0 → min(expected, current) (never raise while
 * stable availability flaps); stable still short of maxW − desired → current; else min(desired, current).
 */
export function desiredWeightOnAbortOrStableRollback(rollout: Rollout, newRS: MaybeReplicaSet, stableRS: MaybeReplicaSet): number {
  const spec = rollout.spec.replicas;
  if (rollout.spec.strategy?.canary?.dynamicStableScale !== true || !stableRS || !newRS || spec === undefined || spec === 0) return 0;
  const maxW = getMaxTrafficWeightOrDefault(rollout);
  const desired = getDesiredCanaryWeight(rollout, newRS, stableRS);
  const stableWeight = Math.floor((maxW * available(stableRS)) / spec);
  const expected = Math.max(0, maxW - stableWeight);
  const weights = rollout.status?.canary?.weights;
  if (weights === undefined) return Math.max(expected, desired);
  const current = weights.canary.weight;
  if (desired <= 0) return Math.min(expected, current);
  if (stableWeight < maxW - desired) return current;
  return Math.min(desired, current);
}

/** `status.canary.weights` for weight `w`: stable = maxW − w − Σ additional. */
export function calculateWeightStatus(rollout: Rollout, canaryHash: string, stableHash: string, w: number, additional: readonly WeightDestination[]): TrafficWeights {
  const canary = rollout.spec.strategy?.canary;
  const stable = getMaxTrafficWeightOrDefault(rollout) - w - additional.reduce((a, d) => a + d.weight, 0);
  return {
    canary: { weight: w, podTemplateHash: canaryHash, serviceName: canary?.canaryService ?? '' },
    stable: { weight: stable, podTemplateHash: stableHash, serviceName: canary?.stableService ?? '' },
    ...(additional.length > 0 ? { additional: [...additional] } : {}),
  };
}

function sameWeights(prev: TrafficWeights | undefined, next: TrafficWeights): boolean {
  if (prev === undefined) return false;
  const dest = (d: { weight: number; podTemplateHash?: string; serviceName?: string }) => [d.weight, d.podTemplateHash ?? '', d.serviceName ?? ''];
  return deepEqual(dest(prev.canary), dest(next.canary)) && deepEqual(dest(prev.stable), dest(next.stable)) && deepEqual(prev.additional ?? [], next.additional ?? []);
}

/** `Traffic weight updated to N` / `… from A to B` / `…, additional: [{w svc hash}]` (Go %v of the slice). */
export function trafficWeightUpdatedMessage(prev: TrafficWeights | undefined, next: TrafficWeights): string {
  const details: string[] = [];
  if (prev === undefined) details.push(`to ${next.canary.weight}`);
  else if (prev.canary.weight !== next.canary.weight) details.push(`from ${prev.canary.weight} to ${next.canary.weight}`);
  if (prev !== undefined && !deepEqual(prev.additional ?? [], next.additional ?? [])) {
    details.push(`additional: [${(next.additional ?? []).map((d) => `{${d.weight} ${d.serviceName ?? ''} ${d.podTemplateHash ?? ''}}`).join(' ')}]`);
  }
  return `Traffic weight updated ${details.join(', ')}`;
}

/** Whether `rs` can carry weight `w`: available ≥ ⌊w·spec/maxW⌋ or the progress threshold is met. */
export function replicasAvailableForWeight(rollout: Rollout, rs: MaybeReplicaSet, w: number): boolean {
  if (!rs) return false;
  const desired = Math.floor((w * getReplicasOrDefault(rollout)) / getMaxTrafficWeightOrDefault(rollout));
  return available(rs) >= desired || replicaProgressThresholdMet(rollout.spec.strategy?.canary?.replicaProgressThreshold, rs, desired);
}

/** The §12.2 decision, first match wins (see TRAFFIC_ROUTING_CASE). */
export function planTrafficRouting(snapshot: TrafficRoutingSnapshot): TrafficRoutingPlan {
  const { rollout, newRS, stableRS } = snapshot;
  const experiment = [...(snapshot.experimentDestinations ?? [])];
  const maxW = getMaxTrafficWeightOrDefault(rollout);
  const steps = rollout.spec.strategy?.canary?.steps ?? [];
  const { step, index } = getCurrentCanaryStep(rollout);
  const dynamic = rollout.spec.strategy?.canary?.dynamicStableScale === true;
  let canaryHash = hashOf(newRS);
  const stableHash = hashOf(stableRS);
  let w = 0;
  let additional: WeightDestination[] = [];
  let remove = false;
  let switchSvc = false;
  let kase: TrafficRoutingCase = TRAFFIC_ROUTING_CASE.PastLastStep;

  const rollback = dynamicRollbackToStable(rollout, newRS);
  if (rollback.rollingBack) {
    kase = TRAFFIC_ROUTING_CASE.DynamicRollbackToStable;
    w = desiredWeightOnAbortOrStableRollback(rollout, newRS, stableRS);
    canaryHash = rollback.previousHash;
  } else if (isFullyPromoted(rollout)) {
    kase = TRAFFIC_ROUTING_CASE.FullyPromoted;
    remove = true;
  } else if (rollout.status?.abort === true) {
    kase = TRAFFIC_ROUTING_CASE.Aborted;
    w = desiredWeightOnAbortOrStableRollback(rollout, newRS, stableRS);
    switchSvc = !dynamic || w === 0;
    remove = true;
  } else if (!newRS || available(newRS) === 0) {
    kase = TRAFFIC_ROUTING_CASE.NewRSUnavailable;
    additional = experiment;
    remove = true;
  } else if (rollout.status?.promoteFull === true) {
    kase = TRAFFIC_ROUTING_CASE.PromoteFull;
    if (dynamic) w = Math.floor((maxW * available(newRS)) / getReplicasOrDefault(rollout));
    else w = rollout.status.canary?.weights?.canary.weight ?? 0;
    remove = true;
  } else if (index !== undefined) {
    if (!atDesiredReplicaCountsForCanary(rollout, newRS, stableRS, snapshot.otherRSs)) {
      kase = TRAFFIC_ROUTING_CASE.PreviousWeight;
      for (let i = index - 1; i >= 0; i--) {
        const sw = steps[i]?.setWeight;
        if (sw !== undefined) {
          w = sw;
          break;
        }
      }
      additional = experiment;
    } else if (index !== steps.length) {
      kase = TRAFFIC_ROUTING_CASE.CurrentStep;
      w = getCurrentSetWeight(rollout);
      additional = experiment;
    } else {
      w = maxW;
    }
  }

  const waitForStable = !replicasAvailableForWeight(rollout, stableRS, maxW - w);
  const revision = Number.parseInt(rollout.metadata?.annotations?.[ANNOTATION.Revision] ?? '', 10);
  const routesApply = step !== undefined && Number.isFinite(revision) && revision > 1;
  const prevWeights = rollout.status?.canary?.weights;
  const weights = calculateWeightStatus(rollout, canaryHash, stableHash, w, additional);
  const changed = !sameWeights(prevWeights, weights);
  return {
    case: kase,
    desiredWeight: w,
    canaryHash,
    stableHash,
    additional,
    removeManagedRoutes: remove,
    switchCanaryServiceToStable: switchSvc,
    waitForStable,
    ...(routesApply && step?.setHeaderRoute !== undefined ? { headerRoute: step.setHeaderRoute } : {}),
    ...(routesApply && step?.setMirrorRoute !== undefined ? { mirrorRoute: step.setMirrorRoute } : {}),
    setWeightBeforeHash: (!newRS || available(newRS) === 0) && (prevWeights?.canary.weight ?? 0) > 0,
    weights,
    weightsChanged: changed,
    weightEventMessage: changed ? trafficWeightUpdatedMessage(prevWeights, weights) : '',
    verifyRequiredToFinish: w === maxW && steps.length >= (rollout.status?.currentStepIndex ?? 0),
  };
}
