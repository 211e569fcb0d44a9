/**
 * Blue-green: when the pre- and the post-promotion run both failed, the abort message is the post-promotion one,
 * the later of the two reactions (the pause context keeps the last abort). A retried pre-promotion run is created
 * past its completed namesake (`<name>.1`), so the Failed one does not abort again.
 * parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns (pre, then post), rollout/pause.go AddAbort
 */
import type { AnalysisPhase, AnalysisRun, AnalysisTemplate, BlueGreenStrategy, Rollout } from '@serin/api';
import { ANALYSIS_PHASE as P } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { aReplicaSet, aRollout } from '../rollout/test-support/builders.js';
import { planBlueGreenAnalysis } from './analysis.js';

const noTemplates = { analysisTemplate: () => undefined, clusterAnalysisTemplate: () => undefined };
const analysis = { templates: [{ templateName: 'smoke' }] };
const newRS = aReplicaSet({ name: 'ro-new', hash: 'new', replicas: 3, available: 3, annotations: { 'rollout.argoproj.io/desired-replicas': '3' } });
const oldRS = aReplicaSet({ name: 'ro-old', hash: 'old', replicas: 3, available: 3, annotations: { 'rollout.argoproj.io/desired-replicas': '3' } });

const aRun = (name: string, phase: AnalysisPhase, message: string): AnalysisRun => ({
  metadata: { name, namespace: 'default', labels: { 'rollouts-pod-template-hash': 'new' } },
  spec: { metrics: [] },
  status: { phase, message },
});

function promoted(strategy: Partial<BlueGreenStrategy>): Rollout {
  const ro = aRollout({
    replicas: 3,
    status: {
      stableRS: 'old',
      currentPodHash: 'new',
      blueGreen: { activeSelector: 'new', prePromotionAnalysisRunStatus: { name: 'pre', status: P.Failed }, postPromotionAnalysisRunStatus: { name: 'post', status: P.Failed } },
    },
  });
  ro.spec.strategy = { blueGreen: { activeService: 'active', ...strategy } };
  return ro;
}

const plan = (rollout: Rollout, runs: AnalysisRun[]) =>
  planBlueGreenAnalysis({ rollout, analysisRuns: runs, newRS, stableRS: oldRS, allReplicaSets: [newRS, oldRS], templates: noTemplates, aborted: false, fastRollback: false });

describe('planBlueGreenAnalysis — abort message when both runs failed', () => {
  const runs = [aRun('pre', P.Failed, 'pre boom'), aRun('post', P.Error, 'post boom')];

  it.each([
    { name: 'pre and post failed → post-promotion message', strategy: { prePromotionAnalysis: analysis, postPromotionAnalysis: analysis }, abort: 'Blue/green post-promotion analysis phase error/failed: post boom' },
    { name: 'only pre configured → pre-promotion message', strategy: { prePromotionAnalysis: analysis }, abort: 'Blue/green pre-promotion analysis phase error/failed: pre boom' },
  ])('$name', ({ strategy, abort }) => {
    expect(plan(promoted(strategy), runs).abortMessage).toBe(abort);
  });
});

describe('planBlueGreenAnalysis — a new pre-promotion run is placed as the collision counter will place it', () => {
  // parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter; rollout/analysis.go
  // reconcilePrePromotionAnalysisRun (retry: abortedAt still set → a new run)
  const template: AnalysisTemplate = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'smoke', namespace: 'default' }, spec: { metrics: [{ name: 'smoke', provider: { web: { url: 'http://smoke' } } }] } };
  const smoke = { analysisTemplate: () => template, clusterAnalysisTemplate: () => undefined };
  function retried(): Rollout {
    const ro = aRollout({ replicas: 3, status: { stableRS: 'old', currentPodHash: 'new', abortedAt: '2026-01-01T00:00:00Z', blueGreen: { activeSelector: 'old', prePromotionAnalysisRunStatus: { name: 'pending', status: P.Failed } } } });
    ro.spec.strategy = { blueGreen: { activeService: 'active', prePromotionAnalysis: analysis } };
    return ro;
  }
  const planWith = (runs: AnalysisRun[]) =>
    planBlueGreenAnalysis({ rollout: retried(), analysisRuns: runs, newRS, stableRS: oldRS, allReplicaSets: [newRS, oldRS], templates: smoke, aborted: false, fastRollback: false });
  const desired = planWith([]).create[0];
  const name = desired?.metadata?.name ?? '';
  const held = (phase: AnalysisPhase, runName = name): AnalysisRun => ({ ...(desired as AnalysisRun), metadata: { ...desired?.metadata, name: runName }, status: { phase } });

  it.each([
    { row: 'the Failed namesake → `<name>.1` is created and current', runs: () => [held(P.Failed)], create: () => [`${name}.1`], current: () => `${name}.1` },
    { row: 'Failed `<name>` and Error `<name>.1` → `<name>.2`', runs: () => [held(P.Failed), held(P.Error, `${name}.1`)], create: () => [`${name}.2`], current: () => `${name}.2` },
    { row: 'an equal running run of ours → adopted, nothing created', runs: () => [held(P.Running)], create: () => [], current: () => name },
  ])('$row', ({ runs, create, current }) => {
    expect(name).toMatch(/-pre$/);
    const out = planWith(runs());
    expect(out.create.map((r) => r.metadata?.name)).toEqual(create());
    expect(out.currentPreRun?.metadata?.name).toBe(current());
    expect(out.abortMessage).toBeUndefined();
  });
});
