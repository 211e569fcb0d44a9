/** Shared set-ups for reconciler tests: a healthy rollout, an update paused at a step. */
import type { RolloutReconciler } from '../rollout/rollout-reconciler.js';
import { type RolloutOptions, aRollout } from './builders.js';
import { converge } from './drive.js';
import { FakeCluster } from './fake-cluster.js';

export interface Stage {
  readonly cluster: FakeCluster;
  readonly reconciler: RolloutReconciler;
}

/** A rollout created and driven to Healthy (revision 1, image nginx:1.19). */
export async function healthyRollout(options: RolloutOptions = {}): Promise<Stage> {
  const cluster = new FakeCluster();
  cluster.seed(aRollout(options));
  const reconciler = cluster.reconciler();
  await converge(cluster, reconciler, options.name ?? 'guestbook');
  return { cluster, reconciler };
}

/** A healthy rollout updated to `image` and driven until it waits (pause step or abort). */
export async function updatedRollout(options: RolloutOptions = {}, image = 'nginx:1.20'): Promise<Stage> {
  const stage = await healthyRollout(options);
  await stage.cluster.setImage(image, options.name ?? 'guestbook');
  await converge(stage.cluster, stage.reconciler, options.name ?? 'guestbook');
  return stage;
}
