// Replica maths: maxSurge/maxUnavailable, canary steps and weights, basic and traffic-routed canary counts.
export {
  getValueFromIntOrPercent,
  maxSurge,
  maxUnavailable,
  resolveFenceposts,
  type Fenceposts,
  type IntOrPercentResult,
} from './fenceposts.js';
export {
  checkStableRSExists,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  getReplicasForScaleDown,
  replicaSetAvailableReplicas,
  replicaSetSpecReplicas,
  type CanaryReplicaCounts,
  type MaybeReplicaSet,
} from './replica-counts.js';
export {
  beforeStartingStep,
  getCurrentCanaryStep,
  getCurrentSetWeight,
  useSetCanaryScale,
  type CurrentCanaryStep,
} from './canary-step.js';
export {
  getCanaryReplicasOrWeight,
  getDesiredCanaryWeight,
  trafficWeightToReplicas,
  type CanaryReplicasOrWeight,
} from './canary-weight.js';
export { approximateWeightedCanaryStableReplicaCounts, type CanaryStableSplit } from './approximate-weight.js';
export { calculateReplicaCountsForBasicCanary } from './basic-canary.js';
export { calculateReplicaCountsForTrafficRoutedCanary, checkMinPodsPerReplicaSet } from './traffic-routed-canary.js';
export { atDesiredReplicaCountsForCanary, replicaProgressThresholdMet } from './canary-progress.js';
