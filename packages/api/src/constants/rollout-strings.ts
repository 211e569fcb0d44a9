/**
 * Rollout phase, pause-reason, condition-type and status enum strings, spelled as upstream.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go
 */

type ValueOf<T> = T[keyof T];

export const ROLLOUT_PHASE = {
  Healthy: 'Healthy',
  Degraded: 'Degraded',
  Progressing: 'Progressing',
  Paused: 'Paused',
} as const;
export type RolloutPhase = ValueOf<typeof ROLLOUT_PHASE>;

export const PAUSE_REASON = {
  InconclusiveAnalysis: 'InconclusiveAnalysisRun',
  InconclusiveExperiment: 'InconclusiveExperiment',
  CanaryPauseStep: 'CanaryPauseStep',
  BlueGreenPause: 'BlueGreenPause',
} as const;
export type PauseReason = ValueOf<typeof PAUSE_REASON>;

export const ROLLOUT_CONDITION_TYPE = {
  InvalidSpec: 'InvalidSpec',
  Available: 'Available',
  Progressing: 'Progressing',
  ReplicaFailure: 'ReplicaFailure',
  Paused: 'Paused',
  Completed: 'Completed',
  Healthy: 'Healthy',
} as const;
export type RolloutConditionType = ValueOf<typeof ROLLOUT_CONDITION_TYPE>;

export const COMPLETION_STATUS = {
  Promoted: 'Promoted',
  FastPromoted: 'FastPromoted',
  Aborted: 'Aborted',
  Superseded: 'Superseded',
  RolledBack: 'RolledBack',
  FastRolledBack: 'FastRolledBack',
} as const;
export type CompletionStatus = ValueOf<typeof COMPLETION_STATUS>;

export const PING_PONG = { Ping: 'ping', Pong: 'pong' } as const;
export type PingPongType = ValueOf<typeof PING_PONG>;

export const STEP_PLUGIN_PHASE = {
  Running: 'Running',
  Successful: 'Successful',
  Failed: 'Failed',
  Error: 'Error',
} as const;
export type StepPluginPhase = ValueOf<typeof STEP_PLUGIN_PHASE>;

export const STEP_PLUGIN_OPERATION = { Run: 'Run', Terminate: 'Terminate', Abort: 'Abort' } as const;
export type StepPluginOperation = ValueOf<typeof STEP_PLUGIN_OPERATION>;

/** Value of the `rollout-type` label on AnalysisRuns created by a Rollout. */
export const ROLLOUT_TYPE = {
  Step: 'Step',
  Background: 'Background',
  PrePromotion: 'PrePromotion',
  PostPromotion: 'PostPromotion',
} as const;
export type RolloutType = ValueOf<typeof ROLLOUT_TYPE>;
