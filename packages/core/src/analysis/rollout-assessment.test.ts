import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANALYSIS_PHASE as P, type AnalysisPhase, type AnalysisRun, type Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { analysisRunStatusChangeEvent, analysisRunsToCancel, assessRolloutAnalysis, canAdoptExistingRun, filterAnalysisRunsToDelete, needsNewAnalysisRun } from './rollout-assessment.js';

const aRun = (name: string, phase: AnalysisPhase | undefined, extra: { message?: string; hash?: string; created?: string; terminate?: boolean } = {}): AnalysisRun => ({
  metadata: { name, labels: extra.hash === undefined ? {} : { 'rollouts-pod-template-hash': extra.hash }, ...(extra.created ? { creationTimestamp: extra.created as unknown as Date } : {}), ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'r', uid: 'u1', controller: true }] },
  spec: { metrics: [{ name: 'm', provider: { web: { url: 'http://x' } } }], ...(extra.terminate ? { terminate: true } : {}) },
  ...(phase === undefined ? {} : { status: { phase, ...(extra.message ? { message: extra.message } : {}) } }),
});

describe('assessRolloutAnalysis (§13 messages)', () => {
  const msg = 'Metric "success-rate" assessed Failed due to failed (4) > failureLimit (3)';
  it.each([
    { name: 'running', run: aRun('a', P.Running), type: 'Step' as const, decision: { kind: 'None' } },
    { name: 'successful', run: aRun('a', P.Successful), type: 'Step' as const, decision: { kind: 'None' } },
    { name: 'inconclusive → pause', run: aRun('a', P.Inconclusive), type: 'Background' as const, decision: { kind: 'Pause', reason: 'InconclusiveAnalysisRun' } },
    { name: 'step failed', run: aRun('a', P.Failed, { message: msg }), type: 'Step' as const, decision: { kind: 'Abort', message: `Step-based analysis phase error/failed: ${msg}` } },
    { name: 'background error, no message', run: aRun('a', P.Error), type: 'Background' as const, decision: { kind: 'Abort', message: 'Background analysis phase error/failed' } },
    { name: 'pre-promotion failed', run: aRun('a', P.Failed, { message: 'x' }), type: 'PrePromotion' as const, decision: { kind: 'Abort', message: 'Blue/green pre-promotion analysis phase error/failed: x' } },
    { name: 'post-promotion error', run: aRun('a', P.Error, { message: 'y' }), type: 'PostPromotion' as const, decision: { kind: 'Abort', message: 'Blue/green post-promotion analysis phase error/failed: y' } },
    { name: 'no run', run: undefined, type: 'Step' as const, decision: { kind: 'None' } },
  ])('$name', ({ run, type, decision }) => expect(assessRolloutAnalysis(run, type)).toEqual(decision));
});

describe('needsNewAnalysisRun', () => {
  const rollout = (status: Rollout['status']): Rollout => ({ spec: {}, status } as Rollout);
  it.each([
    { name: 'no current run', run: undefined, status: {}, expected: true },
    { name: 'current run, nothing special', run: aRun('a', P.Running), status: {}, expected: false },
    { name: 'paused for inconclusive, run inconclusive (promote) → new run', run: aRun('a', P.Inconclusive), status: { controllerPause: true }, expected: true },
    { name: 'controller pause for a pause step', run: aRun('a', P.Inconclusive), status: { controllerPause: true, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 'x' }] }, expected: false },
    { name: 'after an abort', run: aRun('a', P.Failed), status: { abortedAt: '2026-11-27T10:00:00Z' }, expected: true },
  ])('$name', ({ run, status, expected }) => expect(needsNewAnalysisRun(run, rollout(status as Rollout['status']))).toBe(expected));
});

describe('analysisRunStatusChangeEvent', () => {
  it.each([
    { name: 'first phase', prev: undefined, run: aRun('r-1', P.Running), event: { type: 'Normal', reason: 'AnalysisRunRunning', message: "Step Analysis Run 'r-1' Status New: 'Running' Previous: 'NoPreviousStatus'" } },
    { name: 'phase change', prev: { name: 'r-1', status: P.Running }, run: aRun('r-1', P.Failed), event: { type: 'Warning', reason: 'AnalysisRunFailed', message: "Step Analysis Run 'r-1' Status New: 'Failed' Previous: 'Running'" } },
    { name: 'unchanged', prev: { name: 'r-1', status: P.Running }, run: aRun('r-1', P.Running), event: undefined },
    { name: 'other run name', prev: { name: 'r-0', status: P.Running }, run: aRun('r-1', P.Failed), event: undefined },
    { name: 'no phase yet', prev: undefined, run: aRun('r-1', undefined), event: undefined },
  ])('$name', ({ prev, run, event }) => expect(analysisRunStatusChangeEvent(prev, run, 'Step')).toEqual(event));
});

describe('cancelling and adopting', () => {
  it('cancels only runs that are neither terminating nor completed', () => {
    const runs = [aRun('running', P.Running), aRun('done', P.Successful), aRun('stopping', P.Running, { terminate: true }), aRun('new', undefined), undefined];
    expect(analysisRunsToCancel(runs).map((r) => r.metadata?.name)).toEqual(['running', 'new']);
  });

  it.each([
    { name: 'same owner, equal, running → adopt', existing: aRun('x', P.Running), adopt: true },
    { name: 'completed → new name', existing: aRun('x', P.Successful), adopt: false },
    { name: 'different spec → new name', existing: { ...aRun('x', P.Running), spec: { metrics: [] } }, adopt: false },
  ])('$name', ({ existing, adopt }) => expect(canAdoptExistingRun(existing, aRun('x', undefined))).toBe(adopt));
});

describe('filterAnalysisRunsToDelete (history limits)', () => {
  const rs = (hash: string, deleting = false): V1ReplicaSet => ({ metadata: { name: hash, labels: { 'rollouts-pod-template-hash': hash }, ...(deleting ? { deletionTimestamp: new Date() } : {}) } });
  const t = (minute: number): string => `2026-11-27T10:${String(minute).padStart(2, '0')}:00Z`;
  it('keeps the newest N successful and N unsuccessful; drops orphans', () => {
    const runs = [
      aRun('s1', P.Successful, { hash: 'a', created: t(1) }),
      aRun('s2', P.Successful, { hash: 'a', created: t(2) }),
      aRun('s3', P.Successful, { hash: 'a', created: t(3) }),
      aRun('f1', P.Failed, { hash: 'a', created: t(4) }),
      aRun('e1', P.Error, { hash: 'a', created: t(5) }),
      aRun('running', P.Running, { hash: 'a', created: t(6) }),
      aRun('no-label', P.Successful, { created: t(7) }),
      aRun('rs-gone', P.Successful, { hash: 'zzz', created: t(8) }),
      aRun('rs-deleting', P.Successful, { hash: 'b', created: t(9) }),
    ];
    const out = filterAnalysisRunsToDelete(runs, [rs('a'), rs('b', true)], 2, 1);
    expect(out.map((r) => r.metadata?.name)).toEqual(['rs-deleting', 'rs-gone', 'no-label', 'f1', 's1']);
  });
});
