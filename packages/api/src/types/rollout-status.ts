/**
 * `Rollout.status`.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go RolloutStatus
 */
import type { ConditionStatus, DurationString, JsonValue, Time } from './common.js';
import type { AnalysisPhase } from './analysis-run.js';
import type {
  CompletionStatus,
  PauseReason,
  PingPongType,
  RolloutConditionType,
  RolloutPhase,
  StepPluginOperation,
  StepPluginPhase,
} from '../constants/rollout-strings.js';

export interface RolloutStatus {
  abort?: boolean;
  pauseConditions?: PauseCondition[];
  controllerPause?: boolean;
  abortedAt?: Time;
  currentPodHash?: string;
  currentStepHash?: string;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  currentStepIndex?: number;
  collisionCount?: number;
  /** Decimal `metadata.generation` as a string (`"3"`). */
  observedGeneration?: string;
  conditions?: RolloutCondition[];
  canary?: CanaryStatus;
  blueGreen?: BlueGreenStatus;
  HPAReplicas?: number;
  /** `metav1.FormatLabelSelector` text (`app=guestbook`). */
  selector?: string;
  /** A pod-template hash, not a ReplicaSet name. */
  stableRS?: string;
  restartedAt?: Time;
  promoteFull?: boolean;
  phase?: RolloutPhase;
  message?: string;
  workloadObservedGeneration?: string;
  alb?: ALBStatus;
  albs?: ALBStatus[];
  duration?: RolloutDurationStatus;
}

export interface PauseCondition {
  reason: PauseReason;
  startTime: Time;
}

export interface RolloutCondition {
  type: RolloutConditionType;
  status: ConditionStatus;
  lastUpdateTime: Time;
  lastTransitionTime: Time;
  reason: string;
  message: string;
}

export interface CanaryStatus {
  currentStepAnalysisRunStatus?: RolloutAnalysisRunStatus;
  currentBackgroundAnalysisRunStatus?: RolloutAnalysisRunStatus;
  currentExperiment?: string;
  weights?: TrafficWeights;
  stablePingPong?: PingPongType;
  stepPluginStatuses?: StepPluginStatus[];
}

export interface BlueGreenStatus {
  previewSelector?: string;
  activeSelector?: string;
  scaleUpPreviewCheckPoint?: boolean;
  prePromotionAnalysisRunStatus?: RolloutAnalysisRunStatus;
  postPromotionAnalysisRunStatus?: RolloutAnalysisRunStatus;
}

export interface RolloutAnalysisRunStatus {
  name: string;
  status: AnalysisPhase;
  message?: string;
}

export interface TrafficWeights {
  canary: WeightDestination;
  stable: WeightDestination;
  additional?: WeightDestination[];
  verified?: boolean;
}

export interface WeightDestination {
  weight: number;
  serviceName?: string;
  podTemplateHash?: string;
}

export interface StepPluginStatus {
  index: number;
  name: string;
  operation: StepPluginOperation;
  phase?: StepPluginPhase;
  message?: string;
  startedAt?: Time;
  updatedAt?: Time;
  finishedAt?: Time;
  backoff?: DurationString;
  executions?: number;
  disabled?: boolean;
  status?: JsonValue;
}

export interface ALBStatus {
  loadBalancer?: AwsResourceRef;
  canaryTargetGroup?: AwsResourceRef;
  stableTargetGroup?: AwsResourceRef;
  ingress?: string;
}

export interface AwsResourceRef {
  name: string;
  arn: string;
  fullName: string;
}

export interface RolloutDurationStatus {
  rolloutStartedAt?: Time;
  manualPauseStartedAt?: Time;
  totalManualPauseDurationSeconds?: number;
  finishedAt?: Time;
  completionStatus?: CompletionStatus;
}
