import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import { parseTime } from './context.js';
import { isPodActive, isPodReady, podPhase } from './replica-set-status.js';

export interface JobSpecView {
  parallelism: number;
  completions: number;
  backoffLimit: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend: boolean;
}

/** Job spec with upstream defaults: parallelism 1, completions 1, backoffLimit 6. */
export function jobSpec(job: KubeObject): JobSpecView {
  const spec = isRecord(job['spec']) ? job['spec'] : {};
  const num = (k: string): number | undefined => (typeof spec[k] === 'number' ? spec[k] : undefined);
  const out: JobSpecView = { parallelism: num('parallelism') ?? 1, completions: num('completions') ?? 1, backoffLimit: num('backoffLimit') ?? 6, suspend: spec['suspend'] === true };
  const ads = num('activeDeadlineSeconds');
  const ttl = num('ttlSecondsAfterFinished');
  if (ads !== undefined) out.activeDeadlineSeconds = ads;
  if (ttl !== undefined) out.ttlSecondsAfterFinished = ttl;
  return out;
}

export function jobConditions(job: KubeObject): JsonObject[] {
  const status = isRecord(job['status']) ? job['status'] : {};
  return Array.isArray(status['conditions']) ? status['conditions'].filter(isRecord) : [];
}

/** `Complete` or `Failed` when that condition is True. */
export function jobOutcome(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of jobConditions(job)) {
    if (c['status'] !== 'True') continue;
    if (c['type'] === 'Complete' || c['type'] === 'Failed') return c['type'];
  }
  return undefined;
}

/** When the job finished: completionTime, else the Failed condition's transition time. */
export function jobFinishedAtMs(job: KubeObject): number | undefined {
  const status = isRecord(job['status']) ? job['status'] : {};
  const done = parseTime(status['completionTime']);
  if (done !== undefined) return done;
  return parseTime(jobConditions(job).find((c) => c['type'] === 'Failed' && c['status'] === 'True')?.['lastTransitionTime']);
}

export interface PodCounts {
  active: number;
  ready: number;
  succeeded: number;
  failed: number;
}

export function countJobPods(pods: KubeObject[]): PodCounts {
  return {
    active: pods.filter(isPodActive).length,
    ready: pods.filter((p) => isPodActive(p) && isPodReady(p)).length,
    succeeded: pods.filter((p) => podPhase(p) === 'Succeeded').length,
    failed: pods.filter((p) => podPhase(p) === 'Failed').length,
  };
}

export const JobFailure = {
  BackoffLimitExceeded: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  DeadlineExceeded: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
} as const;

export type JobDecision =
  | { kind: 'complete' }
  | { kind: 'fail'; reason: string; message: string }
  | { kind: 'run'; create: number; deadlineInMs?: number };

/**
 * Next step of a running Job (parity: kubernetes job_controller syncJob, behaviour only):
 * failed > backoffLimit → Failed (BackoffLimitExceeded); elapsed ≥ activeDeadlineSeconds → Failed
 * (DeadlineExceeded); succeeded ≥ completions → Complete; otherwise keep
 * min(parallelism, completions − succeeded) pods active.
 */
export function decideJob(spec: JobSpecView, counts: PodCounts, startedAtMs: number, nowMs: number): JobDecision {
  if (counts.failed > spec.backoffLimit) return { kind: 'fail', ...JobFailure.BackoffLimitExceeded };
  if (spec.activeDeadlineSeconds !== undefined && nowMs - startedAtMs >= spec.activeDeadlineSeconds * 1000) return { kind: 'fail', ...JobFailure.DeadlineExceeded };
  if (counts.succeeded >= spec.completions) return { kind: 'complete' };
  const want = spec.suspend ? 0 : Math.min(spec.parallelism, spec.completions - counts.succeeded);
  const decision: JobDecision = { kind: 'run', create: Math.max(0, want - counts.active) };
  if (spec.activeDeadlineSeconds !== undefined) decision.deadlineInMs = startedAtMs + spec.activeDeadlineSeconds * 1000 - nowMs;
  return decision;
}

/**
 * Job status: startTime, counts (active/succeeded/failed omitted when 0; ready, terminating = 0 and an empty
 * uncountedTerminatedPods always, as a 1.32 controller writes them), and on finishing the
 * terminal pair of conditions upstream writes (SuccessCriteriaMet + Complete with completionTime, or
 * FailureTarget + Failed).
 */
export function buildJobStatus(job: KubeObject, counts: PodCounts, startTime: string, decision: JobDecision, now: string): JsonObject {
  const status: JsonObject = { startTime };
  if (counts.active > 0 && decision.kind === 'run') status['active'] = counts.active;
  if (counts.succeeded > 0) status['succeeded'] = counts.succeeded;
  if (counts.failed > 0) status['failed'] = counts.failed;
  status['ready'] = decision.kind === 'run' ? counts.ready : 0;
  status['terminating'] = 0;
  status['uncountedTerminatedPods'] = {};
  const kept = jobConditions(job);
  const cond = (type: string, reason: string, message: string): JsonObject => ({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message });
  if (decision.kind === 'complete') {
    const reason = 'CompletionsReached';
    const message = 'Reached expected number of succeeded pods';
    status['conditions'] = [...kept, cond('SuccessCriteriaMet', reason, message), cond('Complete', reason, message)];
    status['completionTime'] = now;
  } else if (decision.kind === 'fail') {
    status['conditions'] = [...kept, cond('FailureTarget', decision.reason, decision.message), cond('Failed', decision.reason, decision.message)];
  } else if (kept.length > 0) {
    status['conditions'] = kept;
  }
  return status;
}
