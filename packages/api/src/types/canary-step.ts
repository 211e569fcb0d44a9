/**
 * Canary steps: exactly one key per step.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go CanaryStep
 */
import type { V1LabelSelector } from '@kubernetes/client-node';
import type {
  AnalysisRunMetadata,
  DryRun,
  DurationString,
  IntOrString,
  JsonValue,
  PodTemplateMetadata,
  TemplateService,
} from './common.js';
import type { AnalysisRunArgument, RolloutAnalysis } from './rollout-analysis.js';

export interface CanaryStep {
  setWeight?: number;
  pause?: RolloutPause;
  experiment?: RolloutExperimentStep;
  analysis?: RolloutAnalysis;
  setCanaryScale?: SetCanaryScale;
  setHeaderRoute?: SetHeaderRoute;
  setMirrorRoute?: SetMirrorRoute;
  plugin?: PluginStep;
}

/** `{}` pauses indefinitely; int = seconds; string = Go duration or a bare number of seconds. */
export interface RolloutPause {
  duration?: IntOrString;
}

export interface SetCanaryScale {
  weight?: number;
  replicas?: number;
  matchTrafficWeight?: boolean;
}

export interface SetHeaderRoute {
  name?: string;
  match?: HeaderRoutingMatch[];
}

export interface HeaderRoutingMatch {
  headerName: string;
  headerValue: StringMatch;
}

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface SetMirrorRoute {
  name: string;
  match?: RouteMatch[];
  percentage?: number;
}

export interface RouteMatch {
  method?: StringMatch;
  path?: StringMatch;
  headers?: Record<string, StringMatch>;
}

export interface PluginStep {
  name: string;
  config?: JsonValue;
}

export interface RolloutExperimentStep {
  templates: RolloutExperimentTemplate[];
  duration?: DurationString;
  analyses?: RolloutExperimentStepAnalysisTemplateRef[];
  dryRun?: DryRun[];
  analysisRunMetadata?: AnalysisRunMetadata;
  scaleDownDelaySeconds?: number;
}

export const REPLICA_SET_SPEC_REF = { Canary: 'canary', Stable: 'stable' } as const;
export type ReplicaSetSpecRef = (typeof REPLICA_SET_SPEC_REF)[keyof typeof REPLICA_SET_SPEC_REF];

export interface RolloutExperimentTemplate {
  name: string;
  specRef: ReplicaSetSpecRef;
  replicas?: number;
  metadata?: PodTemplateMetadata;
  selector?: V1LabelSelector;
  weight?: number;
  service?: TemplateService;
}

export interface RolloutExperimentStepAnalysisTemplateRef {
  name: string;
  templateName: string;
  clusterScope?: boolean;
  args?: AnalysisRunArgument[];
  requiredForCompletion?: boolean;
}
