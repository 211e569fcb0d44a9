/**
 * Event messages the rollout reconciler emits, spelled as upstream (reasons live in @serin/api EVENT_REASON).
 * parity: argo-rollouts utils/conditions/conditions.go (…Message constants), rollout/canary.go, rollout/sync.go
 */
export const ROLLOUT_EVENT_MESSAGE = {
  rolloutUpdated: (revision: string) => `Rollout updated to revision ${revision}`,
  newReplicaSetCreated: (rsName: string, revision: number) => `Created ReplicaSet ${rsName} (revision ${revision})`,
  scalingReplicaSet: (direction: 'up' | 'down', rsName: string, revision: number, from: number, to: number) =>
    `Scaled ${direction} ReplicaSet ${rsName} (revision ${revision}) from ${from} to ${to}`,
  stepCompleted: (stepIndex: number, stepCount: number, step: string) => `Rollout step ${stepIndex}/${stepCount} completed (${step})`,
  completed: (revision: number, podHash: string, why: string) => `Rollout completed update to revision ${revision} (${podHash}): ${why}`,
  notCompleted: (revision: number, podHash: string) => `Rollout not completed, started update to revision ${revision} (${podHash})`,
  paused: (reason: string) => `Rollout is paused (${reason})`,
  resumed: 'Rollout is resumed',
  skipStepsToStable: 'Rollback to stable ReplicaSets',
  skipStepsWithinWindow: 'Rollback to active ReplicaSets within RollbackWindow',
} as const;
