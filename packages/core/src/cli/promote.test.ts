import { describe, expect, it } from 'vitest';
import { buildPromotePatches, validatePromoteFlags, PromoteError } from './promote.js';
import type { RolloutLike } from '../info/types.js';

const steps = [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }];
type Status = NonNullable<RolloutLike['status']>;
const canary = (status: Status, paused = false): RolloutLike => ({ spec: { paused, strategy: { canary: { steps } } }, status });
const blueGreen = (status: Status, paused = false): RolloutLike => ({ spec: { paused, strategy: { blueGreen: {} } }, status });

describe('buildPromotePatches (argo-compat §14)', () => {
  it.each([
    { name: 'paused at a canary pause step clears pause conditions', ro: canary({ currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true }), want: { status: '{"status":{"pauseConditions":null}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null}}' } },
    { name: 'blue-green pause clears pause conditions', ro: blueGreen({ pauseConditions: [{ reason: 'BlueGreenPause' }] }), want: { status: '{"status":{"pauseConditions":null}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null}}' } },
    { name: 'not paused canary advances the index (note the space)', ro: canary({ currentStepIndex: 0 }), want: { status: '{"status":{"pauseConditions":null, "currentStepIndex":1}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null, "currentStepIndex":1}}' } },
    { name: 'index is capped at len(steps)', ro: canary({ currentStepIndex: 3 }), want: { status: '{"status":{"pauseConditions":null, "currentStepIndex":3}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null, "currentStepIndex":3}}' } },
    { name: 'inconclusive step analysis clears controllerPause and advances', ro: canary({ currentStepIndex: 1, pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }], controllerPause: true, canary: { currentStepAnalysisRunStatus: { status: 'Inconclusive' } } }), want: { status: '{"status":{"pauseConditions":null, "controllerPause":false, "currentStepIndex":2}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null}}' } },
    { name: 'spec.paused sends the spec patch', ro: blueGreen({}, true), want: { spec: '{"spec":{"paused":false}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null}}' } },
  ])('$name', ({ ro, want }) => {
    expect(buildPromotePatches(ro)).toEqual(want);
  });

  it.each([
    { name: 'full on an unpromoted rollout', ro: canary({ currentPodHash: 'b', stableRS: 'a' }), want: { status: '{"status":{"promoteFull":true}}', unified: '{"spec":{"paused":false},"status":{"promoteFull":true}}' } },
    { name: 'full when already stable sends nothing', ro: canary({ currentPodHash: 'a', stableRS: 'a' }), want: { unified: '{"spec":{"paused":false},"status":{"promoteFull":true}}' } },
    { name: 'full on a paused rollout also unpauses', ro: canary({ currentPodHash: 'b', stableRS: 'a' }, true), want: { spec: '{"spec":{"paused":false}}', status: '{"status":{"promoteFull":true}}', unified: '{"spec":{"paused":false},"status":{"promoteFull":true}}' } },
  ])('$name', ({ ro, want }) => {
    expect(buildPromotePatches(ro, { full: true })).toEqual(want);
  });

  it.each([
    { name: 'skip current step', opts: { skipCurrentStep: true }, want: '{"status":{"currentStepIndex":2}}' },
    { name: 'skip all steps', opts: { skipAllSteps: true }, want: '{"status":{"currentStepIndex":3}}' },
  ])('deprecated $name', ({ opts, want }) => {
    expect(buildPromotePatches(canary({ currentStepIndex: 1 }), opts)).toEqual({ status: want, unified: want });
  });

  it.each([
    { name: 'both skip flags', ro: canary({}), opts: { skipCurrentStep: true, skipAllSteps: true }, want: PromoteError.BothSkipFlags },
    { name: 'skip on blue-green', ro: blueGreen({}), opts: { skipAllSteps: true }, want: 'Cannot skip steps of a bluegreen rollout. Run without a flags' },
    { name: 'skip without steps', ro: { spec: { strategy: { canary: {} } } }, opts: { skipCurrentStep: true }, want: 'Cannot skip steps of a rollout without steps' },
    { name: 'no flags', ro: blueGreen({}), opts: {}, want: undefined },
  ])('flag validation: $name', ({ ro, opts, want }) => {
    expect(validatePromoteFlags(ro, opts)).toBe(want);
  });
});
