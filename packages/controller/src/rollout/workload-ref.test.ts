import { describe, expect, it } from 'vitest';
import { SEED_STEPS, aDeployment, aWorkloadRefRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { FakeCluster } from '../test-support/fake-cluster.js';

const deploymentReplicasSeen = (c: FakeCluster): number[] =>
  c.writes.filter((w) => w.kind === 'Deployment').map((w) => (w.body as { spec: { replicas: number } }).spec.replicas);

describe('workloadRef to a Deployment (seed S2)', () => {
  it('takes template and selector from the Deployment and records its generation', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aWorkloadRefRollout({ steps: SEED_STEPS }), aDeployment({ generation: 4, image: 'nginx:1.19' }));
    await converge(cluster, cluster.reconciler());
    const [rs] = cluster.replicaSets.list();
    expect(rs?.spec?.template?.spec?.containers[0]?.image).toBe('nginx:1.19');
    expect(rs?.spec?.selector.matchLabels).toMatchObject({ app: 'guestbook' });
    expect(cluster.rollout().metadata?.annotations?.['rollout.argoproj.io/workload-generation']).toBe('4');
    expect(cluster.rollout().status).toMatchObject({ workloadObservedGeneration: '4', phase: 'Healthy', selector: 'app=guestbook' });
    expect(cluster.rollout().spec.template).toBeUndefined();
  });

  it('a Deployment template change starts a canary update like an inline template change', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aWorkloadRefRollout({ steps: SEED_STEPS }), aDeployment({ generation: 1 }));
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    cluster.seed(aDeployment({ generation: 2, image: 'nginx:1.20' }));
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Paused', currentStepIndex: 1, workloadObservedGeneration: '2' });
    expect(cluster.rollout().metadata?.annotations?.['rollout.argoproj.io/workload-generation']).toBe('2');
  });

  it.each([
    { scaleDown: 'never' as const, seen: [] },
    { scaleDown: 'onsuccess' as const, seen: [0] },
    { scaleDown: 'progressively' as const, seen: [0] },
  ])('scaleDown $scaleDown: Deployment replicas written $seen', async ({ scaleDown, seen }) => {
    const cluster = new FakeCluster();
    cluster.seed(aWorkloadRefRollout({ replicas: 3, scaleDown }), aDeployment({ replicas: 3 }));
    await converge(cluster, cluster.reconciler());
    expect(deploymentReplicasSeen(cluster)).toEqual(seen);
    expect(cluster.rollout().status?.phase).toBe('Healthy');
  });

  it('progressively: leaves the Deployment alone until rollout pods are counted ready, then scales it down by that count', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aWorkloadRefRollout({ replicas: 3, scaleDown: 'progressively' }), aDeployment({ replicas: 3 }));
    const reconciler = cluster.reconciler();
    await reconciler.reconcile('default', 'guestbook');
    cluster.settle();
    await reconciler.reconcile('default', 'guestbook');
    // pods exist but the status has not counted them yet: no hand-over
    expect(deploymentReplicasSeen(cluster)).toEqual([]);
    cluster.settle();
    await reconciler.reconcile('default', 'guestbook');
    await reconciler.reconcile('default', 'guestbook');
    expect(deploymentReplicasSeen(cluster)).toEqual([0]);
  });

  it('a missing Deployment is an InvalidSpec with the lister’s not-found text', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aWorkloadRefRollout({}));
    const result = await cluster.reconciler().reconcile('default', 'guestbook');
    expect(cluster.rollout().status?.conditions?.[0]).toMatchObject({ type: 'InvalidSpec', message: 'The Rollout "guestbook" is invalid: deployments.apps "guestbook" not found' });
    expect(cluster.rollout().status?.phase).toBe('Degraded');
    expect(result.requeueAfterMs).toBe(20_000);
  });
});
