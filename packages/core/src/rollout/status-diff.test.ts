import { describe, expect, it } from 'vitest';
import type { RolloutStatus } from '@serin/api';
import { diffStatus } from './status-diff.js';

describe('diffStatus', () => {
  it.each<{ name: string; current: RolloutStatus | undefined; next: RolloutStatus; patch: unknown }>([
    { name: 'identical → empty', current: { replicas: 2, phase: 'Healthy' }, next: { replicas: 2, phase: 'Healthy' }, patch: {} },
    { name: 'Go zero values equal absent (abort:false, empty canary struct)', current: { abort: false, replicas: 1, canary: {}, blueGreen: {} }, next: { replicas: 1 }, patch: {} },
    { name: 'changed scalar', current: { replicas: 1 }, next: { replicas: 2 }, patch: { status: { replicas: 2 } } },
    { name: 'removed field → null', current: { replicas: 1, message: 'x' }, next: { replicas: 1 }, patch: { status: { message: null } } },
    { name: 'empty message dropped like omitempty', current: { message: 'CanaryPauseStep' }, next: { message: '' }, patch: { status: { message: null } } },
    { name: 'currentStepIndex 0 is kept (a pointer upstream)', current: { currentStepIndex: 1 }, next: { currentStepIndex: 0 }, patch: { status: { currentStepIndex: 0 } } },
    { name: 'nested object merges', current: { canary: { weights: { canary: { weight: 10 }, stable: { weight: 90 } } } }, next: { canary: { weights: { canary: { weight: 0 }, stable: { weight: 100 } } } }, patch: { status: { canary: { weights: { canary: { weight: 0 }, stable: { weight: 100 } } } } } },
    { name: 'arrays replace wholesale', current: { pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 't1' }] }, next: { pauseConditions: [] }, patch: { status: { pauseConditions: null } } },
    { name: 'from nothing', current: undefined, next: { observedGeneration: '1' }, patch: { status: { observedGeneration: '1' } } },
  ])('$name', ({ current, next, patch }) => {
    expect(diffStatus(current, next)).toEqual(patch);
  });
});
