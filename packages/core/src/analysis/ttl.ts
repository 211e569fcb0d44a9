/**
 * AnalysisRun TTL: a completed run with `ttlStrategy` is deleted that many seconds after `completedAt`
 * (secondsAfterSuccess for Successful, secondsAfterFailure for Failed, else secondsAfterCompletion).
 * parity: argo-rollouts analysis/analysis.go isAnalysisRunTtlExceeded, maybeGarbageCollectAnalysisRun
 */
import { ANALYSIS_PHASE, type AnalysisRun, isAnalysisPhaseCompleted } from '@serin/api';
import { parseMetaTime } from '../rollout/time.js';

/** The TTL in seconds that applies to this completed run, or undefined. */
export function analysisRunTtlSeconds(run: Pick<AnalysisRun, 'spec' | 'status'>): number | undefined {
  const ttl = run.spec.ttlStrategy;
  const phase = run.status?.phase;
  if (ttl === undefined || !isAnalysisPhaseCompleted(phase)) return undefined;
  if (phase === ANALYSIS_PHASE.Successful && ttl.secondsAfterSuccess !== undefined) return ttl.secondsAfterSuccess;
  if (phase === ANALYSIS_PHASE.Failed && ttl.secondsAfterFailure !== undefined) return ttl.secondsAfterFailure;
  return ttl.secondsAfterCompletion;
}

/**
 * When the run becomes eligible for deletion (ms), or undefined (not completed, no TTL, no completedAt).
 * Eligible once whole seconds since completion exceed the TTL: `completedAt + (ttl + 1) s`.
 */
export function analysisRunTtlExpiresAtMs(run: Pick<AnalysisRun, 'spec' | 'status'>): number | undefined {
  const ttlSeconds = analysisRunTtlSeconds(run);
  const completedAtMs = parseMetaTime(run.status?.completedAt);
  if (ttlSeconds === undefined || completedAtMs === undefined) return undefined;
  return completedAtMs + (ttlSeconds + 1) * 1000;
}

/** `trunc(secondsSinceCompletion) > ttl`. */
export function isAnalysisRunTtlExceeded(run: Pick<AnalysisRun, 'spec' | 'status'>, nowMs: number): boolean {
  const ttlSeconds = analysisRunTtlSeconds(run);
  const completedAtMs = parseMetaTime(run.status?.completedAt);
  if (ttlSeconds === undefined || completedAtMs === undefined) return false;
  return Math.trunc((nowMs - completedAtMs) / 1000) > ttlSeconds;
}
