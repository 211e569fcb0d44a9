import { describe, expect, it } from 'vitest';
import type { CanaryStep, RolloutStatus } from '@serin/api';
import { CANARY_PAUSE, canaryStepString, completedCurrentCanaryStep, decideCanaryPause, isIndefiniteStep } from './canary-steps.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('canaryStepString', () => {
  it.each<{ step: CanaryStep; text: string }>([
    { step: { setWeight: 20 }, text: 'setWeight: 20' },
    { step: { pause: {} }, text: 'pause' },
    { step: { pause: { duration: 10 } }, text: 'pause: 10' },
    { step: { pause: { duration: '1m' } }, text: 'pause: 1m' },
    { step: { setCanaryScale: { replicas: 3, weight: 20, matchTrafficWeight: true } }, text: 'setCanaryScale{weight: 20}' },
    { step: { setCanaryScale: { matchTrafficWeight: true, replicas: 3 } }, text: 'setCanaryScale{matchTrafficWeight: true}' },
    { step: { setCanaryScale: { replicas: 3 } }, text: 'setCanaryScale{replicas: 3}' },
    { step: { analysis: { templates: [] } }, text: 'analysis' },
    { step: { experiment: { templates: [] } }, text: 'experiment' },
    { step: { plugin: { name: 'p' } }, text: 'plugin: p' },
    { step: { setHeaderRoute: { name: 'h' } }, text: 'setHeaderRoute: h' },
    { step: { setMirrorRoute: { name: 'm' } }, text: 'setMirrorRoute: m' },
    { step: {}, text: 'invalid' },
  ])('$text', ({ step, text }) => {
    expect(canaryStepString(step)).toBe(text);
  });
});

describe('completedCurrentCanaryStep', () => {
  const steps: CanaryStep[] = [{ setWeight: 50 }, { pause: { duration: 10 } }, { pause: {} }];
  const pausedAt = (index: number, extra: RolloutStatus = {}): RolloutStatus => ({
    currentStepIndex: index,
    stableRS: 's',
    currentPodHash: 'n',
    pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z' }],
    controllerPause: true,
    ...extra,
  });
  const stable = (replicas: number) => aReplicaSet({ name: 'stable', hash: 's', replicas });
  const canary = (replicas: number) => aReplicaSet({ name: 'new', hash: 'n', replicas });

  it.each([
    { name: 'setWeight reached (2 of 4 new, 2 stable)', status: { currentStepIndex: 0, stableRS: 's', currentPodHash: 'n' }, rss: [canary(2), stable(2)], nowMs: T0, done: true },
    { name: 'setWeight not reached yet', status: { currentStepIndex: 0, stableRS: 's', currentPodHash: 'n' }, rss: [canary(1), stable(3)], nowMs: T0, done: false },
    { name: 'timed pause before expiry', status: pausedAt(1), rss: [canary(2), stable(2)], nowMs: T0 + 10_000, done: false },
    { name: 'timed pause after expiry', status: pausedAt(1), rss: [canary(2), stable(2)], nowMs: T0 + 10_001, done: true },
    { name: 'indefinite pause waits', status: pausedAt(2), rss: [canary(2), stable(2)], nowMs: T0 + 999_999, done: false },
    { name: 'indefinite pause promoted (condition gone, controllerPause still set)', status: { ...pausedAt(2), pauseConditions: [] }, rss: [canary(2), stable(2)], nowMs: T0, done: true },
    { name: 'past the last step', status: { currentStepIndex: 3 }, rss: [], nowMs: T0, done: false },
  ])('$name → $done', ({ status, rss, nowMs, done }) => {
    const rollout = aRollout({ replicas: 4, steps, status });
    const [newRS, stableRS] = rss;
    expect(completedCurrentCanaryStep({ rollout, newRS, stableRS, otherRSs: [], nowMs })).toBe(done);
  });

  it('never completes while spec.paused', () => {
    const rollout = aRollout({ replicas: 4, steps, paused: true, status: { currentStepIndex: 0, stableRS: 's', currentPodHash: 'n' } });
    expect(completedCurrentCanaryStep({ rollout, newRS: canary(2), stableRS: stable(2), otherRSs: [], nowMs: T0 })).toBe(false);
  });
});

describe('decideCanaryPause', () => {
  const steps: CanaryStep[] = [{ setWeight: 50 }, { pause: {} }];
  it.each([
    { name: 'on a setWeight step', status: { currentStepIndex: 0 }, decision: CANARY_PAUSE.NotPausing },
    { name: 'arriving at a pause step', status: { currentStepIndex: 1 }, decision: CANARY_PAUSE.AddPause },
    { name: 'already paused', status: { currentStepIndex: 1, controllerPause: true, pauseConditions: [{ reason: 'CanaryPauseStep' as const, startTime: 't' }] }, decision: CANARY_PAUSE.Waiting },
    { name: 'promoted: controllerPause without condition', status: { currentStepIndex: 1, controllerPause: true }, decision: CANARY_PAUSE.Waiting },
    { name: 'promoteFull', status: { currentStepIndex: 1, promoteFull: true }, decision: CANARY_PAUSE.NotPausing },
    { name: 'done', status: { currentStepIndex: 2 }, decision: CANARY_PAUSE.NotPausing },
  ])('$name → $decision', ({ status, decision }) => {
    expect(decideCanaryPause(aRollout({ steps, status }))).toBe(decision);
  });
});

describe('isIndefiniteStep', () => {
  it.each([
    { name: 'pause step', steps: [{ pause: { duration: 5 } }], status: {}, indefinite: true },
    { name: 'setWeight step', steps: [{ setWeight: 5 }], status: {}, indefinite: false },
    { name: 'Paused condition True', steps: [{ setWeight: 5 }], status: { conditions: [{ type: 'Paused' as const, status: 'True' as const, reason: 'RolloutPaused', message: '', lastUpdateTime: '', lastTransitionTime: '' }] }, indefinite: true },
  ])('$name → $indefinite', ({ steps, status, indefinite }) => {
    expect(isIndefiniteStep(aRollout({ steps, status }))).toBe(indefinite);
  });
});
