import { describe, expect, it } from 'vitest';
import { aRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { FakeCluster } from '../test-support/fake-cluster.js';

describe('canary with trafficRouting (replica maths only; the router is driven elsewhere)', () => {
  it('keeps the stable RS at full size and sizes the canary by weight', async () => {
    const cluster = new FakeCluster();
    const ro = aRollout({ replicas: 5 });
    ro.spec.strategy = {
      canary: {
        canaryService: 'guestbook-canary',
        stableService: 'guestbook-stable',
        trafficRouting: { istio: { virtualService: { name: 'guestbook-vs', routes: ['primary'] } } },
        steps: [{ setWeight: 20 }, { pause: {} }],
      },
    };
    cluster.seed(ro);
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    await cluster.setImage('nginx:1.20');
    await converge(cluster, reconciler);
    const sizes = Object.fromEntries(cluster.replicaSets.list().map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, rs.spec?.replicas]));
    expect(sizes).toEqual({ 'nginx:1.19': 5, 'nginx:1.20': 1 });
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 1, phase: 'Paused' });
  });
});
