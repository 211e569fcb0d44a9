/**
 * The executor for the `ACTION.*` writes and events both rollout strategies plan (@serin/core): Rollout and status
 * patches, ReplicaSet create/patch/delete, pod eviction and relabelling, Deployment scale-down, events. The canary
 * and blue-green reconcilers delegate these kinds here and run only their own stage actions themselves.
 * It also owns the bookkeeping for our own writes the informer caches may not show yet (a created ReplicaSet, an
 * evicted pod): `assertCaughtUp` throws StaleCacheError until the caches have caught up.
 * parity: argo-rollouts rollout/sync.go createDesiredReplicaSet (AlreadyExists / collision handling),
 *         rollout/restart.go (eviction, PDB refusals)
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { CONDITION_MESSAGE, CONDITION_REASON, EVENT_REASON, LABEL } from '@serin/api';
import { ACTION, CREATE_CONFLICT, type RolloutAction, decideCreateConflict, metaTime, newCondition, podTemplatesSemanticallyEqual, setCondition } from '@serin/core';
import { type Clock, type EventRecorder, type Lister, type Logger, type ResourceClient, StaleCacheError, isAlreadyExists, isNotFound, toKubeError } from '@serin/kube';
import type { PodEvicter } from './pod-evicter.js';
import type { VersionTracker } from './version-tracker.js';

/** The action kinds both strategies share (`ACTION.*`). */
export type SharedRolloutAction = Extract<RolloutAction, { readonly kind: (typeof ACTION)[keyof typeof ACTION] }>;

const SHARED_KINDS: ReadonlySet<string> = new Set(Object.values(ACTION));

/** `action.kind` is one of `ACTION.*` (run it with `RolloutActionExecutor.execute`). */
export const isSharedRolloutAction = <A extends { readonly kind: string }>(action: A): action is Extract<A, SharedRolloutAction> => SHARED_KINDS.has(action.kind);

export interface RolloutActionExecutorOptions {
  readonly replicaSets: Lister<V1ReplicaSet>;
  readonly rolloutClient: ResourceClient<Rollout>;
  readonly replicaSetClient: ResourceClient<V1ReplicaSet>;
  /** For ephemeral pod metadata; without it `PatchPod` is a no-op. */
  readonly podClient?: ResourceClient<V1Pod> | undefined;
  /** For `workloadRef.scaleDown`; without it `ScaleDeployment` throws. */
  readonly deploymentClient?: ResourceClient<V1Deployment> | undefined;
  readonly evicter: PodEvicter;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** The reconciler's tracker: keys `rollout/<ns>/<name>` and `replicaset/<ns>/<name>` are recorded here. */
  readonly versions: VersionTracker;
}

/** A returned value ends the reconcile early and requeues (create conflict). */
export interface ActionStop {
  readonly requeueAfterMs: number;
}

/** The smallest delay the work queue treats as "requeue" (it ignores 0). */
export const REQUEUE_NOW_MS = 1;

export class RolloutActionExecutor {
  /** rollout key → name of the RS we created and the cache has not shown yet. */
  private readonly pendingCreates = new Map<string, string>();
  /** rollout key → pod name → uid of pods we evicted that the cache may still show as running. */
  private readonly evicted = new Map<string, Map<string, string>>();

  constructor(private readonly options: RolloutActionExecutorOptions) {}

  /**
   * Throws StaleCacheError while the cache lacks the ReplicaSet we created, or still shows a pod we evicted as
   * running (acting on it would create or evict twice). Forgets each entry once the cache has caught up.
   */
  assertCaughtUp(namespace: string, name: string, replicaSets: readonly V1ReplicaSet[], pods: readonly V1Pod[]): void {
    const key = `${namespace}/${name}`;
    const pending = this.pendingCreates.get(key);
    if (pending !== undefined) {
      if (!replicaSets.some((rs) => rs.metadata?.name === pending)) throw new StaleCacheError();
      this.pendingCreates.delete(key);
    }
    const evicted = this.evicted.get(key);
    for (const [podName, uid] of evicted ?? []) {
      const pod = pods.find((p) => p.metadata?.name === podName);
      if (pod !== undefined && pod.metadata?.uid === uid && pod.metadata.deletionTimestamp === undefined) throw new StaleCacheError();
      evicted?.delete(podName);
    }
    if (evicted?.size === 0) this.evicted.delete(key);
  }

  /** The rollout is gone: drop its bookkeeping. */
  forget(namespace: string, name: string): void {
    this.pendingCreates.delete(`${namespace}/${name}`);
    this.evicted.delete(`${namespace}/${name}`);
  }

  /** Run one shared action; `pods` are the snapshot's (for eviction bookkeeping). I/O errors propagate. */
  async execute(rollout: Rollout, action: SharedRolloutAction, pods: readonly V1Pod[], log: Logger): Promise<ActionStop | undefined> {
    const ns = rollout.metadata?.namespace ?? '';
    const name = rollout.metadata?.name ?? '';
    const o = this.options;
    switch (action.kind) {
      case ACTION.Event:
        if (action.type === 'Warning') o.recorder.warn(rollout, { reason: action.reason }, action.message);
        else o.recorder.event(rollout, { reason: action.reason }, action.message);
        return undefined;
      case ACTION.PatchRollout:
        o.versions.record(`rollout/${ns}/${name}`, await o.rolloutClient.patchMerge(ns, name, action.patch));
        return undefined;
      case ACTION.PatchStatus:
        log.info('patched status', { patch: JSON.stringify(action.patch) });
        o.versions.record(`rollout/${ns}/${name}`, await o.rolloutClient.patchStatusMerge(ns, name, action.patch));
        return undefined;
      case ACTION.PatchReplicaSet:
        o.versions.record(`replicaset/${ns}/${action.name}`, await o.replicaSetClient.patchMerge(ns, action.name, action.patch));
        return undefined;
      case ACTION.DeleteReplicaSet:
        await o.replicaSetClient.delete(ns, action.name, action.uid === undefined ? {} : { uid: action.uid }).catch(ignoreNotFound);
        return undefined;
      case ACTION.EvictPod:
        await this.evict(ns, name, action.name, pods, log);
        return undefined;
      case ACTION.CreateReplicaSet:
        return this.createReplicaSet(rollout, action.replicaSet, log);
      case ACTION.PatchPod:
        if (o.podClient !== undefined) await o.podClient.patchMerge(ns, action.name, action.patch).catch(ignoreNotFound);
        return undefined;
      case ACTION.ScaleDeployment:
        if (o.deploymentClient === undefined) throw new Error('workloadRef scale-down needs a deployment client');
        log.info('scaling deployment', { deployment: action.name, replicas: action.replicas });
        await o.deploymentClient.patchMerge(ns, action.name, { spec: { replicas: action.replicas } });
        return undefined;
    }
  }

  /** Evict and remember the pod's uid; a 429 (a PodDisruptionBudget said no) is retried on the next restart check. */
  private async evict(ns: string, rolloutName: string, podName: string, pods: readonly V1Pod[], log: Logger): Promise<void> {
    try {
      await this.options.evicter.evict(ns, podName);
    } catch (err) {
      if (toKubeError(err).code !== 429) throw err;
      log.warn('eviction refused', { pod: podName });
      return;
    }
    const uid = pods.find((p) => p.metadata?.name === podName)?.metadata?.uid;
    if (uid === undefined) return;
    const key = `${ns}/${rolloutName}`;
    this.evicted.set(key, (this.evicted.get(key) ?? new Map<string, string>()).set(podName, uid));
  }

  /** Create; AlreadyExists → `onCreateConflict`; any other error → Warning event + Progressing=False, rethrown. */
  private async createReplicaSet(rollout: Rollout, rs: V1ReplicaSet, log: Logger): Promise<ActionStop | undefined> {
    const o = this.options;
    const ns = rollout.metadata?.namespace ?? '';
    const rsName = rs.metadata?.name ?? '';
    try {
      const created = await o.replicaSetClient.create(ns, rs);
      o.versions.record(`replicaset/${ns}/${rsName}`, created);
      this.pendingCreates.set(`${ns}/${rollout.metadata?.name ?? ''}`, rsName);
      log.info('created replicaset', { replicaset: rsName });
      return undefined;
    } catch (err) {
      if (isAlreadyExists(err)) return this.onCreateConflict(rollout, rsName, log);
      const message = CONDITION_MESSAGE.replicaSetCreateError(rsName, toKubeError(err).message);
      o.recorder.warn(rollout, { reason: EVENT_REASON.ReplicaSetCreateError }, message);
      const conditions = setCondition(rollout.status?.conditions, newCondition('Progressing', 'False', CONDITION_REASON.ReplicaSetCreateError, message, o.clock.now())).conditions;
      await o.rolloutClient.patchStatusMerge(ns, rollout.metadata?.name ?? '', { status: { conditions } }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * `<rollout>-<hash>` already exists: ours with an equal template → adopt it on the next reconcile; otherwise a
   * hash collision → `status.collisionCount + 1` and recompute. Either way: requeue now.
   */
  private async onCreateConflict(rollout: Rollout, rsName: string, log: Logger): Promise<ActionStop> {
    const o = this.options;
    const ns = rollout.metadata?.namespace ?? '';
    const existing = o.replicaSets.get(ns, rsName) ?? (await o.replicaSetClient.get(ns, rsName));
    const strategy = rollout.spec.strategy;
    const equal = podTemplatesSemanticallyEqual(existing.spec?.template ?? {}, rollout.spec.template ?? {}, {
      ephemeralMetadataAnnotation: existing.metadata?.annotations?.['rollout.argoproj.io/ephemeral-metadata'],
      antiAffinity: strategy?.canary?.antiAffinity ?? strategy?.blueGreen?.antiAffinity,
    });
    if (decideCreateConflict(rollout, existing, equal) === CREATE_CONFLICT.Adopt) {
      log.info('replicaset already exists; adopting', { replicaset: rsName, hash: existing.metadata?.labels?.[LABEL.PodTemplateHash] });
      return { requeueAfterMs: REQUEUE_NOW_MS };
    }
    const collisionCount = (rollout.status?.collisionCount ?? 0) + 1;
    log.warn('hash collision; bumping collisionCount', { replicaset: rsName, collisionCount, at: metaTime(o.clock.now()) });
    o.versions.record(`rollout/${ns}/${rollout.metadata?.name ?? ''}`, await o.rolloutClient.patchStatusMerge(ns, rollout.metadata?.name ?? '', { status: { collisionCount } }));
    return { requeueAfterMs: REQUEUE_NOW_MS };
  }
}

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}
