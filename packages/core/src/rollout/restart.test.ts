import { describe, expect, it } from 'vitest';
import { isPodAvailable, needsRestart, planPodRestarts } from './restart.js';
import { aPod, aReplicaSet, aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T01:00:00Z');
const RESTART = '2026-01-01T00:30:00Z';
const old = (name: string, minute: number, ready = true) => aPod(name, `2026-01-01T00:0${minute}:00Z`, ready);
const fresh = (name: string) => aPod(name, '2026-01-01T00:45:00Z');

describe('needsRestart', () => {
  it.each([
    { name: 'no restartAt', restartAt: undefined, restartedAt: undefined, needs: false },
    { name: 'in the future', restartAt: '2026-01-01T02:00:00Z', restartedAt: undefined, needs: false },
    { name: 'due, never done', restartAt: RESTART, restartedAt: undefined, needs: true },
    { name: 'already done', restartAt: RESTART, restartedAt: RESTART, needs: false },
  ])('$name → $needs', ({ restartAt, restartedAt, needs }) => {
    const ro = aRollout({ ...(restartAt === undefined ? {} : { restartAt }), ...(restartedAt === undefined ? {} : { status: { restartedAt } }) });
    expect(needsRestart(ro, NOW)).toBe(needs);
  });
});

describe('planPodRestarts', () => {
  const rss = (replicas: number) => [aReplicaSet({ name: 'rs', hash: 'h', replicas })];
  it.each([
    { name: 'one at a time when maxUnavailable rounds to 0', replicas: 3, maxUnavailable: undefined, pods: [old('c', 3), old('a', 1), old('b', 2)], evict: ['a'], done: false },
    { name: 'maxUnavailable 2 → two, oldest first', replicas: 4, maxUnavailable: 2, pods: [old('a', 1), old('b', 2), old('c', 3), old('d', 4)], evict: ['a', 'b'], done: false },
    { name: 'no budget while a pod is unavailable', replicas: 3, maxUnavailable: 1, pods: [old('a', 1), old('b', 2), old('c', 3, false)], evict: [], done: false },
    { name: 'every pod newer than restartAt → done', replicas: 2, maxUnavailable: 1, pods: [fresh('a'), fresh('b')], evict: [], done: true },
  ])('$name', ({ replicas, maxUnavailable, pods, evict, done }) => {
    const ro = aRollout({ replicas, restartAt: RESTART, ...(maxUnavailable === undefined ? {} : { maxUnavailable }) });
    const plan = planPodRestarts(ro, rss(replicas), pods, NOW);
    expect(plan.evict).toEqual(evict);
    expect(plan.done).toBe(done);
  });
});

describe('isPodAvailable', () => {
  // parity: k8s pkg/api/v1/pod IsPodAvailable — Ready since strictly more than minReadySeconds
  it.each([
    { name: 'minReadySeconds 0: Ready is enough', minReady: 0, readyFor: 0, available: true },
    { name: 'exactly minReadySeconds: not yet', minReady: 10, readyFor: 10_000, available: false },
    { name: 'past minReadySeconds', minReady: 10, readyFor: 10_001, available: true },
  ])('$name', ({ minReady, readyFor, available }) => {
    expect(isPodAvailable(aPod('p', '2026-01-01T00:59:00Z'), minReady, Date.parse('2026-01-01T00:59:00Z') + readyFor)).toBe(available);
  });
});
