/**
 * A minimal in-process controller loop for integration tests: shared informers (rollouts, ReplicaSets, pods) →
 * work queue → RolloutReconciler, with a real event recorder. The process helper's manager replaces this in the
 * binary; the wiring is the same (informer events enqueue the owning rollout's key).
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import {
  type Clock,
  InformerFactory,
  type KubeObject,
  type Logger,
  type RecordedEvent,
  WorkQueue,
  createEventRecorder,
  createKubeClient,
  runWorkers,
  splitKey,
  systemClock,
} from '@serin/kube';
import type { RolloutReconciler } from '../rollout/rollout-reconciler.js';
import { rolloutReconcilerFromInformers, rolloutEventHandlers } from '../rollout/wiring.js';

export interface RolloutHarness {
  readonly reconciler: RolloutReconciler;
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

const controllerOf = (obj: KubeObject): { kind?: string; name?: string } | undefined =>
  (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);

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

  const events: RecordedEvent[] = [];
  const recorder = createEventRecorder({ events: client.clients.events, clock, onEvent: (e) => events.push(e) });
  const reconciler = rolloutReconcilerFromInformers({ kube: client, informers: factory, recorder, clock, ...(options.logger === undefined ? {} : { logger: options.logger }) });

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
