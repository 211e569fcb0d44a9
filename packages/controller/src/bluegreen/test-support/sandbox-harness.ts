/**
 * An in-process controller loop for blue-green and Experiment integration tests against the sandbox: shared
 * informers → three work queues (Rollouts → BlueGreenReconciler, Experiments → ExperimentReconciler,
 * AnalysisRuns → AnalysisRunReconciler with the Job provider) and a real event recorder.
 */
import type { V1Job, V1ReplicaSet, V1Secret, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, Experiment, Rollout } from '@serin/api';
import { InformerFactory, type KubeObject, type RecordedEvent, Resources, WorkQueue, createEventRecorder, createKubeClient, objectKey, resourceClient, runWorkers, splitKey, systemClock } from '@serin/kube';
import { AnalysisRunReconciler } from '../../analysis/analysis-run-reconciler.js';
import { createMetricProviders } from '../../analysis/providers.js';
import { ExperimentReconciler } from '../../experiment/experiment-reconciler.js';
import { experimentEventHandlers } from '../../experiment/wiring.js';
import { podEvicter } from '../../rollout/pod-evicter.js';
import { BlueGreenReconciler } from '../bluegreen-reconciler.js';

const controllerOf = (obj: KubeObject): { kind?: string; name?: string } | undefined => (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);

export interface SandboxHarness {
  readonly events: RecordedEvent[];
  rollout(namespace: string, name: string): Rollout | undefined;
  experiment(namespace: string, name: string): Experiment | undefined;
  experiments(namespace: string): Experiment[];
  service(namespace: string, name: string): V1Service | undefined;
  replicaSetsOwnedBy(namespace: string, kind: string, name: string): V1ReplicaSet[];
  analysisRuns(namespace: string): AnalysisRun[];
  stop(): Promise<void>;
}

export async function startSandboxHarness(kubeconfigPath: string): Promise<SandboxHarness> {
  const clock = systemClock();
  const kube = createKubeClient({ kubeconfigPath, qps: 0, clock });
  const f = new InformerFactory({ transport: kube.transport, clock });
  const inf = {
    rollouts: f.rollouts(),
    replicaSets: f.replicaSets(),
    pods: f.pods(),
    services: f.services(),
    analysisRuns: f.analysisRuns(),
    analysisTemplates: f.analysisTemplates(),
    clusterAnalysisTemplates: f.clusterAnalysisTemplates(),
    experiments: f.experiments(),
    jobs: f.jobs(),
  };
  const events: RecordedEvent[] = [];
  const recorder = createEventRecorder({ events: kube.clients.events, clock, onEvent: (e) => events.push(e) });
  const rolloutQueue = new WorkQueue({ clock, name: 'Rollouts' });
  const experimentQueue = new WorkQueue({ clock, name: 'Experiments' });
  const analysisQueue = new WorkQueue({ clock, name: 'AnalysisRuns' });

  const byRolloutOwner = (obj: KubeObject): void => {
    const owner = controllerOf(obj);
    if (owner?.kind === 'Rollout' && owner.name !== undefined) rolloutQueue.add(`${obj.metadata?.namespace ?? ''}/${owner.name}`);
  };
  const all = <T extends KubeObject>(fn: (o: T) => void) => ({ add: fn, update: (_o: T, n: T) => fn(n), delete: fn });
  inf.rollouts.addEventHandler(all((ro: Rollout) => rolloutQueue.add(objectKey(ro))));
  inf.replicaSets.addEventHandler(all(byRolloutOwner));
  inf.pods.addEventHandler(
    all((pod) => {
      const owner = controllerOf(pod);
      const rs = owner?.name === undefined ? undefined : inf.replicaSets.lister.get(pod.metadata?.namespace ?? '', owner.name);
      if (rs !== undefined) byRolloutOwner(rs);
    }),
  );
  inf.services.addEventHandler(
    all((svc: V1Service) => {
      for (const ro of inf.rollouts.lister.list(svc.metadata?.namespace ?? '')) {
        const bg = ro.spec.strategy?.blueGreen;
        if (bg?.activeService === svc.metadata?.name || bg?.previewService === svc.metadata?.name) rolloutQueue.add(objectKey(ro));
      }
    }),
  );
  inf.analysisRuns.addEventHandler(
    all((run: AnalysisRun) => {
      byRolloutOwner(run);
      analysisQueue.add(objectKey(run));
    }),
  );
  inf.jobs.addEventHandler(
    all((job: V1Job) => {
      const name = job.metadata?.annotations?.['analysisrun.argoproj.io/name'];
      if (name !== undefined) analysisQueue.add(`${job.metadata?.annotations?.['analysisrun.argoproj.io/namespace'] ?? job.metadata?.namespace ?? ''}/${name}`);
    }),
  );
  const exHandlers = experimentEventHandlers((key) => experimentQueue.add(key));
  inf.experiments.addEventHandler(exHandlers.experiments);
  inf.replicaSets.addEventHandler(exHandlers.replicaSets);
  inf.services.addEventHandler(exHandlers.services);
  inf.analysisRuns.addEventHandler(exHandlers.analysisRuns);

  const blueGreen = new BlueGreenReconciler({
    rollouts: inf.rollouts.lister,
    replicaSets: inf.replicaSets.lister,
    pods: inf.pods.lister,
    services: inf.services.lister,
    analysisRuns: inf.analysisRuns.lister,
    analysisTemplates: inf.analysisTemplates.lister,
    clusterAnalysisTemplates: inf.clusterAnalysisTemplates.lister,
    rolloutClient: kube.clients.rollouts,
    replicaSetClient: kube.clients.replicaSets,
    serviceClient: kube.clients.services,
    analysisRunClient: kube.clients.analysisRuns,
    podClient: kube.clients.pods,
    evicter: podEvicter(kube.transport),
    recorder,
    clock,
  });
  const experiments = new ExperimentReconciler({
    experiments: inf.experiments.lister,
    replicaSets: inf.replicaSets.lister,
    services: inf.services.lister,
    analysisRuns: inf.analysisRuns.lister,
    analysisTemplates: inf.analysisTemplates.lister,
    clusterAnalysisTemplates: inf.clusterAnalysisTemplates.lister,
    experimentClient: kube.clients.experiments,
    replicaSetClient: kube.clients.replicaSets,
    serviceClient: kube.clients.services,
    analysisRunClient: kube.clients.analysisRuns,
    recorder,
    clock,
  });
  const analysis = new AnalysisRunReconciler({
    analysisRuns: inf.analysisRuns.lister,
    analysisRunClient: kube.clients.analysisRuns,
    secrets: resourceClient<V1Secret>(kube.transport, Resources.secrets),
    providers: createMetricProviders({ clock, jobs: kube.clients.jobs, jobLister: inf.jobs.lister }),
    recorder,
    clock,
  });

  f.start();
  await f.waitForCacheSync();
  const loop = (queue: WorkQueue, r: { reconcile(ns: string, n: string): Promise<unknown> }, objType: string) =>
    runWorkers(queue, 1, async (key) => {
      const { namespace, name } = splitKey(key);
      return (await r.reconcile(namespace, name)) as { requeueAfterMs?: number };
    }, { clock, objType });
  const workers = [loop(rolloutQueue, blueGreen, 'rollout'), loop(experimentQueue, experiments, 'experiment'), loop(analysisQueue, analysis, 'analysisrun')];
  return {
    events,
    rollout: (ns, name) => inf.rollouts.lister.get(ns, name),
    experiment: (ns, name) => inf.experiments.lister.get(ns, name),
    experiments: (ns) => inf.experiments.lister.list(ns),
    service: (ns, name) => inf.services.lister.get(ns, name),
    replicaSetsOwnedBy: (ns, kind, name) => inf.replicaSets.lister.list(ns).filter((rs) => controllerOf(rs)?.kind === kind && controllerOf(rs)?.name === name),
    analysisRuns: (ns) => inf.analysisRuns.lister.list(ns),
    async stop() {
      for (const q of [rolloutQueue, experimentQueue, analysisQueue]) q.shutDown();
      await Promise.all(workers);
      await recorder.flush();
      f.stop();
    },
  };
}
