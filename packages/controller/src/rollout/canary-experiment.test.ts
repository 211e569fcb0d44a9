/**
 * The canary `experiment` step through the reconciler (fakes): the step creates `<rollout>-<hash>-<revision>-<step>`
 * (baseline from the stable RS, canary from the new RS) and records it in `status.canary.currentExperiment`; the
 * rollout waits while it runs, advances when it is Successful, aborts with upstream's message when it fails, pauses
 * `InconclusiveExperiment` when inconclusive; a retry creates `<name>-1`; a new update terminates the running one.
 */
import type { AnalysisPhase, CanaryStep, Experiment, Rollout } from '@serin/api';
import { ObjectStore, Resources, StaleCacheError } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { RecordingClient, aService } from '../bluegreen/test-support/harness.js';
import { aRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { CanaryStageCluster } from './canary-stage-cluster.js';
import { RolloutReconciler } from './rollout-reconciler.js';
import { rolloutEventHandlers } from './wiring.js';

const V1 = 'nginx:1.19';
const V2 = 'nginx:1.20';
const STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { experiment: { templates: [{ name: 'baseline', specRef: 'stable' }, { name: 'canary', specRef: 'canary' }], duration: '30s' } },
  { setWeight: 60 },
];
const FAILED_MESSAGE = 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)';

/** The canary stage fakes plus Experiments (the Experiment controller's part is played by `setExperimentPhase`). */
class ExperimentCluster extends CanaryStageCluster {
  readonly experiments = new ObjectStore<Experiment>();
  readonly experimentClient = new RecordingClient<Experiment>(Resources.experiments, this.experiments, this);

  override reconciler(): RolloutReconciler {
    return new RolloutReconciler({
      rollouts: this.rollouts,
      replicaSets: this.replicaSets,
      pods: this.pods,
      rolloutClient: this.rolloutClient,
      replicaSetClient: this.replicaSetClient,
      podClient: this.podClient,
      evicter: this.evicter,
      recorder: this.recorder,
      clock: this.clock,
      experiments: { experiments: this.experiments, experimentClient: this.experimentClient },
      services: { services: this.services, serviceClient: this.serviceClient },
      trafficRouting: {
        virtualServices: this.virtualServiceClient,
        destinationRules: this.destinationRuleClient,
        virtualServiceLister: this.virtualServices,
        destinationRuleLister: this.destinationRules,
      },
    });
  }

  experiment(name: string): Experiment {
    const ex = this.experiments.get('default', name);
    if (ex === undefined) throw new Error(`no experiment ${name}`);
    return ex;
  }

  setExperimentPhase(name: string, phase: AnalysisPhase, message?: string, templateStatuses?: NonNullable<Experiment['status']>['templateStatuses']): void {
    const ex = this.experiment(name);
    const status = { ...(ex.status ?? {}), phase, ...(message === undefined ? {} : { message }), ...(templateStatuses === undefined ? {} : { templateStatuses }) };
    this.experiments.upsert({ ...ex, metadata: { ...ex.metadata, resourceVersion: String(this.nextResourceVersion()) }, status });
  }
}

/** A healthy rollout (5 replicas) updated to V2 and driven until it waits on its experiment step. */
async function updated(shape: (ro: Rollout) => void = () => undefined) {
  const cluster = new ExperimentCluster();
  const ro = aRollout({ replicas: 5, steps: STEPS });
  shape(ro);
  cluster.seed(ro);
  const reconciler = cluster.reconciler();
  await converge(cluster, reconciler);
  await cluster.setImage(V2);
  const mark = cluster.mark();
  await converge(cluster, reconciler);
  const hash = cluster.rollout().status?.currentPodHash ?? '';
  return { cluster, reconciler, hash, name: `guestbook-${hash}-2-1`, mark };
}

const images = (ex: Experiment): Array<[string, string | undefined]> => ex.spec.templates.map((t) => [t.name, t.template.spec?.containers[0]?.image]);

describe('experiment step', () => {
  it('creates `<rollout>-<hash>-<revision>-<stepIndex>` owned by the rollout (baseline = stable, canary = new RS) and records it', async () => {
    const { cluster, name, mark } = await updated();
    expect(cluster.experiments.list().map((e) => e.metadata?.name)).toEqual([name]);
    const ex = cluster.experiment(name);
    expect(images(ex)).toEqual([
      ['baseline', V1],
      ['canary', V2],
    ]);
    expect(ex.spec.duration).toBe('30s');
    expect(ex.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: 'Rollout', name: 'guestbook', uid: 'uid-guestbook', controller: true })]);
    expect(ex.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('2');
    expect(cluster.eventsSince(mark)).toContain(`ExperimentCreated: Created Experiment '${name}'`);
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 1, canary: { currentExperiment: name } });
  });

  it.each([
    { name: 'not started (no phase)', phase: undefined },
    { name: 'Pending', phase: 'Pending' as const },
    { name: 'Running', phase: 'Running' as const },
  ])('$name → the step waits (no promotion, no second experiment)', async ({ phase }) => {
    const { cluster, reconciler, hash, name } = await updated();
    if (phase !== undefined) cluster.setExperimentPhase(name, phase);
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 1, canary: { currentExperiment: name } });
    expect(cluster.rollout().status?.stableRS).not.toBe(hash);
    expect(cluster.experiments.list()).toHaveLength(1);
    expect(cluster.experiment(name).spec.terminate).toBeUndefined();
  });

  it('Successful → `Rollout step 2/3 completed (experiment)`, the next steps run, the rollout promotes; currentExperiment cleared', async () => {
    const { cluster, reconciler, hash, name } = await updated();
    cluster.setExperimentPhase(name, 'Successful');
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const events = cluster.eventsSince(mark);
    expect(events[0]).toBe('RolloutStepCompleted: Rollout step 2/3 completed (experiment)');
    expect(events).toContain('RolloutStepCompleted: Rollout step 3/3 completed (setWeight: 60)');
    expect(cluster.rollout().status).toMatchObject({ stableRS: hash, currentStepIndex: 3, phase: 'Healthy' });
    expect(cluster.rollout().status?.canary?.currentExperiment).toBeUndefined();
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 5 });
    // kept within the successful history limit, not deleted
    expect(cluster.experiments.list().map((e) => e.metadata?.name)).toEqual([name]);
  });

  it.each([
    { name: 'Failed with a message', phase: 'Failed' as const, message: FAILED_MESSAGE, text: `Experiment analysis phase is error/failed: ${FAILED_MESSAGE}` },
    { name: 'Error without a message', phase: 'Error' as const, message: undefined, text: 'Experiment analysis phase is error/failed' },
  ])('$name → abort `Rollout aborted update to revision 2: $text`, canary scaled away', async ({ phase, message, text }) => {
    const { cluster, reconciler, name } = await updated();
    cluster.setExperimentPhase(name, phase, message);
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const status = cluster.rollout().status;
    expect(status).toMatchObject({ abort: true, phase: 'Degraded', currentStepIndex: 0 });
    expect(status?.message).toBe(`RolloutAborted: Rollout aborted update to revision 2: ${text}`);
    expect(cluster.reasonsSince(mark)[0]).toBe('RolloutAborted');
    expect(status?.canary?.currentExperiment).toBeUndefined();
    expect(cluster.replicasByImage()).toEqual({ [V1]: 5, [V2]: 0 });
  });

  it('Inconclusive → pause InconclusiveExperiment (controllerPause, phase Paused), step kept', async () => {
    const { cluster, reconciler, name } = await updated();
    cluster.setExperimentPhase(name, 'Inconclusive');
    await converge(cluster, reconciler);
    const status = cluster.rollout().status;
    expect(status?.pauseConditions?.map((p) => p.reason)).toEqual(['InconclusiveExperiment']);
    expect(status).toMatchObject({ controllerPause: true, phase: 'Paused', currentStepIndex: 1 });
    expect(status?.abort).toBeUndefined();
    expect(status?.message).toBe('InconclusiveExperiment');
  });

  it('retry after a failed experiment creates `<name>-1` (the failed one is finished) and follows it', async () => {
    const { cluster, reconciler, name } = await updated();
    cluster.setExperimentPhase(name, 'Failed', FAILED_MESSAGE);
    await converge(cluster, reconciler);
    // `kubectl argo rollouts retry rollout guestbook`
    await cluster.userPatchStatus({ status: { abort: false } });
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    expect(cluster.eventsSince(mark)).toContain(`ExperimentCreated: Created Experiment '${name}-1'`);
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 1, canary: { currentExperiment: `${name}-1` } });
    expect(cluster.rollout().status?.abort).not.toBe(true);
    expect(cluster.experiment(name).status?.phase).toBe('Failed');
    cluster.setExperimentPhase(`${name}-1`, 'Successful');
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', currentStepIndex: 3 });
  });

  it('a new update while the experiment runs terminates it (`spec.terminate: true`)', async () => {
    const { cluster, reconciler, name } = await updated();
    cluster.setExperimentPhase(name, 'Running');
    await cluster.setImage('nginx:1.21');
    await converge(cluster, reconciler);
    expect(cluster.experiment(name).spec.terminate).toBe(true);
    expect(cluster.rollout().status?.canary?.currentExperiment).not.toBe(name);
  });

  it.each([
    { name: 'successfulRunHistoryLimit 0 → the succeeded experiment is deleted once the step moved on', limits: { successfulRunHistoryLimit: 0 }, kept: [] as string[] },
    { name: 'default limit (5) → it is kept', limits: {}, kept: ['self'] },
  ])('$name', async ({ limits, kept }) => {
    const { cluster, reconciler, name } = await updated((ro) => {
      ro.spec.analysis = limits;
    });
    cluster.setExperimentPhase(name, 'Successful');
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.phase).toBe('Healthy');
    expect(cluster.experiments.list().map((e) => e.metadata?.name)).toEqual(kept.map(() => name));
  });

  it('a full promotion terminates the running experiment', async () => {
    const { cluster, reconciler, hash, name } = await updated();
    cluster.setExperimentPhase(name, 'Running');
    // `kubectl argo rollouts promote --full`
    await cluster.userPatchStatus({ status: { promoteFull: true } });
    await converge(cluster, reconciler);
    expect(cluster.experiment(name).spec.terminate).toBe(true);
    expect(cluster.rollout().status).toMatchObject({ stableRS: hash, phase: 'Healthy' });
  });
});

describe('weighted experiment templates with Istio (host-level routing)', () => {
  const steps: CanaryStep[] = [{ setWeight: 20 }, { experiment: { templates: [{ name: 'canary-exp', specRef: 'canary', weight: 10 }] } }, { setWeight: 60 }];
  const withIstio = (ro: Rollout): void => {
    ro.spec.strategy = {
      canary: { canaryService: 'guestbook-canary', stableService: 'guestbook-stable', trafficRouting: { istio: { virtualService: { name: 'guestbook-vs', routes: ['primary'] } } }, steps },
    };
  };
  interface Route {
    destination: { host: string };
    weight?: number;
  }
  const routes = (cluster: ExperimentCluster): Record<string, number | undefined> => {
    const http = (cluster.virtualServices.get('default', 'guestbook-vs')?.spec?.['http'] ?? []) as Array<{ route: Route[] }>;
    return Object.fromEntries((http[0]?.route ?? []).map((d) => [d.destination.host, d.weight]));
  };

  it("a Running experiment's weighted template becomes an additional destination (stable = 100 − 20 − 10); gone once it succeeds", async () => {
    const cluster = new ExperimentCluster();
    cluster.services.upsert(aService('guestbook-stable', { app: 'guestbook' }));
    cluster.services.upsert(aService('guestbook-canary', { app: 'guestbook' }));
    cluster.seedIstio('VirtualService', 'guestbook-vs', {
      hosts: ['guestbook'],
      http: [{ name: 'primary', route: [{ destination: { host: 'guestbook-stable' }, weight: 100 }, { destination: { host: 'guestbook-canary' }, weight: 0 }] }],
    });
    const ro = aRollout({ replicas: 5 });
    withIstio(ro);
    cluster.seed(ro);
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    await cluster.setImage(V2);
    await converge(cluster, reconciler);
    const hash = cluster.rollout().status?.currentPodHash ?? '';
    const name = `guestbook-${hash}-2-1`;
    expect(cluster.experiment(name).spec.templates[0]?.service).toEqual({});
    expect(routes(cluster)).toEqual({ 'guestbook-stable': 80, 'guestbook-canary': 20 });

    cluster.setExperimentPhase(name, 'Running', undefined, [{ name: 'canary-exp', status: 'Running', replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, serviceName: `${name}-canary-exp`, podTemplateHash: 'exphash' }]);
    await converge(cluster, reconciler);
    expect(routes(cluster)).toEqual({ 'guestbook-stable': 70, 'guestbook-canary': 20, [`${name}-canary-exp`]: 10 });
    expect(cluster.rollout().status?.canary?.weights).toMatchObject({
      canary: { weight: 20 },
      stable: { weight: 70 },
      additional: [{ weight: 10, serviceName: `${name}-canary-exp`, podTemplateHash: 'exphash' }],
    });

    cluster.setExperimentPhase(name, 'Successful');
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', stableRS: hash });
    expect(cluster.rollout().status?.canary?.weights?.additional).toBeUndefined();
    expect(Object.keys(routes(cluster))).not.toContain(`${name}-canary-exp`);
  });
});

describe('cache lag', () => {
  it('an Experiment we created but the cache does not show yet makes the next reconcile retry (StaleCacheError), not create it again', async () => {
    const cluster = new ExperimentCluster();
    cluster.seed(aRollout({ replicas: 5, steps: STEPS }));
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    await cluster.setImage(V2);
    const creates = () => cluster.writeLog().filter((w) => w.startsWith('create Experiment/'));
    for (let i = 0; i < 20 && creates().length === 0; i++) {
      await reconciler.reconcile('default', 'guestbook');
      cluster.settle();
    }
    expect(creates()).toHaveLength(1);
    const created = cluster.experiments.list()[0];
    if (created === undefined) throw new Error('no experiment');
    cluster.experiments.remove(created);
    await expect(reconciler.reconcile('default', 'guestbook')).rejects.toBeInstanceOf(StaleCacheError);
    cluster.experiments.upsert(created);
    await converge(cluster, reconciler);
    expect(creates()).toHaveLength(1);
    expect(cluster.rollout().status?.canary?.currentExperiment).toBe(created.metadata?.name);
  });
});

describe('rolloutEventHandlers: Experiments', () => {
  it.each([
    { name: 'an Experiment controlled by a Rollout → that rollout', owner: { kind: 'Rollout', name: 'guestbook' }, keys: ['default/guestbook'] },
    { name: 'a standalone Experiment → nothing', owner: undefined, keys: [] },
  ])('$name', ({ owner, keys }) => {
    const seen: string[] = [];
    const cluster = new ExperimentCluster();
    const handlers = rolloutEventHandlers((k) => seen.push(k), { rollouts: cluster.rollouts, replicaSets: cluster.replicaSets });
    const refs = owner === undefined ? [] : [{ apiVersion: 'argoproj.io/v1alpha1', ...owner, uid: 'u', controller: true }];
    handlers.experiments.update?.({} as Experiment, { metadata: { name: 'e', namespace: 'default', ownerReferences: refs }, spec: { templates: [] } });
    expect(seen).toEqual(keys);
  });
});
