/**
 * A minimal in-process controller loop for integration tests: shared informers → work queue → the canary
 * reconciler built by the process's own wiring (`createCanaryReconciler`), with a real event recorder. Only the
 * loop is small; what the reconciler reads and writes is exactly what the binary gives it.
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import {
  type Clock,
  InformerFactory,
  type Logger,
  type RecordedEvent,
  silentLogger,
  WorkQueue,
  createEventRecorder,
  createKubeClient,
  runWorkers,
  splitKey,
  systemClock,
} from '@serin/kube';
import { controllerOf } from '../manager/enqueue.js';
import type { ReconcilerContext, RolloutReconcilerLike } from '../manager/manager.js';
import { rolloutEventHandlers } from '../rollout/wiring.js';
import { createCanaryReconciler } from '../wiring.js';

export interface RolloutHarness {
  readonly reconciler: RolloutReconcilerLike;
  readonly queue: WorkQueue;
  /** Every event the reconciler recorded, in order. */
  readonly events: RecordedEvent[];
  /** Number of reconciles run so far. */
  reconciles(): number;
  /** The rollout as the informer cache holds it. */
  rollout(namespace: string, name: string): Rollout | undefined;
  /** ReplicaSets in the cache owned by the rollout. */
  replicaSetsOf(namespace: string, name: string): V1ReplicaSet[];
  /** `status.currentStepIndex` values observed in rollout updates, in order (consecutive duplicates dropped). */
  readonly stepIndexHistory: Array<number | undefined>;
  stop(): Promise<void>;
}

export interface RolloutHarnessOptions {
  readonly kubeconfigPath: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export async function startRolloutHarness(options: RolloutHarnessOptions): Promise<RolloutHarness> {
  const clock = options.clock ?? systemClock();
  const client = createKubeClient({ kubeconfigPath: options.kubeconfigPath, qps: 0, clock });
  const factory = new InformerFactory({ transport: client.transport, clock, ...(options.logger === undefined ? {} : { logger: options.logger }) });
  const rollouts = factory.rollouts();
  const replicaSets = factory.replicaSets();
  const pods = factory.pods();
  const deployments = factory.deployments();
  const queue = new WorkQueue({ clock, name: 'Rollouts' });
  const stepIndexHistory: Array<number | undefined> = [];
  const observe = (ro: Rollout): void => {
    const index = ro.status?.currentStepIndex;
    if (stepIndexHistory.length === 0 || stepIndexHistory.at(-1) !== index) stepIndexHistory.push(index);
  };
  rollouts.addEventHandler({ add: observe, update: (_o, ro) => observe(ro) });
  const handlers = rolloutEventHandlers((key) => queue.add(key), { rollouts: rollouts.lister, replicaSets: replicaSets.lister });
  rollouts.addEventHandler(handlers.rollouts);
  replicaSets.addEventHandler(handlers.replicaSets);
  pods.addEventHandler(handlers.pods);
  deployments.addEventHandler(handlers.deployments);
  factory.analysisRuns().addEventHandler(handlers.analysisRuns);
  factory.experiments().addEventHandler(handlers.experiments);

  const events: RecordedEvent[] = [];
  const recorder = createEventRecorder({ events: client.clients.events, clock, onEvent: (e) => events.push(e) });
  const context: ReconcilerContext = {
    listers: {
      rollouts: rollouts.lister,
      replicaSets: replicaSets.lister,
      pods: pods.lister,
      services: factory.services().lister,
      deployments: deployments.lister,
      analysisRuns: factory.analysisRuns().lister,
      analysisTemplates: factory.analysisTemplates().lister,
      clusterAnalysisTemplates: factory.clusterAnalysisTemplates().lister,
      experiments: factory.experiments().lister,
      jobs: factory.jobs().lister,
    },
    clients: client.clients,
    transport: client.transport,
    recorder,
    clock,
    logger: options.logger ?? silentLogger,
    enqueueRolloutAfter: (key, delayMs) => queue.addAfter(key, delayMs),
    enqueueAnalysisRunAfter: () => undefined,
    enqueueExperimentAfter: () => undefined,
  };
  const reconciler = createCanaryReconciler(context);

  factory.start();
  await factory.waitForCacheSync();
  let count = 0;
  const workers = runWorkers(
    queue,
    1,
    async (key) => {
      count++;
      const { namespace, name } = splitKey(key);
      return reconciler.reconcile(namespace, name);
    },
    { clock, objType: 'rollout' },
  );
  return {
    reconciler,
    queue,
    events,
    reconciles: () => count,
    rollout: (namespace, name) => rollouts.lister.get(namespace, name),
    replicaSetsOf: (namespace, name) =>
      replicaSets.lister.list(namespace).filter((rs) => controllerOf(rs)?.kind === 'Rollout' && controllerOf(rs)?.name === name),
    stepIndexHistory,
    async stop() {
      queue.shutDown();
      await workers;
      await recorder.flush();
      factory.stop();
    },
  };
}
