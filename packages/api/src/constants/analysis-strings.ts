/**
 * AnalysisRun / metric / measurement phases.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/analysis_types.go AnalysisPhase
 */

export const ANALYSIS_PHASE = {
  Pending: 'Pending',
  Running: 'Running',
  Successful: 'Successful',
  Failed: 'Failed',
  Error: 'Error',
  Inconclusive: 'Inconclusive',
} as const;
export type AnalysisPhase = (typeof ANALYSIS_PHASE)[keyof typeof ANALYSIS_PHASE];

/** Phases after which a run, metric or measurement never changes. */
export const COMPLETED_ANALYSIS_PHASES: readonly AnalysisPhase[] = [
  ANALYSIS_PHASE.Successful,
  ANALYSIS_PHASE.Failed,
  ANALYSIS_PHASE.Error,
  ANALYSIS_PHASE.Inconclusive,
];

/** `phase.Completed()`: Successful, Failed, Error or Inconclusive. */
export function isAnalysisPhaseCompleted(phase: AnalysisPhase | undefined): boolean {
  return phase !== undefined && COMPLETED_ANALYSIS_PHASES.includes(phase);
}

/**
 * Ordering used to pick the "worst" phase of a run: Successful < Running < Pending < Inconclusive < Error < Failed.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/analysis_types.go (analysisStatusOrder)
 */
export const ANALYSIS_PHASE_ORDER: readonly AnalysisPhase[] = [
  ANALYSIS_PHASE.Successful,
  ANALYSIS_PHASE.Running,
  ANALYSIS_PHASE.Pending,
  ANALYSIS_PHASE.Inconclusive,
  ANALYSIS_PHASE.Error,
  ANALYSIS_PHASE.Failed,
];
