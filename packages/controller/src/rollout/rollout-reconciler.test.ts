import { describe, expect, it } from 'vitest';
import { formatFieldError, validateRollout } from '@serin/api';
import { desiredPodTemplateHash } from '@serin/core';
import { SEED_STEPS, aRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { FakeCluster } from '../test-support/fake-cluster.js';
import { healthyRollout, updatedRollout } from '../test-support/scenario.js';

const conditionReasons = (c: FakeCluster): Record<string, string> =>
  Object.fromEntries((c.rollout().status?.conditions ?? []).map((cond) => [cond.type, `${cond.status}/${cond.reason}`]));

describe('RolloutReconciler: a new rollout', () => {
  it('creates <rollout>-<hash> at revision 1 with 0 replicas, records the revision and persists status once', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aRollout({ replicas: 3, steps: SEED_STEPS, annotations: { team: 'web', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }));
    const result = await cluster.reconciler().reconcile('default', 'guestbook');

    const hash = desiredPodTemplateHash(cluster.rollout());
    expect(cluster.writeLog()).toEqual([`create ReplicaSet/guestbook-${hash}`, 'patch Rollout/guestbook', 'patchStatus Rollout/guestbook']);
    expect(cluster.reasonsSince({ events: 0 })).toEqual(['RolloutUpdated', 'NewReplicaSetCreated', 'RolloutNotCompleted']);
    const rs = cluster.replicaSet(`guestbook-${hash}`);
    expect(rs?.spec?.replicas).toBe(0);
    expect(rs?.metadata?.labels).toEqual({ app: 'guestbook', 'rollouts-pod-template-hash': hash });
    expect(rs?.spec?.selector.matchLabels).toEqual({ app: 'guestbook', 'rollouts-pod-template-hash': hash });
    expect(rs?.spec?.template?.metadata?.labels).toEqual({ app: 'guestbook', 'rollouts-pod-template-hash': hash });
    expect(rs?.metadata?.annotations).toEqual({ team: 'web', 'rollout.argoproj.io/revision': '1', 'rollout.argoproj.io/desired-replicas': '3' });
    expect(rs?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Rollout', name: 'guestbook', uid: 'uid-guestbook', controller: true });
    expect(cluster.rollout().metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('1');
    expect(cluster.rollout().status).toMatchObject({ currentPodHash: hash, currentStepIndex: 0, observedGeneration: '1', phase: 'Progressing', message: 'more replicas need to be updated' });
    expect(result.requeueAfterMs).toBeUndefined();
  });

  it('goes Healthy with the initial deploy promoted straight to stable (no steps run)', async () => {
    const { cluster } = await healthyRollout({ replicas: 3, steps: SEED_STEPS });
    const hash = desiredPodTemplateHash(cluster.rollout());
    expect(cluster.eventsSince({ events: 0 })).toEqual([
      'RolloutUpdated: Rollout updated to revision 1',
      `NewReplicaSetCreated: Created ReplicaSet guestbook-${hash} (revision 1)`,
      `RolloutNotCompleted: Rollout not completed, started update to revision 1 (${hash})`,
      `ScalingReplicaSet: Scaled up ReplicaSet guestbook-${hash} (revision 1) from 0 to 3`,
      `RolloutCompleted: Rollout completed update to revision 1 (${hash}): Initial deploy`,
    ]);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', stableRS: hash, currentStepIndex: 8, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3, HPAReplicas: 3, selector: 'app=guestbook' });
    expect(conditionReasons(cluster)).toEqual({
      Available: 'True/AvailableReason',
      Completed: 'True/RolloutCompleted',
      Healthy: 'True/RolloutHealthy',
      Progressing: 'True/NewReplicaSetAvailable',
    });
  });

  it('writes nothing at all for an unchanged healthy rollout', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 3, steps: SEED_STEPS });
    const mark = cluster.mark();
    for (let i = 0; i < 3; i++) await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writeLog(mark.writes)).toEqual([]);
    expect(cluster.eventsSince(mark)).toEqual([]);
  });

  it('writes nothing for an unchanged rollout waiting on an indefinite pause', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS });
    const mark = cluster.mark();
    const result = await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writeLog(mark.writes)).toEqual([]);
    expect(result.requeueAfterMs).toBeUndefined();
  });

  it('defaults spec.replicas to 1 with a write to the Rollout and stops there', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aRollout({ replicas: null, steps: SEED_STEPS }));
    await cluster.reconciler().reconcile('default', 'guestbook');
    expect(cluster.writes.filter((w) => w.kind === 'Rollout').map((w) => w.body)).toEqual([
      { metadata: { annotations: { 'rollout.argoproj.io/revision': '1' } } },
      { spec: { replicas: 1 } },
    ]);
    expect(cluster.rollout().spec.replicas).toBe(1);
    expect(cluster.rollout().status).toBeUndefined();
  });

  it('reports an invalid spec as InvalidSpec / Degraded, requeues in 20 s and does not write again', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aRollout({ steps: [{ setCanaryScale: { weight: 20 } }] }));
    const reconciler = cluster.reconciler();
    const first = await reconciler.reconcile('default', 'guestbook');
    const status = cluster.rollout().status;
    expect(status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['InvalidSpec', 'True', 'InvalidSpec', `The Rollout "guestbook" is invalid: ${formatFieldError(validateRollout(cluster.rollout())[0]!)}`],
    ]);
    expect(status).toMatchObject({ phase: 'Degraded', observedGeneration: '1' });
    expect(status?.message).toMatch(/^InvalidSpec: The Rollout "guestbook" is invalid: .*SetCanaryScale requires TrafficRouting to be set$/);
    expect(first.requeueAfterMs).toBe(20_000);
    expect(cluster.writeLog()).toEqual(['patchStatus Rollout/guestbook']);
    const mark = cluster.mark();
    expect(await reconciler.reconcile('default', 'guestbook')).toEqual({ requeueAfterMs: 20_000 });
    expect(cluster.writeLog(mark.writes)).toEqual([]);
  });

  it('drops the InvalidSpec condition once the spec is fixed', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aRollout({ steps: [{ setCanaryScale: { weight: 20 } }] }));
    const reconciler = cluster.reconciler();
    await reconciler.reconcile('default', 'guestbook');
    await cluster.userPatch({ spec: { strategy: { canary: { steps: [{ setWeight: 20 }] } } } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.conditions?.some((c) => c.type === 'InvalidSpec')).toBe(false);
    expect(cluster.rollout().status?.phase).toBe('Healthy');
  });
});
