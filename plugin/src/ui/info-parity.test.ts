// The info projection over upstream's testdata, as upstream's info_test.go asserts it.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/info_test.go
import { describe, expect, it } from 'vitest';
import { experimentImages, newExperimentInfo, newRolloutInfo, revisions, rolloutImages } from '@serin/core';
import { FixtureNow } from '../test-support/fixtures.js';
import { loadTestdata } from '../test-support/upstream-testdata.js';

const canary = loadTestdata('canary', FixtureNow);
const byFile = (i: number) => {
  const ro = canary.rollouts[i];
  if (ro === undefined) throw new Error(`no rollout ${i}`);
  return newRolloutInfo(ro, canary.objects);
};

describe('info_test.go', () => {
  it('TestCanaryRolloutInfo: 3 revisions, canary and stable images', () => {
    const info = byFile(0);
    expect(revisions(info)).toHaveLength(3);
    expect(rolloutImages(info)).toEqual([
      { image: 'argoproj/rollouts-demo:does-not-exist', tags: ['canary'] },
      { image: 'argoproj/rollouts-demo:green', tags: ['stable'] },
    ]);
  });

  it('TestCanaryRolloutInfoWeights: ActualWeight from status.canary.weights (rollout 5), else SetWeight (rollout 6)', () => {
    const withWeights = canary.rollouts[4] as { status?: { canary?: { weights?: { canary?: { weight?: number } } } } };
    expect(byFile(4).actualWeight).toBe(String(withWeights.status?.canary?.weights?.canary?.weight));
    const noWeights = byFile(5);
    expect(noWeights.actualWeight).toBe(noWeights.setWeight);
  });

  it('TestPingPongCanaryRolloutInfo: ping/pong tags join canary/stable', () => {
    const info = byFile(3);
    expect(revisions(info)).toHaveLength(3);
    expect(rolloutImages(info)).toEqual([
      { image: 'argoproj/rollouts-demo:does-not-exist', tags: ['canary', 'ping'] },
      { image: 'argoproj/rollouts-demo:green', tags: ['stable', 'pong'] },
    ]);
  });

  it('TestExperimentAnalysisRolloutInfo and TestExperimentInfo', () => {
    const t = loadTestdata('experiment-analysis', FixtureNow);
    const ro = t.rollouts[0];
    if (ro === undefined) throw new Error('no rollout');
    const info = newRolloutInfo(ro, t.objects);
    expect(revisions(info)).toEqual([2, 1]);
    expect([info.replicaSets, info.experiments, info.analysisRuns].map((xs) => xs.filter((x) => x.revision === 2).length)).toEqual([1, 1, 1]);
    expect(rolloutImages(info)).toEqual([
      { image: 'argoproj/rollouts-demo:blue', tags: ['stable'] },
      { image: 'argoproj/rollouts-demo:yellow', tags: ['canary'] },
    ]);
    const exp = t.experiments[0];
    if (exp === undefined) throw new Error('no experiment');
    // the experiment ReplicaSets carry the template name as a label, not the annotation: no Σ tags
    expect(experimentImages(newExperimentInfo(exp, t.objects))).toEqual([
      { image: 'argoproj/rollouts-demo:blue', tags: [] },
      { image: 'argoproj/rollouts-demo:yellow', tags: [] },
    ]);
  });

  it('TestRolloutStatusInvalidSpec', () => {
    const t = loadTestdata('rollout-invalid', FixtureNow);
    const ro = t.rollouts[0];
    if (ro === undefined) throw new Error('no rollout');
    const info = newRolloutInfo(ro, t.objects);
    expect({ status: info.status, message: info.message }).toEqual({
      status: 'Degraded',
      message: 'InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: `selector` does not match template `labels`',
    });
  });
});
