/**
 * Which recorded AnalysisRuns the reconciler must GET live: the run named in an analysis status that is still
 * running (not completed) but absent from the cache. Only read once the templates are available (`availableAt`).
 * Example: status `{name: echo, analysisRun: ex-echo, phase: Running}` and no `ex-echo` in the cache → `['ex-echo']`.
 * parity: argo-rollouts experiments/experiment.go reconcileAnalysisRun (lister miss → AnalysisRuns().Get)
 */
import { isAnalysisPhaseCompleted } from '@serin/api';
import { getExperimentAnalysisRunStatus } from './experiment-util.js';
import type { ExperimentSnapshot } from './plan.js';

export function analysisRunsMissingFromCache(snap: Pick<ExperimentSnapshot, 'experiment' | 'analysisRuns'>): string[] {
  const ex = snap.experiment;
  if (ex.status?.availableAt === undefined) return [];
  const cached = new Set(snap.analysisRuns.map((r) => r.metadata?.name ?? ''));
  const missing: string[] = [];
  for (const analysis of ex.spec.analyses ?? []) {
    const status = getExperimentAnalysisRunStatus(ex.status, analysis.name);
    const run = status?.analysisRun ?? '';
    if (run === '' || status === undefined || isAnalysisPhaseCompleted(status.phase) || cached.has(run)) continue;
    missing.push(run);
  }
  return missing;
}
