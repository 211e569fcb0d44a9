/**
 * Experiment: short-lived ReplicaSets plus analyses.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/experiment_types.go
 */
import type { V1LabelSelector, V1ListMeta, V1ObjectMeta, V1PodTemplateSpec } from '@kubernetes/client-node';
import type {
  AnalysisRunMetadata,
  ConditionStatus,
  DryRun,
  DurationString,
  MeasurementRetention,
  TemplateService,
  Time,
} from './common.js';
import type { Argument } from './analysis-template.js';
import type { AnalysisPhase } from '../constants/analysis-strings.js';
import type { ExperimentConditionType, TemplateStatusCode } from '../constants/experiment-strings.js';

export interface Experiment {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'Experiment';
  metadata?: V1ObjectMeta;
  spec: ExperimentSpec;
  status?: ExperimentStatus;
}

export interface ExperimentList {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'ExperimentList';
  metadata?: V1ListMeta;
  items: Experiment[];
}

export interface ExperimentSpec {
  templates: TemplateSpec[];
  duration?: DurationString;
  /** Default 600. */
  progressDeadlineSeconds?: number;
  terminate?: boolean;
  analyses?: ExperimentAnalysisTemplateRef[];
  /** Default 30. */
  scaleDownDelaySeconds?: number;
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  analysisRunMetadata?: AnalysisRunMetadata;
}

export interface TemplateSpec {
  name: string;
  /** Default 1. */
  replicas?: number;
  minReadySeconds?: number;
  selector: V1LabelSelector;
  template: V1PodTemplateSpec;
  service?: TemplateService;
}

export interface ExperimentAnalysisTemplateRef {
  name: string;
  templateName: string;
  clusterScope?: boolean;
  args?: Argument[];
  requiredForCompletion?: boolean;
}

export interface ExperimentStatus {
  phase?: AnalysisPhase;
  message?: string;
  templateStatuses?: TemplateStatus[];
  availableAt?: Time;
  conditions?: ExperimentCondition[];
  analysisRuns?: ExperimentAnalysisRunStatus[];
}

export interface TemplateStatus {
  name: string;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  collisionCount?: number;
  status?: TemplateStatusCode;
  message?: string;
  lastTransitionTime?: Time;
  serviceName?: string;
  podTemplateHash?: string;
}

export interface ExperimentCondition {
  type: ExperimentConditionType;
  status: ConditionStatus;
  lastUpdateTime: Time;
  lastTransitionTime: Time;
  reason: string;
  message: string;
}

export interface ExperimentAnalysisRunStatus {
  name: string;
  analysisRun: string;
  phase: AnalysisPhase;
  message?: string;
}
