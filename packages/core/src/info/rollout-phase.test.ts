import { describe, expect, it } from 'vitest';
import { getRolloutPhase } from './rollout-phase.js';
import type { RolloutLike } from './types.js';

type Status = NonNullable<RolloutLike['status']>;
type Spec = NonNullable<RolloutLike['spec']>;

const healthyStatus: Status = { replicas: 3, updatedReplicas: 3, availableReplicas: 3, stableRS: 'abc', currentPodHash: 'abc', observedGeneration: '2' };
function ro(status: Partial<Status>, spec: Partial<Spec> = {}, generation = 2): RolloutLike {
  return { metadata: { generation }, spec: { replicas: 3, strategy: { canary: {} }, ...spec }, status: { ...healthyStatus, ...status } };
}

describe('getRolloutPhase', () => {
  it.each([
    { name: 'unobserved spec', r: ro({}, {}, 3), phase: 'Progressing', message: 'waiting for rollout spec update to be observed' },
    { name: 'non-numeric observedGeneration counts as observed', r: ro({ observedGeneration: 'abc123' }, {}, 3), phase: 'Healthy', message: '' },
    { name: 'unpausing', r: ro({ controllerPause: true, pauseConditions: [] }), phase: 'Progressing', message: 'waiting for rollout to unpause' },
    { name: 'controller-written phase wins', r: ro({ phase: 'Paused', message: 'CanaryPauseStep' }), phase: 'Paused', message: 'CanaryPauseStep' },
    { name: 'invalid spec', r: ro({ conditions: [{ type: 'InvalidSpec', status: 'True', message: 'bad' }] }), phase: 'Degraded', message: 'InvalidSpec: bad' },
    { name: 'aborted', r: ro({ conditions: [{ type: 'Progressing', reason: 'RolloutAborted', message: 'why' }] }), phase: 'Degraded', message: 'RolloutAborted: why' },
    { name: 'manually paused', r: ro({}, { paused: true }), phase: 'Paused', message: 'manually paused' },
    { name: 'pause condition', r: ro({ pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true }), phase: 'Paused', message: 'CanaryPauseStep' },
    { name: 'restart pending', r: ro({}, { restartAt: '2026-01-01T00:00:00Z' }), phase: 'Progressing', message: 'rollout is restarting' },
    { name: 'restart done', r: ro({ restartedAt: '2026-01-01T00:00:00Z' }, { restartAt: '2026-01-01T00:00:00Z' }), phase: 'Healthy', message: '' },
    { name: 'more replicas to update', r: ro({ updatedReplicas: 1 }), phase: 'Progressing', message: 'more replicas need to be updated' },
    { name: 'updated not yet available', r: ro({ availableReplicas: 2 }), phase: 'Progressing', message: 'updated replicas are still becoming available' },
    { name: 'basic canary old replicas', r: ro({ replicas: 4 }), phase: 'Progressing', message: 'old replicas are pending termination' },
    { name: 'canary steps pending', r: ro({ stableRS: 'old' }), phase: 'Progressing', message: 'waiting for all steps to complete' },
    { name: 'blue-green cutover pending', r: ro({ blueGreen: { activeSelector: 'old' } }, { strategy: { blueGreen: {} } }), phase: 'Progressing', message: 'active service cutover pending' },
    { name: 'blue-green post-promotion analysis', r: ro({ stableRS: 'old', blueGreen: { activeSelector: 'abc' } }, { strategy: { blueGreen: { postPromotionAnalysis: {} } } }), phase: 'Progressing', message: 'waiting for analysis to complete' },
    { name: 'blue-green verification', r: ro({ stableRS: 'old', blueGreen: { activeSelector: 'abc' } }, { strategy: { blueGreen: {} } }), phase: 'Progressing', message: 'waiting for post-promotion verification to complete' },
    { name: 'healthy', r: ro({}), phase: 'Healthy', message: '' },
  ])('$name', ({ r, phase, message }) => {
    expect(getRolloutPhase(r)).toEqual({ phase, message });
  });
});
