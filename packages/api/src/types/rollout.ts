/**
 * The Rollout object and its spec.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go Rollout, RolloutSpec
 */
import type { V1LabelSelector, V1ListMeta, V1ObjectMeta, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { Time } from './common.js';
import type { AnalysisRunStrategy } from './rollout-analysis.js';
import type { RolloutStatus } from './rollout-status.js';
import type { RolloutStrategy } from './strategy.js';

export interface Rollout {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'Rollout';
  metadata?: V1ObjectMeta;
  spec: RolloutSpec;
  status?: RolloutStatus;
}

export interface RolloutList {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'RolloutList';
  metadata?: V1ListMeta;
  items: Rollout[];
}

export interface RolloutSpec {
  /** Default 1 (the controller writes it back when nil). */
  replicas?: number;
  /** Required unless `workloadRef` is set. */
  selector?: V1LabelSelector;
  /** Must be empty when `workloadRef` is set. */
  template?: V1PodTemplateSpec;
  workloadRef?: ObjectRef;
  minReadySeconds?: number;
  rollbackWindow?: RollbackWindowSpec;
  strategy?: RolloutStrategy;
  /** Default 10. */
  revisionHistoryLimit?: number;
  paused?: boolean;
  /** Default 600; must exceed `minReadySeconds`. */
  progressDeadlineSeconds?: number;
  progressDeadlineAbort?: boolean;
  restartAt?: Time;
  analysis?: AnalysisRunStrategy;
}

export const WORKLOAD_REF_SCALE_DOWN = {
  Never: 'never',
  OnSuccess: 'onsuccess',
  Progressively: 'progressively',
} as const;
export type WorkloadRefScaleDown = (typeof WORKLOAD_REF_SCALE_DOWN)[keyof typeof WORKLOAD_REF_SCALE_DOWN];

/** Reference to the Deployment (or ReplicaSet/PodTemplate) supplying the pod template. */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  scaleDown?: WorkloadRefScaleDown;
}

export interface RollbackWindowSpec {
  revisions?: number;
}
