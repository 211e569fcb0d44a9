import { readFileSync } from 'node:fs';
import type { Experiment, ExperimentStatus, Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { aReplicaSet } from '../rollout/test-support/builders.js';
import { resolveExperimentArgs } from './analysis-run.js';
import { STEP_EXPERIMENT_OUTCOME, assessStepExperiment, buildStepExperiment, experimentWeightedDestinations } from './canary-step.js';
import { verifyExperimentSpec } from './conditions.js';
import { jsonMergeDiff } from './merge-diff.js';
import { analysisRunsMissingFromCache } from './missing-runs.js';
import { calculateTemplateReplicasCount, experimentPassedDuration, isExperimentTerminating, templateIsWorse } from './experiment-util.js';
import { buildTemplateReplicaSet, templatePodHash } from './template-replica-set.js';

const upstream = (file: string): unknown[] =>
  parseAllDocuments(readFileSync(new URL(`../../../api/src/__fixtures__/upstream-e2e/functional/${file}`, import.meta.url), 'utf8')).map((d) => d.toJS() as unknown);
const ofKind = <T>(docs: unknown[], kind: string): T => docs.find((d) => (d as { kind?: string }).kind === kind) as T;

const T0 = Date.parse('2026-11-27T10:00:00Z');
const basic = (): Experiment => {
  const ex = ofKind<Experiment>(upstream('experiment-basic.yaml'), 'Experiment');
  return { ...ex, metadata: { name: 'ex', namespace: 'ns', uid: 'ex-uid' } };
};
const withStatus = (status: ExperimentStatus, spec: Partial<Experiment['spec']> = {}): Experiment => {
  const ex = basic();
  return { ...ex, spec: { ...ex.spec, ...spec }, status };
};

describe('experiment helpers', () => {
  it.each([
    { name: 'running experiment', ex: withStatus({ phase: 'Running' }), expected: false },
    { name: 'spec.terminate', ex: withStatus({ phase: 'Running' }, { terminate: true }), expected: true },
    { name: 'completed phase', ex: withStatus({ phase: 'Successful' }), expected: true },
    { name: 'a Failed template', ex: withStatus({ phase: 'Running', templateStatuses: [{ name: 'canary', status: 'Failed', replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 }] }), expected: true },
    { name: 'an Inconclusive analysis', ex: withStatus({ phase: 'Running', analysisRuns: [{ name: 'a', analysisRun: 'ex-a', phase: 'Inconclusive' }] }), expected: true },
    {
      name: 'all required analyses Successful',
      ex: withStatus({ phase: 'Running', analysisRuns: [{ name: 'a', analysisRun: 'ex-a', phase: 'Successful' }] }, { analyses: [{ name: 'a', templateName: 't', requiredForCompletion: true }] }),
      expected: true,
    },
  ])('isExperimentTerminating: $name', ({ ex, expected }) => {
    expect(isExperimentTerminating(ex)).toBe(expected);
  });

  it.each([
    { name: 'not yet available', status: {}, now: T0 + 60_000, expected: { passed: false, remainingMs: 0 } },
    { name: '10 s into 30 s', status: { availableAt: '2026-11-27T10:00:00Z' }, now: T0 + 10_000, expected: { passed: false, remainingMs: 20_000 } },
    { name: 'exactly at the end (not passed: strictly after)', status: { availableAt: '2026-11-27T10:00:00Z' }, now: T0 + 30_000, expected: { passed: false, remainingMs: 0 } },
    { name: 'after the end', status: { availableAt: '2026-11-27T10:00:00Z' }, now: T0 + 30_001, expected: { passed: true, remainingMs: -1 } },
  ])('experimentPassedDuration: $name', ({ status, now, expected }) => {
    const ex = withStatus(status);
    expect(experimentPassedDuration(ex, ex.status, now)).toEqual(expected);
  });

  it.each([
    { name: 'running → replicas (default 1)', ex: withStatus({ phase: 'Running' }), expected: 1 },
    { name: 'terminating → 0', ex: withStatus({ phase: 'Running' }, { terminate: true }), expected: 0 },
    { name: 'template Successful → 0', ex: withStatus({ phase: 'Running', templateStatuses: [{ name: 'baseline', status: 'Successful', replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 }] }), expected: 0 },
  ])('calculateTemplateReplicasCount(baseline): $name', ({ ex, expected }) => {
    const baseline = ex.spec.templates[0];
    if (baseline === undefined) throw new Error('no template');
    expect(calculateTemplateReplicasCount(ex, baseline)).toBe(expected);
  });

  it.each([
    { current: 'Successful' as const, next: 'Running' as const, expected: true },
    { current: 'Running' as const, next: 'Progressing' as const, expected: true },
    { current: 'Error' as const, next: 'Failed' as const, expected: true },
    { current: 'Failed' as const, next: 'Error' as const, expected: false },
  ])('templateIsWorse($current, $next) = $expected', ({ current, next, expected }) => {
    expect(templateIsWorse(current, next)).toBe(expected);
  });

  it.each([
    { name: 'valid', edit: (_e: Experiment) => undefined, expected: undefined },
    { name: 'empty selector', edit: (e: Experiment) => { if (e.spec.templates[0]) e.spec.templates[0].selector = {}; }, expected: 'This experiment is selecting all pods at index 0. A non-empty selector is required.' },
    { name: 'repeated template name', edit: (e: Experiment) => { if (e.spec.templates[1]) e.spec.templates[1].name = 'baseline'; }, expected: "Experiment ex has repeated template name 'baseline' in templates" },
    { name: 'empty template name', edit: (e: Experiment) => { if (e.spec.templates[1]) e.spec.templates[1].name = ''; }, expected: 'Experiment ex has empty template name at index 1' },
  ])('verifyExperimentSpec: $name', ({ edit, expected }) => {
    const ex = basic();
    edit(ex);
    expect(verifyExperimentSpec(ex)).toBe(expected);
  });
});

describe('template ReplicaSet', () => {
  it('hashes the template without an existing hash label; collisionCount changes the hash', () => {
    const ex = basic();
    const t = ex.spec.templates[1];
    if (t === undefined) throw new Error('no template');
    const labelled = { ...t, template: { ...t.template, metadata: { labels: { ...(t.template.metadata?.labels ?? {}), 'rollouts-pod-template-hash': 'stale' } } } };
    expect(templatePodHash(labelled, undefined)).toBe(computePodTemplateHash(t.template));
    expect(templatePodHash(t, 1)).not.toBe(templatePodHash(t, undefined));
    const rs = buildTemplateReplicaSet(ex, labelled, undefined);
    expect(rs.metadata?.name).toBe('ex-canary');
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'rollouts-demo', 'rollouts-pod-template-hash': computePodTemplateHash(t.template) });
  });

  it('resolves {{templates.<t>.podTemplateHash}} and fails on an unknown tag', () => {
    const values = new Map([['templates.canary.podTemplateHash', 'abc']]);
    expect(resolveExperimentArgs([{ name: 'h', value: '{{templates.canary.podTemplateHash}}' }, { name: 'x' }], values)).toEqual({ ok: true, value: [{ name: 'h', value: 'abc' }, { name: 'x' }] });
    expect(resolveExperimentArgs([{ name: 'h', value: '{{templates.nope.podTemplateHash}}' }], values).ok).toBe(false);
  });
});

describe('canary experiment step (upstream rollout-experiment-analysis)', () => {
  const rollout = (): Rollout => {
    const ro = ofKind<Rollout>(upstream('rollout-experiment-analysis.yaml'), 'Rollout');
    return { ...ro, metadata: { name: 'rollout-experiment', namespace: 'ns', uid: 'ro-uid', annotations: { 'rollout.argoproj.io/revision': '2' } }, status: { currentStepIndex: 0 } };
  };
  const stable = aReplicaSet({ name: 'rollout-experiment-stable', hash: 'stablehash', replicas: 1, image: 'nginx:1.18' });
  const canary = aReplicaSet({ name: 'rollout-experiment-new', hash: 'newhash', replicas: 0, image: 'nginx:1.19-alpine' });

  it('names it `<rollout>-<hash>-<revision>-<stepIndex>`, owned by the Rollout, templates from stable/canary RSs', () => {
    const ro = rollout();
    const built = buildStepExperiment({ rollout: ro, newRS: canary, stableRS: stable });
    if (!built.ok) throw new Error(built.error);
    const hash = computePodTemplateHash(ro.spec.template ?? {});
    expect(built.value.metadata).toMatchObject({ name: `rollout-experiment-${hash}-2-0`, labels: { 'rollouts-pod-template-hash': hash }, annotations: { 'rollout.argoproj.io/revision': '2' }, ownerReferences: [{ kind: 'Rollout', name: 'rollout-experiment', controller: true }] });
    expect(built.value.spec.templates.map((t) => [t.name, t.template.spec?.containers[0]?.image, t.selector.matchLabels?.['rollouts-pod-template-hash']])).toEqual([
      ['baseline', 'nginx:1.18', 'stablehash'],
      ['canary', 'nginx:1.19-alpine', 'newhash'],
    ]);
  });

  it('resolves podTemplateHashValue args against the Rollout and leaves {{templates.…}} for the Experiment', () => {
    const built = buildStepExperiment({ rollout: rollout(), newRS: canary, stableRS: stable });
    if (!built.ok) throw new Error(built.error);
    expect(built.value.spec.analyses).toEqual([
      {
        name: 'echo-pod-hash',
        templateName: 'echo-pod-hash',
        requiredForCompletion: true,
        args: [
          { name: 'stable-hash', value: 'stablehash' },
          { name: 'latest-hash', value: 'newhash' },
          { name: 'baseline-hash', value: '{{templates.baseline.podTemplateHash}}' },
          { name: 'canary-hash', value: '{{templates.canary.podTemplateHash}}' },
        ],
      },
    ]);
  });

  it('a weighted template asks for a Service and becomes an additional destination once it exists', () => {
    const ro = rollout();
    const step = ro.spec.strategy?.canary?.steps?.[0]?.experiment;
    const t = step?.templates[1];
    if (t !== undefined) t.weight = 10;
    const built = buildStepExperiment({ rollout: ro, newRS: canary, stableRS: stable });
    if (!built.ok) throw new Error(built.error);
    expect(built.value.spec.templates[1]?.service).toEqual({});
    const ex: Experiment = { ...built.value, status: { templateStatuses: [{ name: 'canary', serviceName: 'svc-canary', podTemplateHash: 'h', replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 }] } };
    expect(experimentWeightedDestinations(ro, ex)).toEqual([{ serviceName: 'svc-canary', podTemplateHash: 'h', weight: 10 }]);
  });

  it.each([
    { name: 'Successful → step completes', phase: 'Successful' as const, message: undefined, expected: { outcome: STEP_EXPERIMENT_OUTCOME.Completed } },
    { name: 'Failed → abort', phase: 'Failed' as const, message: 'Metric "x" assessed Failed', expected: { outcome: STEP_EXPERIMENT_OUTCOME.Abort, message: 'Experiment analysis phase is error/failed: Metric "x" assessed Failed' } },
    { name: 'Error without message → abort', phase: 'Error' as const, message: undefined, expected: { outcome: STEP_EXPERIMENT_OUTCOME.Abort, message: 'Experiment analysis phase is error/failed' } },
    { name: 'Inconclusive → pause', phase: 'Inconclusive' as const, message: undefined, expected: { outcome: STEP_EXPERIMENT_OUTCOME.Pause } },
    { name: 'Running → wait', phase: 'Running' as const, message: undefined, expected: { outcome: STEP_EXPERIMENT_OUTCOME.Running } },
  ])('assessStepExperiment: $name', ({ phase, message, expected }) => {
    expect(assessStepExperiment({ status: { phase, ...(message === undefined ? {} : { message }) } })).toEqual(expected);
  });
});

describe('jsonMergeDiff (Experiment status patch)', () => {
  it.each([
    { name: 'unchanged → empty', from: { phase: 'Running', templateStatuses: [{ name: 'a', replicas: 0 }] }, to: { phase: 'Running', templateStatuses: [{ name: 'a', replicas: 0 }] }, expected: {} },
    { name: 'changed scalar and list (lists replaced whole, zeros kept)', from: { phase: 'Pending', templateStatuses: [{ name: 'a', replicas: 1 }] }, to: { phase: 'Running', templateStatuses: [{ name: 'a', replicas: 0 }] }, expected: { phase: 'Running', templateStatuses: [{ name: 'a', replicas: 0 }] } },
    { name: 'removed field → null', from: { phase: 'Running', message: 'x' }, to: { phase: 'Running' }, expected: { message: null } },
    { name: 'empty string kept (required wire fields)', from: {}, to: { analysisRuns: [{ name: 'a', analysisRun: '', phase: '' }] }, expected: { analysisRuns: [{ name: 'a', analysisRun: '', phase: '' }] } },
  ])('$name', ({ from, to, expected }) => {
    expect(jsonMergeDiff(from, to)).toEqual(expected);
  });
});

describe('analysisRunsMissingFromCache (the runs the reconciler GETs live)', () => {
  const analyses = { analyses: [{ name: 'a', templateName: 't' }] };
  const run = (name: string) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name }, spec: { metrics: [] } }) as never;
  it.each([
    { name: 'recorded, Running, not cached → looked up', status: { availableAt: '2026-11-27T10:00:00Z', analysisRuns: [{ name: 'a', analysisRun: 'ex-a', phase: 'Running' as const }] }, cached: [], expected: ['ex-a'] },
    { name: 'recorded and cached → not', status: { availableAt: '2026-11-27T10:00:00Z', analysisRuns: [{ name: 'a', analysisRun: 'ex-a', phase: 'Running' as const }] }, cached: [run('ex-a')], expected: [] },
    { name: 'completed analysis → not', status: { availableAt: '2026-11-27T10:00:00Z', analysisRuns: [{ name: 'a', analysisRun: 'ex-a', phase: 'Successful' as const }] }, cached: [], expected: [] },
    { name: 'no run recorded yet → not', status: { availableAt: '2026-11-27T10:00:00Z', analysisRuns: [{ name: 'a', analysisRun: '', phase: 'Pending' as const }] }, cached: [], expected: [] },
    { name: 'templates not available yet → not', status: { analysisRuns: [{ name: 'a', analysisRun: 'ex-a', phase: 'Running' as const }] }, cached: [], expected: [] },
  ])('$name', ({ status, cached, expected }) => {
    expect(analysisRunsMissingFromCache({ experiment: withStatus(status, analyses), analysisRuns: cached })).toEqual(expected);
  });
});
