/**
 * `spec.strategy`: exactly one of `canary` and `blueGreen`.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go CanaryStrategy, BlueGreenStrategy
 */
import type { IntOrString, PodTemplateMetadata } from './common.js';
import type { CanaryStep } from './canary-step.js';
import type { RolloutAnalysis, RolloutAnalysisBackground } from './rollout-analysis.js';
import type { RolloutTrafficRouting } from './traffic-routing.js';

export interface RolloutStrategy {
  blueGreen?: BlueGreenStrategy;
  canary?: CanaryStrategy;
}

export interface CanaryStrategy {
  canaryService?: string;
  stableService?: string;
  steps?: CanaryStep[];
  trafficRouting?: RolloutTrafficRouting;
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
  analysis?: RolloutAnalysisBackground;
  antiAffinity?: AntiAffinity;
  canaryMetadata?: PodTemplateMetadata;
  stableMetadata?: PodTemplateMetadata;
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  abortScaleDownDelaySeconds?: number;
  dynamicStableScale?: boolean;
  pingPong?: PingPongSpec;
  minPodsPerReplicaSet?: number;
  replicaProgressThreshold?: ReplicaProgressThreshold;
}

export interface BlueGreenStrategy {
  activeService: string;
  previewService?: string;
  previewReplicaCount?: number;
  autoPromotionEnabled?: boolean;
  autoPromotionSeconds?: number;
  maxUnavailable?: IntOrString;
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  prePromotionAnalysis?: RolloutAnalysis;
  antiAffinity?: AntiAffinity;
  postPromotionAnalysis?: RolloutAnalysis;
  previewMetadata?: PodTemplateMetadata;
  activeMetadata?: PodTemplateMetadata;
  abortScaleDownDelaySeconds?: number;
}

/** Exactly one of the two must be set. */
export interface AntiAffinity {
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredDuringSchedulingIgnoredDuringExecution;
  requiredDuringSchedulingIgnoredDuringExecution?: RequiredDuringSchedulingIgnoredDuringExecution;
}

export interface PreferredDuringSchedulingIgnoredDuringExecution {
  /** 1..100 */
  weight: number;
}

/** Empty marker object. */
export type RequiredDuringSchedulingIgnoredDuringExecution = Record<string, never>;

export interface PingPongSpec {
  pingService: string;
  pongService: string;
}

export const PROGRESS_TYPE = { Percentage: 'Percent', Pod: 'Pods' } as const;
export type ProgressType = (typeof PROGRESS_TYPE)[keyof typeof PROGRESS_TYPE];

export interface ReplicaProgressThreshold {
  type: ProgressType;
  value: number;
}
