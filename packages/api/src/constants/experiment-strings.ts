/**
 * Experiment condition types and template status codes.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/experiment_types.go
 */

export const EXPERIMENT_CONDITION_TYPE = {
  InvalidSpec: 'InvalidSpec',
  Completed: 'Completed',
  Progressing: 'Progressing',
  Running: 'Running',
  ReplicaFailure: 'ReplicaFailure',
} as const;
export type ExperimentConditionType = (typeof EXPERIMENT_CONDITION_TYPE)[keyof typeof EXPERIMENT_CONDITION_TYPE];

export const TEMPLATE_STATUS = {
  Progressing: 'Progressing',
  Running: 'Running',
  Successful: 'Successful',
  Failed: 'Failed',
  Error: 'Error',
} as const;
export type TemplateStatusCode = (typeof TEMPLATE_STATUS)[keyof typeof TEMPLATE_STATUS];
