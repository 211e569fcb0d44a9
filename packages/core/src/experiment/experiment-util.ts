/**
 * Experiment state helpers: terminating, required analyses, duration, desired template replicas, template/analysis
 * status lookup and the template-status ordering.
 * parity: argo-rollouts utils/experiment/experiment.go (IsTerminating, HasRequiredAnalysisRuns,
 *         RequiredAnalysisRunsSuccessful, PassedDurations, CalculateTemplateReplicasCount, TemplateIsWorse, Worst)
 */
import type { Experiment, ExperimentAnalysisRunStatus, ExperimentStatus, TemplateSpec, TemplateStatus, TemplateStatusCode } from '@serin/api';
import { ANALYSIS_PHASE, TEMPLATE_STATUS, getExperimentTemplateReplicasOrDefault, isAnalysisPhaseCompleted, parseGoDurationMs } from '@serin/api';
import { parseMetaTime } from '../rollout/time.js';

export function getExperimentTemplateStatus(status: ExperimentStatus | undefined, name: string): TemplateStatus | undefined {
  return (status?.templateStatuses ?? []).find((t) => t.name === name);
}

export function getExperimentAnalysisRunStatus(status: ExperimentStatus | undefined, name: string): ExperimentAnalysisRunStatus | undefined {
  return (status?.analysisRuns ?? []).find((a) => a.name === name);
}

/** Some analysis is `requiredForCompletion`. */
export function hasRequiredAnalysisRuns(ex: Experiment): boolean {
  return (ex.spec.analyses ?? []).some((a) => a.requiredForCompletion === true);
}

/** There are required analyses and every one of them is Successful in `status`. */
export function requiredAnalysisRunsSuccessful(ex: Experiment, status: ExperimentStatus | undefined): boolean {
  const required = (ex.spec.analyses ?? []).filter((a) => a.requiredForCompletion === true);
  return required.length > 0 && required.every((a) => getExperimentAnalysisRunStatus(status, a.name)?.phase === ANALYSIS_PHASE.Successful);
}

const isTemplateStatusCompleted = (code: TemplateStatusCode | undefined): boolean =>
  code === TEMPLATE_STATUS.Successful || code === TEMPLATE_STATUS.Failed || code === TEMPLATE_STATUS.Error;

/**
 * Terminating: `spec.terminate`, a completed phase, a Failed/Error template, a Failed/Error/Inconclusive analysis,
 * or all required analyses Successful.
 */
export function isExperimentTerminating(ex: Experiment, status: ExperimentStatus | undefined = ex.status): boolean {
  if (ex.spec.terminate === true || isAnalysisPhaseCompleted(status?.phase)) return true;
  if ((status?.templateStatuses ?? []).some((t) => t.status === TEMPLATE_STATUS.Failed || t.status === TEMPLATE_STATUS.Error)) return true;
  const bad: ReadonlySet<string> = new Set([ANALYSIS_PHASE.Failed, ANALYSIS_PHASE.Error, ANALYSIS_PHASE.Inconclusive]);
  if ((status?.analysisRuns ?? []).some((r) => bad.has(r.phase))) return true;
  return requiredAnalysisRunsSuccessful(ex, status);
}

/**
 * `duration` elapsed since `availableAt` (`now > availableAt + duration`, strictly) and the time left
 * (negative once passed). Without a duration, availableAt or a parsable duration: not passed.
 */
export function experimentPassedDuration(ex: Experiment, status: ExperimentStatus | undefined, nowMs: number): { readonly passed: boolean; readonly remainingMs: number } {
  const duration = ex.spec.duration;
  const availableAt = parseMetaTime(status?.availableAt as string | undefined);
  if (duration === undefined || duration === '' || availableAt === undefined) return { passed: false, remainingMs: 0 };
  const ms = parseGoDurationMs(duration);
  if (ms === null) return { passed: false, remainingMs: 0 };
  const end = availableAt + ms;
  return { passed: nowMs > end, remainingMs: end - nowMs };
}

/** 0 once the experiment finished or is terminating or the template completed; else `replicas ?? 1`. */
export function calculateTemplateReplicasCount(ex: Experiment, template: TemplateSpec, status: ExperimentStatus | undefined = ex.status): number {
  if (isExperimentTerminating(ex, status)) return 0;
  if (isTemplateStatusCompleted(getExperimentTemplateStatus(status, template.name)?.status)) return 0;
  return getExperimentTemplateReplicasOrDefault(template);
}

export { isTemplateStatusCompleted };

const TEMPLATE_ORDER: readonly TemplateStatusCode[] = [TEMPLATE_STATUS.Successful, TEMPLATE_STATUS.Running, TEMPLATE_STATUS.Progressing, TEMPLATE_STATUS.Error, TEMPLATE_STATUS.Failed];

/** Order Successful < Running < Progressing < Error < Failed (unknown counts as Successful). */
export function templateIsWorse(current: TemplateStatusCode | undefined, next: TemplateStatusCode | undefined): boolean {
  const at = (c: TemplateStatusCode | undefined): number => Math.max(0, c === undefined ? 0 : TEMPLATE_ORDER.indexOf(c));
  return at(next) > at(current);
}
