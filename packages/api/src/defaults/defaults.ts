/**
 * Defaults for every optional field a reconciler reads — the single place they live (§2.7).
 * parity: argo-rollouts utils/defaults/defaults.go, utils/weightutil/weight.go
 */
import type { IntOrString } from '../types/common.js';
import type { Rollout } from '../types/rollout.js';
import type { Experiment, TemplateSpec } from '../types/experiment.js';
import type { Metric } from '../types/analysis-template.js';
import type { WebMetric } from '../types/metric-providers.js';
import { DEFAULT_NGINX_ANNOTATION_PREFIX } from '../constants/labels.js';

export const DEFAULTS = {
  replicas: 1,
  revisionHistoryLimit: 10,
  analysisRunSuccessfulHistoryLimit: 5,
  analysisRunUnsuccessfulHistoryLimit: 5,
  /** A string, not a number: 25 % of replicas. */
  maxSurge: '25',
  /** A string, not a number: 25 % of replicas (both strategies). */
  maxUnavailable: '25',
  progressDeadlineSeconds: 600,
  scaleDownDelaySeconds: 30,
  abortScaleDownDelaySeconds: 30,
  autoPromotionEnabled: true,
  consecutiveErrorLimit: 4,
  measurementHistoryLimit: 10,
  analysisErrorRetryIntervalSeconds: 10,
  webMetricTimeoutSeconds: 10,
  experimentScaleDownDelaySeconds: 30,
  experimentTemplateReplicas: 1,
  maxTrafficWeight: 100,
  istioApiVersion: 'v1alpha3',
  rolloutVerifyRetryIntervalSeconds: 10,
  invalidSpecRequeueSeconds: 20,
  controllerNamespace: 'argo-rollouts',
} as const;

/**
 * Go `intstr.IntValue()`: a number as is; a string parsed as a decimal integer, 0 when it is not one
 * (so `"25%"` → 0; percentages are resolved elsewhere).
 */
export function intOrStringValue(value: IntOrString): number {
  if (typeof value === 'number') return value;
  return /^[+-]?\d+$/.test(value.trim()) ? Number.parseInt(value, 10) : 0;
}

/** `spec.replicas ?? 1`. */
export function getReplicasOrDefault(rollout: Rollout): number {
  return rollout.spec.replicas ?? DEFAULTS.replicas;
}

/** `spec.revisionHistoryLimit ?? 10`. */
export function getRevisionHistoryLimitOrDefault(rollout: Rollout): number {
  return rollout.spec.revisionHistoryLimit ?? DEFAULTS.revisionHistoryLimit;
}

/** `spec.analysis.successfulRunHistoryLimit ?? 5`. */
export function getAnalysisRunSuccessfulHistoryLimitOrDefault(rollout: Rollout): number {
  return rollout.spec.analysis?.successfulRunHistoryLimit ?? DEFAULTS.analysisRunSuccessfulHistoryLimit;
}

/** `spec.analysis.unsuccessfulRunHistoryLimit ?? 5`. */
export function getAnalysisRunUnsuccessfulHistoryLimitOrDefault(rollout: Rollout): number {
  return rollout.spec.analysis?.unsuccessfulRunHistoryLimit ?? DEFAULTS.analysisRunUnsuccessfulHistoryLimit;
}

/** `canary.maxSurge ?? "25"` (blue-green has no maxSurge and gets the default). */
export function getMaxSurgeOrDefault(rollout: Rollout): IntOrString {
  return rollout.spec.strategy?.canary?.maxSurge ?? DEFAULTS.maxSurge;
}

/** `blueGreen.maxUnavailable ?? canary.maxUnavailable ?? "25"`. */
export function getMaxUnavailableOrDefault(rollout: Rollout): IntOrString {
  const strategy = rollout.spec.strategy;
  return strategy?.blueGreen?.maxUnavailable ?? strategy?.canary?.maxUnavailable ?? DEFAULTS.maxUnavailable;
}

/** `trafficRouting.nginx.annotationPrefix`, or `nginx.ingress.kubernetes.io` when unset or empty. */
export function getCanaryIngressAnnotationPrefixOrDefault(rollout: Rollout): string {
  const prefix = rollout.spec.strategy?.canary?.trafficRouting?.nginx?.annotationPrefix;
  return prefix ? prefix : DEFAULT_NGINX_ANNOTATION_PREFIX;
}

/** `spec.progressDeadlineSeconds ?? 600`. */
export function getProgressDeadlineSecondsOrDefault(rollout: Rollout): number {
  return rollout.spec.progressDeadlineSeconds ?? DEFAULTS.progressDeadlineSeconds;
}

/** `experiment.spec.progressDeadlineSeconds ?? 600`. */
export function getExperimentProgressDeadlineSecondsOrDefault(experiment: Experiment): number {
  return experiment.spec.progressDeadlineSeconds ?? DEFAULTS.progressDeadlineSeconds;
}

/** `experiment.spec.scaleDownDelaySeconds ?? 30`. */
export function getExperimentScaleDownDelaySecondsOrDefault(experiment: Experiment): number {
  return experiment.spec.scaleDownDelaySeconds ?? DEFAULTS.experimentScaleDownDelaySeconds;
}

/** `template.replicas ?? 1`. */
export function getExperimentTemplateReplicasOrDefault(template: TemplateSpec): number {
  return template.replicas ?? DEFAULTS.experimentTemplateReplicas;
}

/**
 * Delay before an old ReplicaSet is scaled down after promotion, in seconds:
 * blue-green → `scaleDownDelaySeconds ?? 30`; canary with trafficRouting → `scaleDownDelaySeconds ?? 30`;
 * basic canary → 0 (the field is ignored).
 */
export function getScaleDownDelaySecondsOrDefault(rollout: Rollout): number {
  const strategy = rollout.spec.strategy;
  if (strategy?.blueGreen) return strategy.blueGreen.scaleDownDelaySeconds ?? DEFAULTS.scaleDownDelaySeconds;
  if (strategy?.canary?.trafficRouting) {
    return strategy.canary.scaleDownDelaySeconds ?? DEFAULTS.scaleDownDelaySeconds;
  }
  return 0;
}

export interface AbortScaleDownDelay {
  /** Seconds to wait before scaling the canary/preview down after an abort; `null` = never scale it down. */
  delaySeconds: number | null;
  /** Whether `abortScaleDownDelaySeconds` was set explicitly (only counted where it applies). */
  explicit: boolean;
}

/**
 * Abort scale-down delay:
 * blue-green → `abortScaleDownDelaySeconds ?? 30`, explicit 0 → never (`null`);
 * canary with trafficRouting → same rule; basic canary → 0 (immediately), field ignored.
 */
export function getAbortScaleDownDelaySecondsOrDefault(rollout: Rollout): AbortScaleDownDelay {
  const strategy = rollout.spec.strategy;
  const applies = strategy?.blueGreen ?? (strategy?.canary?.trafficRouting ? strategy.canary : undefined);
  if (!applies) return { delaySeconds: 0, explicit: false };
  const value = applies.abortScaleDownDelaySeconds;
  if (value === undefined) return { delaySeconds: DEFAULTS.abortScaleDownDelaySeconds, explicit: false };
  return { delaySeconds: value === 0 ? null : value, explicit: true };
}

/** True when the user explicitly asked for a (non-zero) delayed scale-down on abort. */
export function hasExplicitAbortScaleDownDelay(rollout: Rollout): boolean {
  const { delaySeconds, explicit } = getAbortScaleDownDelaySecondsOrDefault(rollout);
  return explicit && delaySeconds !== null;
}

/** `blueGreen.autoPromotionEnabled ?? true`. */
export function getAutoPromotionEnabledOrDefault(rollout: Rollout): boolean {
  return rollout.spec.strategy?.blueGreen?.autoPromotionEnabled ?? DEFAULTS.autoPromotionEnabled;
}

/** `trafficRouting.maxTrafficWeight ?? 100`. */
export function getMaxTrafficWeightOrDefault(rollout: Rollout): number {
  return rollout.spec.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? DEFAULTS.maxTrafficWeight;
}

/** `metric.consecutiveErrorLimit` as an integer, default 4. */
export function getConsecutiveErrorLimitOrDefault(metric: Metric): number {
  return metric.consecutiveErrorLimit === undefined
    ? DEFAULTS.consecutiveErrorLimit
    : intOrStringValue(metric.consecutiveErrorLimit);
}

/** `web.timeoutSeconds` when > 0, else 10. */
export function getWebMetricTimeoutSecondsOrDefault(web: WebMetric): number {
  return web.timeoutSeconds !== undefined && web.timeoutSeconds > 0
    ? web.timeoutSeconds
    : DEFAULTS.webMetricTimeoutSeconds;
}
