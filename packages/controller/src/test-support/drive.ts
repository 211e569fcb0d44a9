/** Drive a reconciler against a FakeCluster until nothing changes (counts rounds; no timing). */
import type { RolloutReconciler } from '../rollout/rollout-reconciler.js';
import type { FakeCluster } from './fake-cluster.js';

export interface DriveResult {
  readonly rounds: number;
  readonly lastRequeueAfterMs: number | undefined;
}

/**
 * Reconcile, let the kubelet settle, repeat until a reconcile issues no write (max `maxRounds`).
 * Does not advance the clock.
 */
export async function converge(cluster: FakeCluster, reconciler: RolloutReconciler, name = 'guestbook', maxRounds = 50): Promise<DriveResult> {
  let last: number | undefined;
  for (let round = 1; round <= maxRounds; round++) {
    const before = cluster.writes.length;
    const result = await reconciler.reconcile('default', name);
    last = result.requeueAfterMs;
    cluster.settle();
    if (cluster.writes.length === before) return { rounds: round, lastRequeueAfterMs: last };
  }
  throw new Error(`rollout did not converge in ${maxRounds} rounds`);
}
