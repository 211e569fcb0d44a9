import type { IntOrString } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { getValueFromIntOrPercent, maxSurge, maxUnavailable, resolveFenceposts } from './fenceposts.js';
import { aBlueGreenRollout, aRollout } from './test-support/builders.js';

describe('resolveFenceposts (upstream utils/replicaset/replicaset_test.go TestResolveFenceposts)', () => {
  // Every upstream row; upstream names them by index. maxSurge/maxUnavailable are strings or nil (undefined).
  const rows: Array<{ name: string; maxSurge?: string; maxUnavailable?: string; desired: number; surge: number; unavailable: number; error: boolean }> = [
    { name: '0', maxSurge: '0%', maxUnavailable: '0%', desired: 0, surge: 0, unavailable: 1, error: false },
    { name: '1', maxSurge: '39%', maxUnavailable: '39%', desired: 10, surge: 4, unavailable: 3, error: false },
    { name: '2', maxSurge: 'oops', maxUnavailable: '39%', desired: 10, surge: 0, unavailable: 0, error: true },
    { name: '3', maxSurge: '55%', maxUnavailable: 'urg', desired: 10, surge: 0, unavailable: 0, error: true },
    { name: '4', maxSurge: undefined, maxUnavailable: '39%', desired: 10, surge: 0, unavailable: 3, error: false },
    { name: '5', maxSurge: '39%', maxUnavailable: undefined, desired: 10, surge: 4, unavailable: 0, error: false },
    { name: '6', maxSurge: undefined, maxUnavailable: undefined, desired: 10, surge: 0, unavailable: 1, error: false },
  ];

  it('transcribes all 7 upstream rows', () => {
    expect(rows).toHaveLength(7);
  });

  it.each(rows)('$name: surge $maxSurge, unavailable $maxUnavailable of $desired → $surge/$unavailable', (row) => {
    const result = resolveFenceposts(row.maxSurge, row.maxUnavailable, row.desired);
    expect({ surge: result.surge, unavailable: result.unavailable, error: result.error !== undefined }).toEqual({
      surge: row.surge,
      unavailable: row.unavailable,
      error: row.error,
    });
  });

  it('reports the Kubernetes intstr error text for an unparseable value', () => {
    expect(resolveFenceposts('oops', '39%', 10).error).toBe(
      'invalid value for IntOrString: invalid value "oops": strconv.Atoi: parsing "oops": invalid syntax',
    );
  });
});

describe('maxSurge (upstream TestMaxSurge)', () => {
  it.each([
    { name: 'maxSurge with int', rollout: aRollout({ replicas: 10, maxUnavailable: 1, maxSurge: 5 }), expected: 5 },
    { name: 'maxSurge with BlueGreen deployment strategy', rollout: aBlueGreenRollout(), expected: 0 },
    { name: 'maxSurge with percents', rollout: aRollout({ replicas: 10, maxUnavailable: 1, maxSurge: '50%' }), expected: 5 },
  ])('$name', ({ rollout, expected }) => {
    expect(maxSurge(rollout)).toBe(expected);
  });
});

describe('maxUnavailable (upstream TestMaxUnavailable)', () => {
  const canary = (replicas: number, value: IntOrString) => aRollout({ replicas, maxSurge: 1, maxUnavailable: value });
  it.each([
    { name: 'maxUnavailable less than replicas', rollout: canary(10, 5), expected: 5 },
    { name: 'maxUnavailable equal replicas', rollout: canary(10, 10), expected: 10 },
    { name: 'maxUnavailable greater than replicas', rollout: canary(5, 10), expected: 5 },
    { name: 'maxUnavailable with replicas is 0', rollout: canary(0, 10), expected: 0 },
    { name: 'maxUnavailable with BlueGreen deployment strategy', rollout: aBlueGreenRollout(), expected: 0 },
    { name: 'maxUnavailable less than replicas with percents', rollout: canary(10, '50%'), expected: 5 },
    { name: 'maxUnavailable equal replicas with percents', rollout: canary(10, '100%'), expected: 10 },
    { name: 'maxUnavailable greater than replicas with percents', rollout: canary(5, '100%'), expected: 5 },
  ])('$name', ({ rollout, expected }) => {
    expect(maxUnavailable(rollout)).toBe(expected);
  });
});

describe('fencepost quirks kept from upstream (argo-compat §10)', () => {
  it.each([
    { name: 'defaults "25"/"25" on 10 pods → surge ⌈2.5⌉ 3, unavailable ⌊2.5⌋ 2', rollout: aRollout({ replicas: 10 }), surge: 3, unavailable: 2 },
    { name: 'defaults on 1 pod → surge 1, unavailable 0', rollout: aRollout({ replicas: 1 }), surge: 1, unavailable: 0 },
    { name: 'unset replicas count as 1', rollout: aRollout({}), surge: 1, unavailable: 0 },
    { name: '"0%"/"0%" on 10 pods → unavailable 1 so the rollout cannot get stuck', rollout: aRollout({ replicas: 10, maxSurge: '0%', maxUnavailable: '0%' }), surge: 0, unavailable: 1 },
    { name: 'a string without % is still a percentage: maxSurge "5" on 10 pods is 1 pod, not 5', rollout: aRollout({ replicas: 10, maxSurge: '5', maxUnavailable: 0 }), surge: 1, unavailable: 0 },
    { name: '"25" ≡ "25%"', rollout: aRollout({ replicas: 8, maxSurge: '25', maxUnavailable: '25%' }), surge: 2, unavailable: 2 },
    { name: 'percent rounding: surge rounds up, unavailable down (10 % of 7 = 0.7)', rollout: aRollout({ replicas: 7, maxSurge: '10%', maxUnavailable: '10%' }), surge: 1, unavailable: 0 },
    { name: 'integers are absolute', rollout: aRollout({ replicas: 7, maxSurge: 2, maxUnavailable: 3 }), surge: 2, unavailable: 3 },
    { name: 'unparseable spec resolves to 0/0 (validation rejects it)', rollout: aRollout({ replicas: 10, maxSurge: 'oops', maxUnavailable: 1 }), surge: 0, unavailable: 0 },
    { name: 'blue-green: no surge; default "25" of 10 → 2', rollout: aBlueGreenRollout({ replicas: 10 }), surge: 0, unavailable: 2 },
    { name: 'blue-green: no both-zero rule (0 stays 0)', rollout: aBlueGreenRollout({ replicas: 10, maxUnavailable: 0 }), surge: 0, unavailable: 0 },
    { name: 'blue-green: capped at replicas', rollout: aBlueGreenRollout({ replicas: 3, maxUnavailable: '200%' }), surge: 0, unavailable: 3 },
  ])('$name', ({ rollout, surge, unavailable }) => {
    expect({ surge: maxSurge(rollout), unavailable: maxUnavailable(rollout) }).toEqual({ surge, unavailable });
  });
});

describe('getValueFromIntOrPercent (Kubernetes legacy intstr.GetValueFromIntOrPercent)', () => {
  it.each([
    { name: 'number is absolute', value: 3, total: 10, roundUp: true, expected: { value: 3 } },
    { name: 'percent rounded up', value: '15%', total: 10, roundUp: true, expected: { value: 2 } },
    { name: 'percent rounded down', value: '15%', total: 10, roundUp: false, expected: { value: 1 } },
    { name: 'bare numeric string is a percent', value: '50', total: 4, roundUp: false, expected: { value: 2 } },
    { name: 'every % is removed, not just a trailing one', value: '%5%0', total: 4, roundUp: false, expected: { value: 2 } },
    { name: 'explicit + sign parses (Go strconv.Atoi)', value: '+50%', total: 4, roundUp: false, expected: { value: 2 } },
  ])('$name', ({ value, total, roundUp, expected }) => {
    expect(getValueFromIntOrPercent(value, total, roundUp)).toEqual(expected);
  });

  it.each(['oops', '', '%', '2.5%', ' 5%', '0x10'])('rejects %j', (value) => {
    expect(getValueFromIntOrPercent(value, 10, true).error).toMatch(/^invalid value for IntOrString: invalid value /);
  });
});
