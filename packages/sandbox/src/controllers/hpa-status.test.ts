import { describe, expect, it } from 'vitest';
import { decideHpa, NO_METRICS_MESSAGE } from './hpa-status.js';

const NOW = '2026-01-01T00:00:10Z';
const spec = { minReplicas: 2, maxReplicas: 5 };

describe('simulated HPA decision (no metrics: clamp only)', () => {
  it.each([
    { name: 'below minReplicas scales up to min', current: 1, scaleTo: 2, limited: 'TooFewReplicas' },
    { name: 'above maxReplicas scales down to max', current: 9, scaleTo: 5, limited: 'TooManyReplicas' },
    { name: 'within range leaves the target', current: 3, scaleTo: undefined, limited: 'DesiredWithinRange' },
  ])('$name', ({ current, scaleTo, limited }) => {
    const d = decideHpa({ spec, status: {}, generation: 1, current, now: NOW });
    expect(d.scaleTo).toBe(scaleTo);
    expect(d.status['currentReplicas']).toBe(current);
    expect(d.status['desiredReplicas']).toBe(scaleTo ?? current);
    expect(d.status['lastScaleTime']).toBe(scaleTo === undefined ? undefined : NOW);
    const conditions = d.status['conditions'] as Record<string, unknown>[];
    expect(conditions.map((c) => c['reason'])).toEqual([scaleTo === undefined ? 'ReadyForNewScale' : 'SucceededRescale', 'FailedGetResourceMetric', limited]);
    expect(conditions[1]?.['message']).toBe(NO_METRICS_MESSAGE);
  });

  it('a target at zero replicas disables scaling', () => {
    const d = decideHpa({ spec, status: {}, generation: 1, current: 0, now: NOW });
    expect(d.scaleTo).toBeUndefined();
    expect((d.status['conditions'] as Record<string, unknown>[]).map((c) => c['reason'])).toEqual(['SucceededGetScale', 'ScalingDisabled']);
  });

  it('a missing target is reported as FailedGetScale', () => {
    const d = decideHpa({ spec, status: {}, generation: 1, current: { error: 'rollouts.argoproj.io "x" not found' }, now: NOW });
    expect(d.status['conditions']).toEqual([
      { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: rollouts.argoproj.io "x" not found', lastTransitionTime: NOW },
    ]);
  });

  it('a second round with nothing changed reproduces the same status (no write loop)', () => {
    const first = decideHpa({ spec, status: {}, generation: 1, current: 3, now: NOW });
    const second = decideHpa({ spec, status: first.status, generation: 1, current: 3, now: '2026-01-01T00:05:00Z' });
    expect(second.status).toEqual(first.status);
  });
});
