/**
 * The simulated HorizontalPodAutoscaler's decision and status — pure. There is no metrics server, so the only
 * scaling is the clamp a real HPA applies before it reads metrics:
 *   desired = current = 0            → scaling disabled (ScalingActive False ScalingDisabled)
 *   desired = min(max(current, minReplicas), maxReplicas) otherwise
 * and within range the metric read fails (ScalingActive False FailedGetResourceMetric).
 * parity: kubernetes pkg/controller/podautoscaler/horizontal.go (reconcileAutoscaler: min/max before metrics)
 */
import type { JsonObject } from '../types.js';
import { isRecord } from '../types.js';

export const NO_METRICS_MESSAGE =
  'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';

export interface HpaDecision {
  /** Replicas to write to the target's scale, or undefined to leave it. */
  scaleTo?: number;
  status: JsonObject;
}

export interface HpaInput {
  spec: JsonObject;
  /** Current HPA status (conditions keep their lastTransitionTime while unchanged). */
  status: JsonObject;
  generation: number | undefined;
  /** Target's scale spec.replicas, or an error message when the scale could not be read. */
  current: number | { error: string };
  now: string;
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** clamp(current, [minReplicas (default 1), maxReplicas]). */
export function clampReplicas(current: number, spec: JsonObject): number {
  const min = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
  const max = typeof spec['maxReplicas'] === 'number' ? spec['maxReplicas'] : current;
  return Math.min(Math.max(current, min), max);
}

function limited(current: number, spec: JsonObject): Condition {
  const min = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
  const max = typeof spec['maxReplicas'] === 'number' ? spec['maxReplicas'] : current;
  if (current < min) return { type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (current > max) return { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
  return { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** Conditions with lastTransitionTime kept from `previous` when their status did not change. */
function withTimes(conditions: Condition[], previous: unknown, now: string): JsonObject[] {
  const prior = Array.isArray(previous) ? previous.filter(isRecord) : [];
  return conditions.map((c) => {
    const old = prior.find((p) => p['type'] === c.type);
    const since = old !== undefined && old['status'] === c.status && typeof old['lastTransitionTime'] === 'string' ? old['lastTransitionTime'] : now;
    return { ...c, lastTransitionTime: since };
  });
}

/** What the HPA does this round and the status it records. */
export function decideHpa(input: HpaInput): HpaDecision {
  const { spec, status, now } = input;
  const base: JsonObject = {};
  if (input.generation !== undefined) base['observedGeneration'] = input.generation;
  if (status['lastScaleTime'] !== undefined) base['lastScaleTime'] = status['lastScaleTime'];
  if (typeof input.current !== 'number') {
    const failed: Condition = { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${input.current.error}` };
    return { status: { ...base, currentReplicas: status['currentReplicas'] ?? 0, desiredReplicas: 0, conditions: withTimes([failed], status['conditions'], now) } };
  }
  const current = input.current;
  if (current === 0 && spec['minReplicas'] !== 0) {
    const disabled: Condition[] = [
      { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' },
      { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' },
    ];
    return { status: { ...base, currentReplicas: 0, desiredReplicas: 0, conditions: withTimes(disabled, status['conditions'], now) } };
  }
  const desired = clampReplicas(current, spec);
  const scaled = desired !== current;
  const conditions: Condition[] = [
    scaled
      ? { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` }
      : { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
    { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: NO_METRICS_MESSAGE },
    limited(current, spec),
  ];
  const out: JsonObject = { ...base, currentReplicas: current, desiredReplicas: desired, conditions: withTimes(conditions, status['conditions'], now) };
  if (scaled) out['lastScaleTime'] = now;
  return scaled ? { scaleTo: desired, status: out } : { status: out };
}
