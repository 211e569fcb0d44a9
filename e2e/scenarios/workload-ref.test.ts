import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 90_000 });

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('workloadRef (seed S2)', () => {
  it('takes the pod template from the referenced Deployment and walks the steps on its image change', async () => {
    const s = await scenario(world, 'workloadref');
    await s.given.fixture('workload-ref.yaml');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', replicas: 2, available: 2 });
    await s.then.rollout('reviews-v1').hasReplicaSets({ 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2': 2 });
    await s.when.setImage('reviews-v1', 'reviews', 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2');
    s.then.printed('deployment "reviews-v1" image updated');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Paused', step: 1, updated: 1 });
    await s.when.promote('reviews-v1');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', updated: 2, available: 2, stableIsCurrent: true });
    await s.then.rollout('reviews-v1').hasReplicaSets({ 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2': 2 });
  });
});
