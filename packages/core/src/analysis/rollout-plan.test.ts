import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANALYSIS_PHASE as P, type AnalysisPhase, type AnalysisRun, type AnalysisTemplate, type Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { canaryAnalysisStatus, planCanaryAnalysis } from './rollout-plan.js';
import type { TemplateLookup } from './templates.js';

const template: AnalysisTemplate = { metadata: { name: 'success-rate', namespace: 'default' }, spec: { metrics: [{ name: 'success-rate', successCondition: 'result[0] >= 0.95', provider: { prometheus: { address: 'http://p', query: 'q' } } }] } };
const lookup: TemplateLookup = { analysisTemplate: (_ns, n) => (n === 'success-rate' ? template : undefined), clusterAnalysisTemplate: () => undefined };
const rs = (hash: string): V1ReplicaSet => ({ metadata: { name: `guestbook-${hash}`, labels: { 'rollouts-pod-template-hash': hash } } });
const NEW = rs('new1');
const STABLE = rs('old1');

interface RolloutOpts {
  index?: number;
  stableRS?: string;
  stepRun?: { name: string; status: AnalysisPhase };
  backgroundRun?: { name: string; status: AnalysisPhase };
  pauseConditions?: Array<{ reason: 'InconclusiveAnalysisRun' | 'CanaryPauseStep'; startTime: string }>;
  controllerPause?: boolean;
  abort?: boolean;
  background?: { startingStep?: number; templateName?: string };
}

function aRollout(o: RolloutOpts = {}): Rollout {
  return {
    metadata: { name: 'guestbook', namespace: 'default', uid: 'ro-uid', annotations: { 'rollout.argoproj.io/revision': '3' } },
    spec: {
      selector: { matchLabels: { app: 'guestbook' } },
      strategy: {
        canary: {
          steps: [{ setWeight: 20 }, { analysis: { templates: [{ templateName: 'success-rate' }] } }, { pause: {} }],
          ...(o.background === undefined ? {} : { analysis: { templates: [{ templateName: o.background.templateName ?? 'success-rate' }], ...(o.background.startingStep === undefined ? {} : { startingStep: o.background.startingStep }) } }),
        },
      },
    },
    status: {
      currentStepIndex: o.index ?? 1,
      stableRS: o.stableRS ?? 'old1',
      currentPodHash: 'new1',
      ...(o.abort ? { abort: true } : {}),
      ...(o.controllerPause ? { controllerPause: true } : {}),
      ...(o.pauseConditions ? { pauseConditions: o.pauseConditions } : {}),
      canary: { ...(o.stepRun ? { currentStepAnalysisRunStatus: o.stepRun } : {}), ...(o.backgroundRun ? { currentBackgroundAnalysisRunStatus: o.backgroundRun } : {}) },
    },
  } as Rollout;
}

const aRun = (name: string, phase: AnalysisPhase | undefined, labels: Record<string, string> = {}, message?: string): AnalysisRun => ({
  metadata: { name, namespace: 'default', labels: { 'rollouts-pod-template-hash': 'new1', ...labels }, creationTimestamp: '2026-11-27T10:00:00Z' as unknown as Date },
  spec: { metrics: [] },
  ...(phase === undefined ? {} : { status: { phase, ...(message ? { message } : {}) } }),
});

const plan = (rollout: Rollout, runs: AnalysisRun[] = []) => planCanaryAnalysis({ rollout, analysisRuns: runs, newRS: NEW, stableRS: STABLE, allReplicaSets: [NEW, STABLE], templates: lookup });

describe('planCanaryAnalysis — step analysis', () => {
  it('at an analysis step without a run: create <rollout>-<hash>-<revision>-<index>', () => {
    const out = plan(aRollout());
    expect(out.create.map((r) => r.metadata?.name)).toEqual(['guestbook-new1-3-1']);
    expect(out.currentStepRun?.metadata?.name).toBe('guestbook-new1-3-1');
    expect(canaryAnalysisStatus(out)).toEqual({ currentStepAnalysisRunStatus: { name: 'guestbook-new1-3-1', status: '' } });
    expect(out.events).toEqual([]);
  });

  it.each([
    { name: 'Running → nothing', phase: P.Running, message: undefined, pause: undefined, abort: undefined },
    { name: 'Successful → nothing (step completes elsewhere)', phase: P.Successful, message: undefined, pause: undefined, abort: undefined },
    { name: 'Inconclusive → pause', phase: P.Inconclusive, message: undefined, pause: 'InconclusiveAnalysisRun', abort: undefined },
    {
      name: 'Failed → abort with the step message',
      phase: P.Failed,
      message: 'Metric "success-rate" assessed Failed due to failed (4) > failureLimit (3)',
      pause: undefined,
      abort: 'Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (4) > failureLimit (3)',
    },
    { name: 'Error without message', phase: P.Error, message: undefined, pause: undefined, abort: 'Step-based analysis phase error/failed' },
  ])('current step run $name', ({ phase, message, pause, abort }) => {
    const run = aRun('guestbook-new1-3-1', phase, { 'step-index': '1' }, message);
    const out = plan(aRollout({ stepRun: { name: 'guestbook-new1-3-1', status: P.Running } }), [run]);
    expect(out.create).toEqual([]);
    expect(out.pause).toBe(pause);
    expect(out.abortMessage).toBe(abort);
    expect(out.currentStepRun).toBe(run);
  });

  it('a phase change emits the Rollout event', () => {
    const run = aRun('guestbook-new1-3-1', P.Failed, { 'step-index': '1' });
    const out = plan(aRollout({ stepRun: { name: 'guestbook-new1-3-1', status: P.Running } }), [run]);
    expect(out.events).toEqual([{ type: 'Warning', reason: 'AnalysisRunFailed', message: "Step Analysis Run 'guestbook-new1-3-1' Status New: 'Failed' Previous: 'Running'" }]);
  });

  it('while paused nothing is created and the current run is kept', () => {
    const run = aRun('guestbook-new1-3-1', P.Inconclusive, { 'step-index': '1' });
    const out = plan(aRollout({ stepRun: { name: run.metadata?.name ?? '', status: P.Inconclusive }, controllerPause: true, pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: 'x' }] }), [run]);
    expect(out.create).toEqual([]);
    expect(out.currentStepRun).toBe(run);
  });

  it('promote after Inconclusive (pause condition cleared, controllerPause still set) → a new run `<name>.1` (the Inconclusive namesake is completed)', () => {
    const run = aRun('guestbook-new1-3-1', P.Inconclusive, { 'step-index': '1' });
    const out = plan(aRollout({ stepRun: { name: run.metadata?.name ?? '', status: P.Inconclusive }, controllerPause: true }), [run]);
    expect(out.create.map((r) => r.metadata?.name)).toEqual(['guestbook-new1-3-1.1']);
    expect(canaryAnalysisStatus(out)).toEqual({ currentStepAnalysisRunStatus: { name: 'guestbook-new1-3-1.1', status: '' } });
  });

  // parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter
  it.each([
    { name: 'Failed `<name>` and `<name>.1` held → `<name>.2` is created', held: [['guestbook-new1-3-1', P.Failed], ['guestbook-new1-3-1.1', P.Error]] as const, create: ['guestbook-new1-3-1.2'], current: 'guestbook-new1-3-1.2' },
    { name: 'a running equal run of ours under `<name>` is adopted, nothing created', held: [['guestbook-new1-3-1', P.Running]] as const, create: [], current: 'guestbook-new1-3-1' },
  ])('a new step run among namesakes: $name', ({ held, create, current }) => {
    const rollout = aRollout();
    const desired = plan(rollout).create[0];
    const runs = held.map(([name, phase]): AnalysisRun => ({ ...structuredClone(desired as AnalysisRun), metadata: { ...(desired as AnalysisRun).metadata, name }, status: { phase } }));
    const out = plan(rollout, runs);
    expect(out.create.map((r) => r.metadata?.name)).toEqual(create);
    expect(out.currentStepRun?.metadata?.name).toBe(current);
  });

  it('past the analysis step a still-running step run is cancelled', () => {
    const run = aRun('guestbook-new1-3-1', P.Running, { 'step-index': '1' });
    const out = plan(aRollout({ index: 2, stepRun: { name: run.metadata?.name ?? '', status: P.Running } }), [run]);
    expect(out.cancel).toEqual(['guestbook-new1-3-1']);
    expect(out.currentStepRun).toBeUndefined();
  });

  it('a missing template is an error, nothing is created', () => {
    const r = aRollout();
    const steps = r.spec.strategy?.canary?.steps ?? [];
    steps[1] = { analysis: { templates: [{ templateName: 'nope' }] } };
    const out = plan(r);
    expect(out).toMatchObject({ create: [], error: 'analysistemplate.argoproj.io "nope" not found' });
  });
});

describe('planCanaryAnalysis — background analysis and cancelling', () => {
  it('before startingStep: no background run', () => {
    expect(plan(aRollout({ index: 0, background: { startingStep: 1 } })).create).toEqual([]);
  });

  it('from startingStep: background run <rollout>-<hash>-<revision>', () => {
    const out = plan(aRollout({ index: 2, background: { startingStep: 1 } }));
    expect(out.create.map((r) => [r.metadata?.name, r.metadata?.labels?.['rollout-type']])).toEqual([['guestbook-new1-3', 'Background']]);
  });

  it('background Failed → abort with the background message', () => {
    const run = aRun('guestbook-new1-3', P.Failed, { 'rollout-type': 'Background' }, 'boom');
    const out = plan(aRollout({ index: 2, background: {}, backgroundRun: { name: 'guestbook-new1-3', status: P.Running } }), [run]);
    expect(out.abortMessage).toBe('Background analysis phase error/failed: boom');
  });

  it('step and background both Failed in one reconcile → the background message (the last abort wins)', () => {
    const step = aRun('guestbook-new1-3-1', P.Failed, { 'step-index': '1' }, 'step boom');
    const bg = aRun('guestbook-new1-3', P.Failed, { 'rollout-type': 'Background' }, 'background boom');
    const out = plan(aRollout({ background: {}, stepRun: { name: 'guestbook-new1-3-1', status: P.Running }, backgroundRun: { name: 'guestbook-new1-3', status: P.Running } }), [step, bg]);
    expect(out.abortMessage).toBe('Background analysis phase error/failed: background boom');
  });

  it.each([
    { name: 'aborted', opts: { abort: true } },
    { name: 'initial deploy (no stable RS)', opts: { stableRS: '' } },
    { name: 'fully promoted', opts: { stableRS: 'new1' } },
  ])('$name: current runs are cancelled, none created', ({ opts }) => {
    const step = aRun('guestbook-new1-3-1', P.Running, { 'step-index': '1' });
    const bg = aRun('guestbook-new1-3', P.Running, { 'rollout-type': 'Background' });
    const out = plan(aRollout({ ...opts, background: {}, stepRun: { name: 'guestbook-new1-3-1', status: P.Running }, backgroundRun: { name: 'guestbook-new1-3', status: P.Running } }), [step, bg]);
    expect(out.create).toEqual([]);
    expect(out.cancel.sort()).toEqual(['guestbook-new1-3', 'guestbook-new1-3-1']);
    expect(canaryAnalysisStatus(out)).toEqual({});
  });

  it('runs of older revisions are cancelled and deleted beyond the history limits', () => {
    const old = (name: string, phase: AnalysisPhase, minute: number, hash = 'old1'): AnalysisRun => ({ ...aRun(name, phase, { 'rollouts-pod-template-hash': hash }), metadata: { name, labels: { 'rollouts-pod-template-hash': hash }, creationTimestamp: `2026-11-27T09:${String(minute).padStart(2, '0')}:00Z` as unknown as Date } });
    const runs = [
      ...Array.from({ length: 6 }, (_, i) => old(`ok-${i}`, P.Successful, i)),
      old('running-old', P.Running, 30),
      old('orphan', P.Failed, 31, 'gone'),
    ];
    const out = plan(aRollout({ index: 0 }), runs);
    expect(out.cancel).toEqual(['running-old']);
    expect(out.delete.sort()).toEqual(['ok-0', 'orphan']);
  });

  it('a run whose deletion is already under way is not deleted again', () => {
    // parity: argo-rollouts rollout/analysis.go deleteAnalysisRuns skips runs with a deletionTimestamp
    const gone = (name: string, deleting: boolean): AnalysisRun => ({ ...aRun(name, P.Failed), metadata: { name, labels: { 'rollouts-pod-template-hash': 'gone' }, ...(deleting ? { deletionTimestamp: '2026-11-27T10:01:00Z' as unknown as Date } : {}) } });
    const out = plan(aRollout({ index: 0 }), [gone('deleting', true), gone('orphan', false)]);
    expect(out.delete).toEqual(['orphan']);
  });
});

describe('planCanaryAnalysis — a run that cannot be built ends the stage there (upstream returns the error)', () => {
  const withMissingStepTemplate = (o: RolloutOpts): Rollout => {
    const r = aRollout(o);
    const steps = r.spec.strategy?.canary?.steps ?? [];
    steps[1] = { analysis: { templates: [{ templateName: 'nope' }] } };
    return r;
  };
  const older = (name: string): AnalysisRun => ({ ...aRun(name, P.Running, { 'rollouts-pod-template-hash': 'gone' }), metadata: { name, labels: { 'rollouts-pod-template-hash': 'gone' } } });

  it('step run fails to build → no background run created, older runs neither cancelled nor deleted, no events', () => {
    const out = plan(withMissingStepTemplate({ background: {} }), [older('older-run')]);
    expect(out).toMatchObject({ create: [], cancel: [], delete: [], events: [], error: 'analysistemplate.argoproj.io "nope" not found' });
  });

  it('background run fails to build → the step run is still created, older runs neither cancelled nor deleted', () => {
    const out = plan(aRollout({ background: { templateName: 'nope' } }), [older('older-run')]);
    expect(out.create.map((r) => r.metadata?.name)).toEqual(['guestbook-new1-3-1']);
    expect(out).toMatchObject({ cancel: [], delete: [], events: [], error: 'analysistemplate.argoproj.io "nope" not found' });
  });
});
