import { describe, expect, it } from 'vitest';
import { getCurrentSetWeight } from './canary-weight.js';
import type { CanaryStepLike, RolloutLike } from './types.js';

function ro(steps: CanaryStepLike[] | undefined, index: number | undefined, extra: { abort?: boolean; maxW?: number } = {}): RolloutLike {
  return {
    spec: { strategy: { canary: { ...(steps ? { steps } : {}), ...(extra.maxW ? { trafficRouting: { maxTrafficWeight: extra.maxW } } : {}) } } },
    status: { ...(index !== undefined ? { currentStepIndex: index } : {}), abort: extra.abort ?? false },
  };
}

const steps = [{ setWeight: 10 }, { pause: {} }, { setWeight: 20 }, { pause: { duration: '1m' } }];

describe('getCurrentSetWeight (desired weight shown as SetWeight)', () => {
  it.each([
    { name: 'aborted', r: ro(steps, 2, { abort: true }), want: 0 },
    { name: 'no steps', r: ro(undefined, undefined), want: 100 },
    { name: 'past the last step', r: ro(steps, 4), want: 100 },
    { name: 'past the last step with maxTrafficWeight', r: ro(steps, 4, { maxW: 1000 }), want: 1000 },
    { name: 'on a setWeight step', r: ro(steps, 2), want: 20 },
    { name: 'pause after setWeight walks back', r: ro(steps, 3), want: 20 },
    { name: 'nil index means step 0', r: ro(steps, undefined), want: 10 },
    { name: 'no setWeight at or before the index', r: ro([{ pause: {} }, { setWeight: 50 }], 0), want: 0 },
  ])('$name → $want', ({ r, want }) => {
    expect(getCurrentSetWeight(r)).toBe(want);
  });
});
