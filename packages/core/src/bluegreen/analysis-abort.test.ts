/**
 * Blue-green: when the pre- and the post-promotion run both failed, the abort message is the post-promotion one,
 * the later of the two reactions (the pause context keeps the last abort).
 * parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns (pre, then post), rollout/pause.go AddAbort
 */
import type { AnalysisPhase, AnalysisRun, BlueGreenStrategy, Rollout } from '@serin/api';
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
