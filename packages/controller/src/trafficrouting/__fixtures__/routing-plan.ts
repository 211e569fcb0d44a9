import type { TrafficWeights } from '@serin/api';
import type { TrafficRoutingPlan } from '@serin/core';

/** `canary w`/`stable 100 − w` on hashes `c`/`s`. */
export const weights = (w: number): TrafficWeights => ({ canary: { weight: w, podTemplateHash: 'c' }, stable: { weight: 100 - w, podTemplateHash: 's' } });

/** A step-20 routing decision (hashes `c`/`s`, weights changed), with `over` applied. */
export const aRoutingPlan = (over: Partial<TrafficRoutingPlan> = {}): TrafficRoutingPlan => ({
  case: 'CurrentStep',
  desiredWeight: 20,
  canaryHash: 'c',
  stableHash: 's',
  additional: [],
  removeManagedRoutes: false,
  switchCanaryServiceToStable: false,
  waitForStable: false,
  setWeightBeforeHash: false,
  weights: weights(20),
  weightsChanged: true,
  weightEventMessage: 'Traffic weight updated to 20',
  verifyRequiredToFinish: false,
  ...over,
});
