import { readFileSync } from 'node:fs';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { AnalysisPhase, Experiment, Rollout, RolloutStatus } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { aReplicaSet } from '../rollout/test-support/builders.js';
import { filterExperimentsToDelete, planCanaryExperiment } from './canary-step-plan.js';

const upstreamRollout = (): Rollout =>
  parseAllDocuments(readFileSync(new URL('../../../api/src/__fixtures__/upstream-e2e/functional/rollout-experiment-analysis.yaml', import.meta.url), 'utf8'))
    .map((d) => d.toJS() as { kind?: string })
    .find((d) => d.kind === 'Rollout') as Rollout;

const stable = aReplicaSet({ name: 'ro-stable', hash: 'stablehash', replicas: 1 });
const canary = aReplicaSet({ name: 'ro-new', hash: 'newhash', replicas: 0 });

function rollout(status: RolloutStatus): Rollout {
  const ro = upstreamRollout();
  return { ...ro, metadata: { name: 'rollout-experiment', namespace: 'ns', uid: 'ro-uid', annotations: { 'rollout.argoproj.io/revision': '2' } }, status: { stableRS: 'stablehash', currentStepIndex: 0, ...status } };
}

const anExperiment = (name: string, phase?: AnalysisPhase, extra: Partial<V1ObjectMeta> = {}): Experiment => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Experiment',
  metadata: { name, namespace: 'ns', labels: { 'rollouts-pod-template-hash': 'newhash' }, creationTimestamp: '2026-11-27T10:00:00Z' as unknown as Date, ...extra },
  spec: { templates: [] },
  ...(phase === undefined ? {} : { status: { phase } }),
});

const input = (status: RolloutStatus, experiments: Experiment[] = []) => ({ rollout: rollout(status), experiments, newRS: canary, stableRS: stable, allReplicaSets: [stable, canary] });

describe('planCanaryExperiment (upstream rollout-experiment-analysis: experiment step, then pause)', () => {
  it('creates the step Experiment and reports ExperimentCreated', () => {
    const plan = planCanaryExperiment(input({}));
    expect(plan.create?.metadata?.name).toMatch(/^rollout-experiment-[a-z0-9]+-2-0$/);
    expect(plan.events).toEqual([{ reason: 'ExperimentCreated', message: `Created Experiment '${plan.create?.metadata?.name ?? ''}'` }]);
    expect(plan.currentExperiment).toBe(plan.create?.metadata?.name);
    expect(plan.stepCompleted).toBe(false);
  });

  it('waits for a stable RS before creating', () => {
    expect(planCanaryExperiment({ ...input({}), stableRS: undefined }).create).toBeUndefined();
  });

  it.each([
    { name: 'Running → stays current', phase: 'Running' as const, expected: { currentExperiment: 'ex', stepCompleted: false } },
    { name: 'Successful → step completes', phase: 'Successful' as const, expected: { stepCompleted: true } },
    { name: 'Failed → abort', phase: 'Failed' as const, expected: { abortMessage: 'Experiment analysis phase is error/failed', stepCompleted: false } },
    { name: 'Inconclusive → pause', phase: 'Inconclusive' as const, expected: { pause: 'InconclusiveExperiment', stepCompleted: false } },
  ])('current experiment $name', ({ phase, expected }) => {
    const plan = planCanaryExperiment(input({ canary: { currentExperiment: 'ex' } }, [anExperiment('ex', phase)]));
    expect(plan.create).toBeUndefined();
    expect(plan).toMatchObject(expected);
  });

  it('abort cancels every running experiment', () => {
    const plan = planCanaryExperiment(input({ abort: true, canary: { currentExperiment: 'ex' } }, [anExperiment('ex', 'Running'), anExperiment('done', 'Successful')]));
    expect(plan.cancel).toEqual(['ex']);
  });

  it('past the experiment step, the current experiment is cancelled', () => {
    const plan = planCanaryExperiment(input({ currentStepIndex: 1, canary: { currentExperiment: 'ex' } }, [anExperiment('ex', 'Running')]));
    expect(plan.cancel).toEqual(['ex']);
    expect(plan.currentExperiment).toBeUndefined();
  });

  it('filterExperimentsToDelete keeps the newest successful ones and drops orphans', () => {
    const exs = [
      anExperiment('a', 'Successful', { creationTimestamp: '2026-11-27T10:00:01Z' as unknown as Date }),
      anExperiment('b', 'Successful', { creationTimestamp: '2026-11-27T10:00:02Z' as unknown as Date }),
      anExperiment('orphan', 'Successful', { labels: { 'rollouts-pod-template-hash': 'gone' } }),
      anExperiment('running', 'Running'),
    ];
    expect(filterExperimentsToDelete(exs, [canary], 1, 1).map((e) => e.metadata?.name)).toEqual(['a', 'orphan']);
  });
});
