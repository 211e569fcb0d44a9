/**
 * Fixture builders for the replica-set tests (named options, nothing positional).
 * Only fields whose option is given are set, so "unset" stays distinguishable from zero.
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { CanaryStep, IntOrString, Rollout, RolloutAnalysisBackground, RolloutTrafficRouting, TrafficWeights } from '@serin/api';

export interface RolloutOptions {
  replicas?: number;
  steps?: CanaryStep[];
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  trafficRouting?: RolloutTrafficRouting;
  dynamicStableScale?: boolean;
  abortScaleDownDelaySeconds?: number;
  minPodsPerReplicaSet?: number;
  analysis?: RolloutAnalysisBackground;
  /** `status.stableRS` (a pod-template hash). */
  stableRS?: string;
  currentPodHash?: string;
  currentStepIndex?: number;
  abort?: boolean;
  promoteFull?: boolean;
  weights?: TrafficWeights;
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A canary Rollout. */
export function aRollout(options: RolloutOptions = {}): Rollout {
  const status = definedOnly({
    stableRS: options.stableRS,
    currentPodHash: options.currentPodHash,
    currentStepIndex: options.currentStepIndex,
    abort: options.abort,
    promoteFull: options.promoteFull,
    canary: options.weights === undefined ? undefined : { weights: options.weights },
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'rollout', namespace: 'default' },
    spec: {
      ...definedOnly({ replicas: options.replicas }),
      strategy: {
        canary: definedOnly({
          steps: options.steps,
          maxSurge: options.maxSurge,
          maxUnavailable: options.maxUnavailable,
          trafficRouting: options.trafficRouting,
          dynamicStableScale: options.dynamicStableScale,
          abortScaleDownDelaySeconds: options.abortScaleDownDelaySeconds,
          minPodsPerReplicaSet: options.minPodsPerReplicaSet,
          analysis: options.analysis,
        }),
      },
    },
    ...(Object.keys(status).length > 0 ? { status } : {}),
  };
}

export interface BlueGreenRolloutOptions {
  replicas?: number;
  maxUnavailable?: IntOrString;
  abort?: boolean;
}

/** A blue-green Rollout (activeService `active`). */
export function aBlueGreenRollout(options: BlueGreenRolloutOptions = {}): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'rollout', namespace: 'default' },
    spec: {
      ...definedOnly({ replicas: options.replicas }),
      strategy: { blueGreen: { activeService: 'active', ...definedOnly({ maxUnavailable: options.maxUnavailable }) } },
    },
    ...(options.abort === undefined ? {} : { status: { abort: options.abort } }),
  };
}

export interface ReplicaSetOptions {
  /** Also used as the `rollouts-pod-template-hash` label, as upstream's fixtures do. */
  name: string;
  /** `spec.replicas`. */
  replicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  /** `status.replicas` (pods that exist). */
  actualReplicas?: number;
}

export function aReplicaSet(options: ReplicaSetOptions): V1ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: options.name, labels: { 'rollouts-pod-template-hash': options.name } },
    spec: { ...definedOnly({ replicas: options.replicas }), selector: { matchLabels: { 'rollouts-pod-template-hash': options.name } } },
    status: {
      replicas: options.actualReplicas ?? 0,
      ...definedOnly({ availableReplicas: options.availableReplicas, readyReplicas: options.readyReplicas }),
    },
  };
}
