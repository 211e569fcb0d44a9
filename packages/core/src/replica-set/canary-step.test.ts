import { describe, expect, it } from 'vitest';
import { beforeStartingStep, getCurrentCanaryStep, getCurrentSetWeight, useSetCanaryScale } from './canary-step.js';
import { aBlueGreenRollout, aRollout } from './test-support/builders.js';

describe('getCurrentCanaryStep (upstream TestGetCurrentCanaryStep)', () => {
  it.each([
    { name: 'no steps → no step, no index', steps: undefined, currentStepIndex: undefined, expected: { step: undefined, index: undefined } },
    { name: 'index 0 of one pause step → that step', steps: [{ pause: {} }], currentStepIndex: 0, expected: { step: { pause: {} }, index: 0 } },
    { name: 'index past the last step → no step, index kept', steps: [{ pause: {} }], currentStepIndex: 1, expected: { step: undefined, index: 1 } },
    { name: 'nil index counts as 0', steps: [{ setWeight: 5 }], currentStepIndex: undefined, expected: { step: { setWeight: 5 }, index: 0 } },
  ])('$name', ({ steps, currentStepIndex, expected }) => {
    expect(getCurrentCanaryStep(aRollout({ replicas: 10, steps, currentStepIndex }))).toEqual(expected);
  });

  it('blue-green has no canary step', () => {
    expect(getCurrentCanaryStep(aBlueGreenRollout())).toEqual({ step: undefined, index: undefined });
  });
});

describe('getCurrentSetWeight (upstream TestGetCurrentSetWeight)', () => {
  // Upstream fixture: one step {setWeight: 10}.
  it.each([
    { name: 'index past the last step → 100', currentStepIndex: 1, abort: false, expected: 100 },
    { name: 'index 0 → its setWeight 10', currentStepIndex: 0, abort: false, expected: 10 },
    { name: 'aborted → 0', currentStepIndex: 0, abort: true, expected: 0 },
  ])('$name', ({ currentStepIndex, abort, expected }) => {
    expect(getCurrentSetWeight(aRollout({ replicas: 10, steps: [{ setWeight: 10 }], currentStepIndex, abort }))).toBe(expected);
  });

  it.each([
    { name: 'walks back to the nearest setWeight', steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }, { pause: {} }], index: 3, expected: 40 },
    { name: 'a later setWeight is not used', steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }], index: 1, expected: 20 },
    { name: 'no setWeight at or before the current step → 0', steps: [{ pause: {} }, { setWeight: 40 }], index: 0, expected: 0 },
    { name: 'no steps → maxTrafficWeight', steps: undefined, index: undefined, expected: 100 },
  ])('$name', ({ steps, index, expected }) => {
    expect(getCurrentSetWeight(aRollout({ steps, currentStepIndex: index }))).toBe(expected);
  });

  it('past the last step with maxTrafficWeight 1000 → 1000', () => {
    const rollout = aRollout({ steps: [{ setWeight: 10 }], currentStepIndex: 1, trafficRouting: { maxTrafficWeight: 1000 } });
    expect(getCurrentSetWeight(rollout)).toBe(1000);
  });
});

describe('useSetCanaryScale', () => {
  const steps = [{ setCanaryScale: { replicas: 3 } }, { setWeight: 20 }, { setCanaryScale: { matchTrafficWeight: true } }, { setWeight: 40 }];
  it.each([
    { name: 'the nearest setCanaryScale at or before the current step', index: 1, trafficRouting: {}, expected: { replicas: 3 } },
    { name: 'matchTrafficWeight means follow the weight', index: 3, trafficRouting: {}, expected: undefined },
    { name: 'ignored without trafficRouting', index: 1, trafficRouting: undefined, expected: undefined },
    { name: 'unused past the last step', index: 4, trafficRouting: {}, expected: undefined },
  ])('$name', ({ index, trafficRouting, expected }) => {
    expect(useSetCanaryScale(aRollout({ steps, currentStepIndex: index, trafficRouting }))).toEqual(expected);
  });

  it.each([
    { name: 'default abortScaleDownDelaySeconds (30) → ignored', abortScaleDownDelaySeconds: undefined, expected: undefined },
    { name: 'explicit 30 → ignored', abortScaleDownDelaySeconds: 30, expected: undefined },
    { name: 'explicit 0 (keep the canary up) → still used', abortScaleDownDelaySeconds: 0, expected: { replicas: 3 } },
  ])('after abort: $name', ({ abortScaleDownDelaySeconds, expected }) => {
    const rollout = aRollout({ steps, currentStepIndex: 1, trafficRouting: {}, abort: true, abortScaleDownDelaySeconds });
    expect(useSetCanaryScale(rollout)).toEqual(expected);
  });
});

describe('beforeStartingStep (upstream TestBeforeStartingStep)', () => {
  const steps = [{ setWeight: 1 }, { pause: {} }];
  it.each([
    { name: 'background analysis without startingStep', analysis: {}, steps: undefined, currentStepIndex: undefined, expected: false },
    { name: 'startingStep 1 but no steps', analysis: { startingStep: 1 }, steps: undefined, currentStepIndex: undefined, expected: false },
    { name: 'startingStep 1 at index 0', analysis: { startingStep: 1 }, steps, currentStepIndex: 0, expected: true },
    { name: 'startingStep 1 at index 1', analysis: { startingStep: 1 }, steps, currentStepIndex: 1, expected: false },
  ])('$name → $expected', ({ analysis, steps: s, currentStepIndex, expected }) => {
    expect(beforeStartingStep(aRollout({ analysis, steps: s, currentStepIndex }))).toBe(expected);
  });
});
