import type { AnalysisPhase, Experiment, Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { chooseStepExperimentName, currentStepExperiment, experimentDestinations } from './canary-experiment.js';

const BASE = 'ro-abc-2-1';

function ex(name: string, phase?: AnalysisPhase, extra: { terminate?: boolean; deleting?: boolean; serviceName?: string } = {}): Experiment {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Experiment',
    metadata: { name, namespace: 'default', ...(extra.deleting === true ? { deletionTimestamp: '2026-11-27T10:00:00Z' as unknown as Date } : {}) },
    spec: { templates: [], ...(extra.terminate === true ? { terminate: true } : {}) },
    ...(phase === undefined ? {} : { status: { phase, ...(extra.serviceName === undefined ? {} : { templateStatuses: [{ name: 'exp', status: 'Running', replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, serviceName: extra.serviceName, podTemplateHash: 'h' }] }) } }),
  };
}

function rollout(stepIndex: number, currentExperiment?: string): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'ro', namespace: 'default' },
    spec: { strategy: { canary: { steps: [{ setWeight: 20 }, { experiment: { templates: [{ name: 'exp', specRef: 'canary', weight: 10 }, { name: 'plain', specRef: 'stable' }] } }, { setWeight: 60 }] } } },
    status: { currentStepIndex: stepIndex, ...(currentExperiment === undefined ? {} : { canary: { currentExperiment } }) },
  };
}

describe('chooseStepExperimentName (the step has no current experiment)', () => {
  it.each([
    { name: 'no namesake → the base name', experiments: [], want: { name: BASE } },
    { name: 'a finished namesake (the failed run before a retry) → -1', experiments: [ex(BASE, 'Failed')], want: { name: `${BASE}-1` } },
    { name: 'finished base and -1 → -2', experiments: [ex(BASE, 'Failed'), ex(`${BASE}-1`, 'Successful')], want: { name: `${BASE}-2` } },
    { name: 'a terminated namesake is skipped', experiments: [ex(BASE, 'Running', { terminate: true })], want: { name: `${BASE}-1` } },
    { name: 'a deleting namesake is skipped', experiments: [ex(BASE, 'Running', { deleting: true })], want: { name: `${BASE}-1` } },
    { name: 'a running namesake (lost currentExperiment) is resumed', experiments: [ex(BASE, 'Running')], want: { resume: BASE, name: BASE } },
    { name: 'a running -1 past a foreign base (not ours) is resumed', experiments: [ex(`${BASE}-1`, 'Running')], want: { resume: `${BASE}-1`, name: `${BASE}-1` } },
    { name: 'the lowest live suffix is resumed', experiments: [ex(`${BASE}-10`, 'Running'), ex(`${BASE}-2`, 'Running')], want: { resume: `${BASE}-2`, name: `${BASE}-2` } },
    { name: "another step's experiment is not resumed", experiments: [ex('ro-abc-2-10', 'Running'), ex(`${BASE}-x`, 'Running')], want: { name: BASE } },
    { name: 'a pending -1 after a finished base is resumed', experiments: [ex(BASE, 'Failed'), ex(`${BASE}-1`)], want: { resume: `${BASE}-1`, name: `${BASE}-1` } },
  ])('$name', ({ experiments, want }) => {
    expect(chooseStepExperimentName(BASE, experiments)).toEqual(want);
  });
});

describe('experimentDestinations (Istio additional destinations)', () => {
  it.each([
    { name: 'Running current experiment on its step → its weighted templates with a Service', ro: rollout(1, BASE), phase: 'Running' as const, want: [{ serviceName: 'svc', podTemplateHash: 'h', weight: 10 }] },
    { name: 'Pending → none', ro: rollout(1, BASE), phase: 'Pending' as const, want: [] },
    { name: 'Successful → none', ro: rollout(1, BASE), phase: 'Successful' as const, want: [] },
    { name: 'not the current experiment → none', ro: rollout(1), phase: 'Running' as const, want: [] },
    { name: 'past the experiment step → none', ro: rollout(2, BASE), phase: 'Running' as const, want: [] },
  ])('$name', ({ ro, phase, want }) => {
    expect(experimentDestinations(ro, [ex(BASE, phase, { serviceName: 'svc' })])).toEqual(want);
  });
});

describe('currentStepExperiment', () => {
  it.each([
    { name: 'named and present', current: BASE, want: BASE },
    { name: 'named but gone', current: `${BASE}-9`, want: undefined },
    { name: 'none named', current: undefined, want: undefined },
  ])('$name', ({ current, want }) => {
    expect(currentStepExperiment(rollout(1, current), [ex(BASE, 'Running')])?.metadata?.name).toBe(want);
  });
});
