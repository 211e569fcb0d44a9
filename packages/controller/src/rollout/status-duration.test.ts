import { describe, expect, it } from 'vitest';
import { SEED_STEPS } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { healthyRollout } from '../test-support/scenario.js';

const at = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('status.duration', () => {
  it('initial deploy: started and finished as Promoted', async () => {
    const { cluster } = await healthyRollout({ replicas: 2, steps: SEED_STEPS });
    expect(cluster.rollout().status?.duration).toEqual({ rolloutStartedAt: at(cluster.clock.now()), finishedAt: at(cluster.clock.now()), completionStatus: 'Promoted' });
  });

  it('an update paused indefinitely for 30 s then fully promoted: FastPromoted with 30 s of manual pause', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 2, steps: SEED_STEPS });
    await cluster.clock.advance(10_000);
    const startedAt = cluster.clock.now();
    await cluster.setImage('nginx:1.20');
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.duration).toEqual({ rolloutStartedAt: at(startedAt), manualPauseStartedAt: at(startedAt) });
    await cluster.clock.advance(30_000);
    await cluster.userPatchStatus({ status: { promoteFull: true } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.duration).toEqual({
      rolloutStartedAt: at(startedAt),
      finishedAt: at(cluster.clock.now()),
      completionStatus: 'FastPromoted',
      totalManualPauseDurationSeconds: 30,
    });
  });

  it('abort ends the attempt as Aborted; a retry starts a new one', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 2, steps: SEED_STEPS });
    await cluster.setImage('nginx:1.20');
    await converge(cluster, reconciler);
    await cluster.userPatchStatus({ status: { abort: true } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.duration?.completionStatus).toBe('Aborted');
    await cluster.clock.advance(5_000);
    await cluster.userPatchStatus({ status: { abort: false } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.duration?.rolloutStartedAt).toBe(at(cluster.clock.now()));
    expect(cluster.rollout().status?.duration?.completionStatus).toBeUndefined();
  });

  it('a second update in the middle of the first starts a new attempt (the superseded one only reaches metrics)', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 2, steps: SEED_STEPS });
    await cluster.setImage('nginx:1.20');
    await converge(cluster, reconciler);
    await cluster.clock.advance(5_000);
    const mark = cluster.writes.length;
    await cluster.setImage('nginx:1.21');
    await reconciler.reconcile('default', 'guestbook');
    const patch = cluster.writes.slice(mark).find((w) => w.verb === 'patchStatus')?.body as { status?: { duration?: unknown } };
    expect(patch.status?.duration).toEqual({ rolloutStartedAt: at(cluster.clock.now()), manualPauseStartedAt: null });
  });
});
