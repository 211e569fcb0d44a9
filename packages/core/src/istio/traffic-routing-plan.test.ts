import { describe, expect, it } from 'vitest';
import type { CanaryStep, Rollout, TrafficWeights } from '@serin/api';
import { aReplicaSet, aRollout, type RolloutOptions } from '../replica-set/test-support/builders.js';
import { TRAFFIC_ROUTING_CASE, desiredWeightOnAbortOrStableRollback, planTrafficRouting, trafficWeightUpdatedMessage } from './traffic-routing-plan.js';

const steps: CanaryStep[] = [
  { setWeight: 10 },
  { pause: {} },
  { setWeight: 20 },
  { setHeaderRoute: { name: 'insiders', match: [{ headerName: 'cookie', headerValue: { regex: 'type=insider' } }] } },
  { pause: {} },
];
const trafficRouting = { istio: { virtualService: { name: 'vs' } }, managedRoutes: [{ name: 'insiders' }] };

function rollout(options: RolloutOptions & { revision?: string } = {}): Rollout {
  const ro = aRollout({ replicas: 10, steps, trafficRouting, stableRS: 'stable', currentPodHash: 'canary', ...options });
  const canary = ro.spec.strategy?.canary;
  if (canary) {
    canary.canaryService = 'canary-svc';
    canary.stableService = 'stable-svc';
  }
  return { ...ro, metadata: { ...ro.metadata, annotations: { 'rollout.argoproj.io/revision': options.revision ?? '2' } } };
}
const stable = (available = 10) => aReplicaSet({ name: 'stable', replicas: 10, availableReplicas: available, actualReplicas: 10 });
const canaryRS = (replicas: number, available: number) => aReplicaSet({ name: 'canary', replicas, availableReplicas: available, actualReplicas: replicas });
const weights = (canary: number, extra: Partial<TrafficWeights> = {}): TrafficWeights => ({
  canary: { weight: canary, podTemplateHash: 'canary', serviceName: 'canary-svc' },
  stable: { weight: 100 - canary, podTemplateHash: 'stable', serviceName: 'stable-svc' },
  ...extra,
});

// parity: argo-rollouts rollout/trafficrouting_test.go (desired weight per situation)
describe('planTrafficRouting: desired weight (§12.2, first match wins)', () => {
  it.each([
    { name: 'mid-steps at desired counts → current setWeight', ro: rollout({ currentStepIndex: 1 }), newRS: canaryRS(1, 1), want: { case: TRAFFIC_ROUTING_CASE.CurrentStep, desiredWeight: 10, removeManagedRoutes: false } },
    { name: 'canary not yet at desired counts → previous setWeight', ro: rollout({ currentStepIndex: 2 }), newRS: canaryRS(2, 1), want: { case: TRAFFIC_ROUTING_CASE.PreviousWeight, desiredWeight: 10 } },
    { name: 'first step not at desired counts → 0', ro: rollout({ currentStepIndex: 0 }), newRS: canaryRS(2, 1), want: { case: TRAFFIC_ROUTING_CASE.PreviousWeight, desiredWeight: 0 } },
    { name: 'past the last step → maxTrafficWeight, verification required', ro: rollout({ currentStepIndex: 5 }), newRS: canaryRS(10, 10), want: { case: TRAFFIC_ROUTING_CASE.PastLastStep, desiredWeight: 100, verifyRequiredToFinish: true } },
    { name: 'fully promoted → 0 and managed routes removed', ro: rollout({ currentPodHash: 'stable', currentStepIndex: 5 }), newRS: stable(), want: { case: TRAFFIC_ROUTING_CASE.FullyPromoted, desiredWeight: 0, removeManagedRoutes: true } },
    { name: 'aborted → 0, canary Service back to stable, routes removed', ro: rollout({ currentStepIndex: 2, abort: true }), newRS: canaryRS(2, 2), want: { case: TRAFFIC_ROUTING_CASE.Aborted, desiredWeight: 0, switchCanaryServiceToStable: true, removeManagedRoutes: true } },
    { name: 'new RS without available pods → 0, routes removed', ro: rollout({ currentStepIndex: 2 }), newRS: canaryRS(2, 0), want: { case: TRAFFIC_ROUTING_CASE.NewRSUnavailable, desiredWeight: 0, removeManagedRoutes: true } },
    { name: 'promote full keeps the previous canary weight', ro: rollout({ currentStepIndex: 2, promoteFull: true, weights: weights(20) }), newRS: canaryRS(10, 4), want: { case: TRAFFIC_ROUTING_CASE.PromoteFull, desiredWeight: 20, removeManagedRoutes: true } },
    { name: 'promote full with dynamicStableScale follows canary availability', ro: rollout({ currentStepIndex: 2, promoteFull: true, dynamicStableScale: true, weights: weights(20) }), newRS: canaryRS(10, 4), want: { case: TRAFFIC_ROUTING_CASE.PromoteFull, desiredWeight: 40 } },
  ])('$name', ({ ro, newRS, want }) => {
    expect(planTrafficRouting({ rollout: ro, newRS, stableRS: stable(), otherRSs: [] })).toMatchObject(want);
  });

  it('stops without changes while the stable RS cannot carry maxW − w', () => {
    const plan = planTrafficRouting({ rollout: rollout({ currentStepIndex: 1 }), newRS: canaryRS(1, 1), stableRS: stable(8), otherRSs: [] });
    expect(plan).toMatchObject({ desiredWeight: 10, waitForStable: true });
    expect(planTrafficRouting({ rollout: rollout({ currentStepIndex: 1 }), newRS: canaryRS(1, 1), stableRS: stable(9), otherRSs: [] }).waitForStable).toBe(false);
  });

  it('header route step applies only when the revision is > 1', () => {
    const at = (revision: string) => planTrafficRouting({ rollout: rollout({ currentStepIndex: 3, revision }), newRS: canaryRS(2, 2), stableRS: stable(), otherRSs: [] });
    expect(at('2').headerRoute?.name).toBe('insiders');
    expect(at('1').headerRoute).toBeUndefined();
  });

  it('resets the weight before pinning the hash when the new RS has nothing available but traffic still goes to a canary', () => {
    const plan = planTrafficRouting({ rollout: rollout({ currentStepIndex: 2, weights: weights(20) }), newRS: canaryRS(2, 0), stableRS: stable(), otherRSs: [] });
    expect(plan).toMatchObject({ desiredWeight: 0, setWeightBeforeHash: true });
  });

  it('experiment destinations come out of the stable share', () => {
    const plan = planTrafficRouting({
      rollout: rollout({ currentStepIndex: 1 }),
      newRS: canaryRS(1, 1),
      stableRS: stable(),
      otherRSs: [],
      experimentDestinations: [{ weight: 5, serviceName: 'exp-svc', podTemplateHash: 'exp' }],
    });
    expect(plan.weights).toEqual({
      canary: { weight: 10, podTemplateHash: 'canary', serviceName: 'canary-svc' },
      stable: { weight: 85, podTemplateHash: 'stable', serviceName: 'stable-svc' },
      additional: [{ weight: 5, serviceName: 'exp-svc', podTemplateHash: 'exp' }],
    });
  });

  it('weights unchanged → no TrafficWeightUpdated; changed → message', () => {
    const same = planTrafficRouting({ rollout: rollout({ currentStepIndex: 1, weights: weights(10) }), newRS: canaryRS(1, 1), stableRS: stable(), otherRSs: [] });
    expect(same).toMatchObject({ weightsChanged: false, weightEventMessage: '' });
    const moved = planTrafficRouting({ rollout: rollout({ currentStepIndex: 3, weights: weights(10) }), newRS: canaryRS(2, 2), stableRS: stable(), otherRSs: [] });
    expect(moved).toMatchObject({ desiredWeight: 20, weightsChanged: true, weightEventMessage: 'Traffic weight updated from 10 to 20' });
  });
});

describe('trafficWeightUpdatedMessage', () => {
  it.each([
    { name: 'first time', prev: undefined, next: weights(20), want: 'Traffic weight updated to 20' },
    { name: 'changed', prev: weights(20), next: weights(40), want: 'Traffic weight updated from 20 to 40' },
    {
      name: 'additional changed',
      prev: weights(20),
      next: weights(20, { additional: [{ weight: 10, serviceName: 'exp', podTemplateHash: 'h' }] }),
      want: 'Traffic weight updated additional: [{10 exp h}]',
    },
  ])('$name', ({ prev, next, want }) => {
    expect(trafficWeightUpdatedMessage(prev, next)).toBe(want);
  });
});

describe('desiredWeightOnAbortOrStableRollback (dynamicStableScale)', () => {
  const dyn = (w?: number) => rollout({ currentStepIndex: 3, abort: true, dynamicStableScale: true, ...(w === undefined ? {} : { weights: weights(w) }) });
  it.each([
    { name: 'without dynamicStableScale → 0', ro: rollout({ abort: true, currentStepIndex: 3 }), stableAvail: 2, canaryAvail: 8, want: 0 },
    { name: 'no previous weights → max(expected, desired)', ro: dyn(), stableAvail: 4, canaryAvail: 6, want: 60 },
    { name: 'stable still short of maxW − desired → keep the current weight', ro: dyn(50), stableAvail: 4, canaryAvail: 8, want: 50 },
    { name: 'stable back, desired 0 → min(expected, current): never raised while stable flaps', ro: dyn(5), stableAvail: 9, canaryAvail: 0, want: 5 },
    { name: 'stable carries maxW − desired → min(desired, current)', ro: dyn(50), stableAvail: 8, canaryAvail: 10, want: 20 },
  ])('$name', ({ ro, stableAvail, canaryAvail, want }) => {
    expect(desiredWeightOnAbortOrStableRollback(ro, canaryRS(10, canaryAvail), stable(stableAvail))).toBe(want);
  });
});
