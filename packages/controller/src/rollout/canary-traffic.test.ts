/**
 * Istio traffic routing through the canary reconciler (fakes): the seed's bookinfo `reviews` subset split
 * (VirtualService `reviews-vs` route `http-primary`, DestinationRule `reviews` v1/v2) goes 20 → 40 → 60 → 80 →
 * 100 with the seed's steps, one VirtualService patch per weight change and none while the weight holds; an abort
 * routes everything back to stable (weight 0).
 */
import type { Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { aService } from '../bluegreen/test-support/harness.js';
import { SEED_STEPS, aRollout } from '../test-support/builders.js';
import { CanaryStageCluster } from './canary-stage-cluster.js';

const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';

interface RouteDestination {
  destination: { host: string; subset?: string };
  weight?: number;
}

function reviewsRollout(): Rollout {
  const ro = aRollout({ name: 'reviews-v1', replicas: 5, image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2' });
  ro.spec.strategy = {
    canary: {
      trafficRouting: {
        istio: {
          virtualService: { name: 'reviews-vs', routes: ['http-primary'] },
          destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' },
        },
      },
      steps: SEED_STEPS,
    },
  };
  return ro;
}

/** The bookinfo cluster with the seed's V2/V3 objects, the rollout healthy on revision 1. */
async function bookinfo() {
  const cluster = new CanaryStageCluster();
  cluster.seedIstio('VirtualService', 'reviews-vs', {
    hosts: ['*'],
    gateways: ['istio/bookinfo-gateway'],
    http: [{ name: 'http-primary', route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 0 }] }],
  });
  cluster.seedIstio('DestinationRule', 'reviews', {
    host: 'reviews.istio.svc.cluster.local',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
    ],
  });
  cluster.seed(reviewsRollout());
  const reconciler = cluster.canaryReconciler();
  /** Reconcile and settle until a reconcile writes nothing; `onRound` sees the cluster after each reconcile. */
  const drive = async (onRound: () => void = () => undefined, maxRounds = 60): Promise<void> => {
    for (let round = 0; round < maxRounds; round++) {
      const before = cluster.writes.length;
      await reconciler.reconcile('default', 'reviews-v1');
      onRound();
      cluster.settle();
      if (cluster.writes.length === before) return;
    }
    throw new Error('did not converge');
  };
  await drive();
  return { cluster, reconciler, drive };
}

/** `[stable v1 weight, canary v2 weight]` of `http-primary` as stored. */
function weights(cluster: CanaryStageCluster): [number | undefined, number | undefined] {
  const http = (cluster.virtualServices.get('default', 'reviews-vs')?.spec?.['http'] ?? []) as Array<{ route: RouteDestination[] }>;
  const route = http[0]?.route ?? [];
  return [route.find((d) => d.destination.subset === 'v1')?.weight, route.find((d) => d.destination.subset === 'v2')?.weight];
}

const vsPatches = (cluster: CanaryStageCluster, from = 0): number => cluster.writeLog(from).filter((w) => w === 'patch VirtualService/reviews-vs').length;

describe('Istio traffic routing in the canary reconciler (seed S12 subset split)', () => {
  it('the initial deploy pins both subsets to the stable hash and leaves the weights alone', async () => {
    const { cluster } = await bookinfo();
    const hash = cluster.rollout('reviews-v1').status?.stableRS ?? '';
    expect(weights(cluster)).toEqual([100, 0]);
    expect(vsPatches(cluster)).toBe(0);
    const subsets = cluster.destinationRules.get('default', 'reviews')?.spec?.['subsets'];
    expect(subsets).toEqual([
      { name: 'v1', labels: { version: 'v1', 'rollouts-pod-template-hash': hash } },
      { name: 'v2', labels: { version: 'v2', 'rollouts-pod-template-hash': hash } },
    ]);
  });

  it('goes 20 → 40 → 60 → 80 → 100 → 0 (promoted), one VirtualService patch per weight change, none while a pause holds', async () => {
    const { cluster, drive } = await bookinfo();
    await cluster.setImage(V2, 'reviews-v1');
    const observed: Array<[number | undefined, number | undefined]> = [weights(cluster)];
    const mark = cluster.mark();
    let idlePatches = 0;
    const sample = (): void => {
      const w = weights(cluster);
      if (observed.at(-1)?.[1] !== w[1]) observed.push(w);
    };
    for (let i = 0; i < 12; i++) {
      await drive(sample);
      const status = cluster.rollout('reviews-v1').status;
      if (status?.phase === 'Healthy') break;
      // the pause holds: reconciling again writes nothing to the VirtualService
      const before = cluster.writes.length;
      await drive();
      idlePatches += vsPatches(cluster, before);
      if ((status?.pauseConditions ?? []).length > 0 && SEED_STEPS[status?.currentStepIndex ?? 0]?.pause?.duration === undefined) {
        await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews-v1');
      } else {
        await cluster.clock.advance(10_000);
      }
    }
    expect(observed).toEqual([
      [100, 0],
      [80, 20],
      [60, 40],
      [40, 60],
      [20, 80],
      [0, 100],
      [100, 0],
    ]);
    expect(vsPatches(cluster, mark.writes)).toBe(observed.length - 1);
    expect(idlePatches).toBe(0);
    const ro = cluster.rollout('reviews-v1');
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: ro.status?.currentPodHash, canary: { weights: { canary: { weight: 0 }, stable: { weight: 100 }, verified: true } } });
    const events = cluster.eventsSince(mark).filter((e) => e.startsWith('TrafficWeightUpdated'));
    expect(events).toEqual([
      // the canary hash changed at weight 0 (new revision): upstream records the change with no details
      'TrafficWeightUpdated: Traffic weight updated ',
      'TrafficWeightUpdated: Traffic weight updated from 0 to 20',
      'TrafficWeightUpdated: Traffic weight updated from 20 to 40',
      'TrafficWeightUpdated: Traffic weight updated from 40 to 60',
      'TrafficWeightUpdated: Traffic weight updated from 60 to 80',
      'TrafficWeightUpdated: Traffic weight updated from 80 to 100',
      'TrafficWeightUpdated: Traffic weight updated from 100 to 0',
    ]);
  });

  it('after promotion the old stable RS keeps its pods for scaleDownDelaySeconds (default 30 s), then goes to 0', async () => {
    const { cluster, drive } = await bookinfo();
    await cluster.setImage(V2, 'reviews-v1');
    await drive();
    await cluster.userPatchStatus({ status: { promoteFull: true } }, 'reviews-v1');
    await drive();
    const ro = cluster.rollout('reviews-v1');
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(weights(cluster)).toEqual([100, 0]);
    const oldRS = () => cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image !== V2);
    expect(oldRS()?.spec?.replicas).toBe(5);
    const deadline = Date.parse(oldRS()?.metadata?.annotations?.['scale-down-deadline'] ?? '');
    expect(deadline - cluster.clock.now()).toBeGreaterThan(29_000);
    await cluster.clock.advance(deadline - cluster.clock.now() - 1_000);
    await drive();
    expect(oldRS()?.spec?.replicas).toBe(5);
    await cluster.clock.advance(2_000);
    await drive();
    expect(oldRS()?.spec?.replicas).toBe(0);
  });

  it('the snapshot carries the DestinationRule, so an old RS its subsets still select is not scaled down', async () => {
    const { cluster, reconciler } = await bookinfo();
    const hash = cluster.rollout('reviews-v1').status?.stableRS ?? '';
    const subsets = reconciler.snapshot('default', 'reviews-v1')?.destinationRule?.spec?.['subsets'];
    expect(subsets).toEqual([
      { name: 'v1', labels: { version: 'v1', 'rollouts-pod-template-hash': hash } },
      { name: 'v2', labels: { version: 'v2', 'rollouts-pod-template-hash': hash } },
    ]);
  });

  it('status.canary.weights follows each step with the hashes and the verified flag', async () => {
    const { cluster, drive } = await bookinfo();
    await cluster.setImage(V2, 'reviews-v1');
    await drive();
    const ro = cluster.rollout('reviews-v1');
    expect(ro.status?.currentStepIndex).toBe(1);
    expect(ro.status?.canary?.weights).toEqual({
      canary: { weight: 20, podTemplateHash: ro.status?.currentPodHash },
      stable: { weight: 80, podTemplateHash: ro.status?.stableRS },
      verified: true,
    });
  });

  it('abort routes everything back to stable (weight 0) with one VirtualService patch', async () => {
    const { cluster, drive } = await bookinfo();
    await cluster.setImage(V2, 'reviews-v1');
    await drive();
    expect(weights(cluster)).toEqual([80, 20]);
    await cluster.userPatchStatus({ status: { abort: true } }, 'reviews-v1');
    const mark = cluster.mark();
    await drive();
    expect(weights(cluster)).toEqual([100, 0]);
    expect(vsPatches(cluster, mark.writes)).toBe(1);
    expect(cluster.rollout('reviews-v1').status).toMatchObject({ abort: true, phase: 'Degraded', canary: { weights: { canary: { weight: 0 } } } });
  });

  it('abort keeps the canary pods for abortScaleDownDelaySeconds (default 30 s) via scale-down-deadline, then scales them down', async () => {
    const { cluster, drive } = await bookinfo();
    await cluster.setImage(V2, 'reviews-v1');
    await drive();
    await cluster.userPatchStatus({ status: { abort: true } }, 'reviews-v1');
    await drive();
    const canaryRS = () => cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2);
    expect(canaryRS()?.spec?.replicas).toBe(1);
    expect(canaryRS()?.metadata?.annotations?.['scale-down-deadline']).toBe('2026-11-27T10:00:30Z');
    await cluster.clock.advance(29_000);
    await drive();
    expect(canaryRS()?.spec?.replicas).toBe(1);
    await cluster.clock.advance(2_000);
    await drive();
    expect(canaryRS()?.spec?.replicas).toBe(0);
    expect(canaryRS()?.metadata?.annotations?.['scale-down-deadline']).toBeUndefined();
  });
});

describe('managed header route (seed A/B cookie example)', () => {
  it('setHeaderRoute puts the named route first (canary subset, weight 100) for revision 2, and promotion removes it', async () => {
    const { cluster, drive } = await bookinfo();
    const ro = cluster.rollout('reviews-v1');
    const canary = ro.spec.strategy?.canary;
    if (canary?.trafficRouting === undefined) throw new Error('no canary');
    canary.trafficRouting.managedRoutes = [{ name: 'ab-cookie' }];
    canary.steps = [{ setWeight: 20 }, { setHeaderRoute: { name: 'ab-cookie', match: [{ headerName: 'cookie', headerValue: { regex: '^(.*?;)?(user=tester)(;.*)?$' } }] } }, { pause: {} }];
    cluster.rollouts.upsert({ ...ro, metadata: { ...ro.metadata, resourceVersion: String(cluster.nextResourceVersion()) } });
    await drive();
    await cluster.setImage(V2, 'reviews-v1');
    await drive();
    const http = () => (cluster.virtualServices.get('default', 'reviews-vs')?.spec?.['http'] ?? []) as Array<Record<string, unknown>>;
    expect(cluster.rollout('reviews-v1').status?.currentStepIndex).toBe(2);
    expect(http().map((r) => r['name'])).toEqual(['ab-cookie', 'http-primary']);
    expect(http()[0]).toEqual({
      name: 'ab-cookie',
      match: [{ headers: { cookie: { regex: '^(.*?;)?(user=tester)(;.*)?$' } } }],
      // subset mode: the DestinationRule's host with the canary subset
      route: [{ destination: { host: 'reviews.istio.svc.cluster.local', subset: 'v2' }, weight: 100 }],
    });
    await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews-v1');
    await drive();
    expect(cluster.rollout('reviews-v1').status?.phase).toBe('Healthy');
    expect(http().map((r) => r['name'])).toEqual(['http-primary']);
  });
});

describe('Istio host split with canary/stable Services (seed S8 + S11)', () => {
  async function hostSplit() {
    const cluster = new CanaryStageCluster();
    cluster.seedIstio('VirtualService', 'reviews-vs', {
      hosts: ['*'],
      http: [{ name: 'http-primary', route: [{ destination: { host: 'reviews-v1-stable' }, weight: 100 }, { destination: { host: 'reviews-v1-canary' }, weight: 0 }] }],
    });
    // the Services select the rollout's pod labels (upstream refuses a selector label the template lacks: InvalidSpec)
    cluster.services.upsert(aService('reviews-v1-stable', { app: 'reviews-v1' }));
    cluster.services.upsert(aService('reviews-v1-canary', { app: 'reviews-v1' }));
    const ro = reviewsRollout();
    ro.spec.strategy = {
      canary: { canaryService: 'reviews-v1-canary', stableService: 'reviews-v1-stable', trafficRouting: { istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] } } }, steps: SEED_STEPS },
    };
    cluster.seed(ro);
    const reconciler = cluster.canaryReconciler();
    const drive = async (): Promise<void> => {
      for (let round = 0; round < 60; round++) {
        const before = cluster.writes.length;
        await reconciler.reconcile('default', 'reviews-v1');
        cluster.settle();
        if (cluster.writes.length === before) return;
      }
      throw new Error('did not converge');
    };
    await drive();
    return { cluster, drive };
  }
  const hostWeights = (cluster: CanaryStageCluster): number[] => {
    const http = (cluster.virtualServices.get('default', 'reviews-vs')?.spec?.['http'] ?? []) as Array<{ route: RouteDestination[] }>;
    return (http[0]?.route ?? []).map((d) => d.weight ?? 0);
  };

  it('pins both Services (managed-by annotation), routes 20 % to the canary Service once it selects the new RS, and on abort routes 0 % and points the canary Service back at stable', async () => {
    const { cluster, drive } = await hostSplit();
    const stable = cluster.rollout('reviews-v1').status?.stableRS ?? '';
    expect([cluster.hashOf('reviews-v1-stable'), cluster.hashOf('reviews-v1-canary')]).toEqual([stable, stable]);
    expect(cluster.service('reviews-v1-canary').metadata?.annotations).toEqual({ 'argo-rollouts.argoproj.io/managed-by-rollouts': 'reviews-v1' });

    await cluster.setImage(V2, 'reviews-v1');
    const mark = cluster.mark();
    await drive();
    const canary = cluster.rollout('reviews-v1').status?.currentPodHash ?? '';
    expect([cluster.hashOf('reviews-v1-stable'), cluster.hashOf('reviews-v1-canary')]).toEqual([stable, canary]);
    expect(hostWeights(cluster)).toEqual([80, 20]);
    const log = cluster.writeLog(mark.writes);
    expect(log.indexOf('patch Service/reviews-v1-canary')).toBeLessThan(log.indexOf('patch VirtualService/reviews-vs'));
    expect(cluster.eventsSince(mark)).toContain(`SwitchService: Switched selector for service 'reviews-v1-canary' from '${stable}' to '${canary}'`);

    await cluster.userPatchStatus({ status: { abort: true } }, 'reviews-v1');
    await drive();
    expect(hostWeights(cluster)).toEqual([100, 0]);
    expect(cluster.hashOf('reviews-v1-canary')).toBe(stable);
  });
});
