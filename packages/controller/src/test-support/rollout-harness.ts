/**
 * A minimal in-process controller loop for integration tests: shared informers (rollouts, ReplicaSets, pods) →
 * work queue → RolloutReconciler, with a real event recorder. The process helper's manager replaces this in the
 * binary; the wiring is the same (informer events enqueue the owning rollout's key).
 */
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
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
  objectKey,
  runWorkers,
  splitKey,
  systemClock,
} from '@serin/kube';
import { podEvicter } from '../rollout/pod-evicter.js';
import { RolloutReconciler } from '../rollout/rollout-reconciler.js';

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

  const enqueueRollout = (obj: Rollout): void => queue.add(objectKey(obj));
  const enqueueOwner = (rs: V1ReplicaSet): void => {
    const owner = controllerOf(rs);
    if (owner?.kind === 'Rollout' && owner.name !== undefined) queue.add(`${rs.metadata?.namespace ?? ''}/${owner.name}`);
  };
  const enqueuePodOwner = (pod: V1Pod): void => {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'ReplicaSet' || owner.name === undefined) return;
    const rs = replicaSets.lister.get(pod.metadata?.namespace ?? '', owner.name);
    if (rs !== undefined) enqueueOwner(rs);
  };
  const stepIndexHistory: Array<number | undefined> = [];
  const observe = (ro: Rollout): void => {
    const index = ro.status?.currentStepIndex;
    if (stepIndexHistory.length === 0 || stepIndexHistory.at(-1) !== index) stepIndexHistory.push(index);
  };
  rollouts.addEventHandler({
    add: (ro) => (observe(ro), enqueueRollout(ro)),
    update: (_o, ro) => (observe(ro), enqueueRollout(ro)),
    delete: enqueueRollout,
  });
  replicaSets.addEventHandler({ add: enqueueOwner, update: (_o, n) => enqueueOwner(n), delete: enqueueOwner });
  const enqueueReferencing = (d: KubeObject): void => {
    for (const ro of rollouts.lister.list(d.metadata?.namespace ?? '')) {
      if (ro.spec.workloadRef?.kind === 'Deployment' && ro.spec.workloadRef.name === d.metadata?.name) enqueueRollout(ro);
    }
  };
  deployments.addEventHandler({ add: enqueueReferencing, update: (_o, n) => enqueueReferencing(n), delete: enqueueReferencing });
  pods.addEventHandler({ add: enqueuePodOwner, update: (_o, n) => enqueuePodOwner(n), delete: enqueuePodOwner });

  const events: RecordedEvent[] = [];
  const recorder = createEventRecorder({ events: client.clients.events, clock, onEvent: (e) => events.push(e) });
  const reconciler = new RolloutReconciler({
    rollouts: rollouts.lister,
    replicaSets: replicaSets.lister,
    pods: pods.lister,
    deployments: deployments.lister,
    deploymentClient: client.clients.deployments,
    podClient: client.clients.pods,
    rolloutClient: client.clients.rollouts,
    replicaSetClient: client.clients.replicaSets,
    evicter: podEvicter(client.transport),
    recorder,
    clock,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });

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
