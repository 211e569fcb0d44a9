/**
 * The Rollout reconciler: snapshot from informer caches → `planRolloutReconcile` (pure, @serin/core) → execute
 * the planned writes and events in order → return the requeue delay. An unchanged rollout plans no action.
 * parity: argo-rollouts rollout/controller.go syncHandler (flow), rollout/sync.go createDesiredReplicaSet
 *         (AlreadyExists / collision handling)
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { CONDITION_MESSAGE, CONDITION_REASON, EVENT_REASON, LABEL } from '@serin/api';
import {
  ACTION,
  ANALYSIS_ACTION,
  CREATE_CONFLICT,
  EXPERIMENT_ACTION,
  TRAFFIC_ACTION,
  type RolloutAction,
  type RolloutSnapshot,
  decideCreateConflict,
  metaTime,
  newCondition,
  planRolloutReconcile,
  podTemplatesSemanticallyEqual,
  SERVICE_ACTION,
  setCondition,
} from '@serin/core';
import {
  type Clock,
  type EventRecorder,
  type Lister,
  type Logger,
  type ResourceClient,
  StaleCacheError,
  isAlreadyExists,
  isNotFound,
  silentLogger,
  toKubeError,
} from '@serin/kube';
import { type CanaryAnalysisDeps, CanaryAnalysisStage } from './canary-analysis.js';
import { type CanaryExperimentDeps, CanaryExperimentStage } from './canary-experiment.js';
import { type CanaryServiceDeps, CanaryServiceStage } from './canary-services.js';
import { type CanaryTrafficDeps, CanaryTrafficStage } from './canary-traffic.js';
import type { PodEvicter } from './pod-evicter.js';
import { VersionTracker } from './version-tracker.js';

export interface RolloutReconcilerOptions {
  /** Informer caches (read-only). */
  readonly rollouts: Lister<Rollout>;
  readonly replicaSets: Lister<V1ReplicaSet>;
  readonly pods: Lister<V1Pod>;
  /** Deployments, for `workloadRef` (without it such rollouts report InvalidSpec: not found). */
  readonly deployments?: Lister<V1Deployment>;
  /** Writers. */
  readonly rolloutClient: ResourceClient<Rollout>;
  readonly replicaSetClient: ResourceClient<V1ReplicaSet>;
  /** For ephemeral pod metadata (canaryMetadata / stableMetadata); without it pods are not relabelled. */
  readonly podClient?: ResourceClient<V1Pod>;
  readonly evicter: PodEvicter;
  /** For `workloadRef.scaleDown` (onsuccess / progressively). */
  readonly deploymentClient?: ResourceClient<V1Deployment>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Step and background analysis (without it analysis steps never complete). */
  readonly analysis?: CanaryAnalysisDeps;
  /** Experiments for `experiment` steps (without it experiment steps never complete). */
  readonly experiments?: CanaryExperimentDeps;
  /** VirtualService / DestinationRule access for `trafficRouting.istio` (without it weights are not routed). */
  readonly trafficRouting?: CanaryTrafficDeps;
  /** Services for `stableService` / `canaryService` selectors (without it they are not switched). */
  readonly services?: CanaryServiceDeps;
}

export interface RolloutReconcileResult {
  readonly requeueAfterMs?: number;
}

/** The smallest delay the work queue treats as "requeue" (it ignores 0). */
const REQUEUE_NOW_MS = 1;

const isControlledBy = (obj: { metadata?: { ownerReferences?: ReadonlyArray<{ uid: string; controller?: boolean }> } }, uid: string): boolean =>
  (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

export class RolloutReconciler {
  private readonly versions = new VersionTracker();
  /** rollout key → name of the RS we created and the cache has not shown yet. */
  private readonly pendingCreates = new Map<string, string>();
  /** rollout key → pod name → uid of pods we evicted that the cache may still show as running. */
  private readonly evicted = new Map<string, Map<string, string>>();
  private readonly log: Logger;
  private readonly analysis: CanaryAnalysisStage | undefined;
  private readonly experiments: CanaryExperimentStage | undefined;
  private readonly traffic: CanaryTrafficStage;
  private readonly serviceStage: CanaryServiceStage | undefined;

  constructor(private readonly options: RolloutReconcilerOptions) {
    this.log = options.logger ?? silentLogger;
    this.analysis = options.analysis === undefined ? undefined : new CanaryAnalysisStage(options.analysis);
    this.experiments = options.experiments === undefined ? undefined : new CanaryExperimentStage(options.experiments);
    this.traffic = new CanaryTrafficStage(options.trafficRouting, options.recorder);
    this.serviceStage = options.services === undefined ? undefined : new CanaryServiceStage(options.services, options.recorder);
  }

  /** Read the caches; throws StaleCacheError when they have not caught up with our own last writes. */
  snapshot(namespace: string, name: string): RolloutSnapshot | undefined {
    const rollout = this.options.rollouts.get(namespace, name);
    if (rollout === undefined) return undefined;
    const uid = rollout.metadata?.uid ?? '';
    if (this.versions.isStale(`rollout/${namespace}/${name}`, rollout)) throw new StaleCacheError();
    const replicaSets = this.options.replicaSets.ownedBy(uid).filter((rs) => isControlledBy(rs, uid));
    for (const rs of replicaSets) {
      if (this.versions.isStale(`replicaset/${namespace}/${rs.metadata?.name ?? ''}`, rs)) throw new StaleCacheError();
    }
    const pending = this.pendingCreates.get(`${namespace}/${name}`);
    if (pending !== undefined) {
      if (!replicaSets.some((rs) => rs.metadata?.name === pending)) throw new StaleCacheError();
      this.pendingCreates.delete(`${namespace}/${name}`);
    }
    const pods = replicaSets.flatMap((rs) => this.options.pods.ownedBy(rs.metadata?.uid ?? ''));
    const evicted = this.evicted.get(`${namespace}/${name}`);
    for (const [podName, uid] of evicted ?? []) {
      const pod = pods.find((p) => p.metadata?.name === podName);
      // a pod we evicted still shows as running: the cache is behind (it would be evicted twice)
      if (pod !== undefined && pod.metadata?.uid === uid && pod.metadata.deletionTimestamp === undefined) throw new StaleCacheError();
      evicted?.delete(podName);
    }
    if (evicted?.size === 0) this.evicted.delete(`${namespace}/${name}`);
    const ref = rollout.spec.workloadRef;
    const workload = ref?.name === undefined ? undefined : this.options.deployments?.get(namespace, ref.name);
    return {
      rollout,
      replicaSets,
      pods,
      workload,
      nowMs: this.options.clock.now(),
      analysis: this.analysis?.inputs(uid),
      experiments: this.experiments?.inputs(uid),
      services: rollout.spec.strategy?.canary === undefined ? undefined : this.serviceStage?.services(namespace, rollout),
    };
  }

  async reconcile(namespace: string, name: string): Promise<RolloutReconcileResult> {
    const snap = this.snapshot(namespace, name);
    if (snap === undefined) {
      this.versions.forget(`rollout/${namespace}/${name}`);
      this.pendingCreates.delete(`${namespace}/${name}`);
      this.evicted.delete(`${namespace}/${name}`);
      return {};
    }
    const log = this.log.child({ namespace, rollout: name });
    let plan = planRolloutReconcile(snap);
    // a routed canary: pass 1 stops at the routing stage; run what comes before it, route, then carry on with
    // pass 2 (same snapshot + the routers' outcome, so its actions up to that stage are the ones already run)
    let from = 0;
    const at = plan.actions.findIndex((a) => a.kind === TRAFFIC_ACTION.ReconcileTrafficRouting);
    const routing = plan.actions[at];
    if (routing?.kind === TRAFFIC_ACTION.ReconcileTrafficRouting) {
      for (const action of plan.actions.slice(0, at)) {
        const stop = await this.execute(snap, action, log);
        if (stop !== undefined) return stop;
      }
      const services = this.serviceStage;
      const switchToStable = services === undefined ? undefined : () => services.switchCanaryToStable(snap.rollout, snap.replicaSets, log);
      const trafficRouting = await this.traffic.run(snap.rollout, snap.replicaSets, routing.plan, log, switchToStable);
      const second = planRolloutReconcile({ ...snap, trafficRouting });
      // pure and deterministic: both passes agree up to the routing stage (guard against a future divergence)
      if (JSON.stringify(second.actions.slice(0, at)) !== JSON.stringify(plan.actions.slice(0, at))) throw new Error('canary plan passes diverged before the traffic-routing stage');
      plan = second;
      from = at;
    }
    for (const action of plan.actions.slice(from)) {
      const stop = await this.execute(snap, action, log);
      if (stop !== undefined) return stop;
    }
    return plan.requeueAfterMs === undefined ? {} : { requeueAfterMs: Math.max(plan.requeueAfterMs, REQUEUE_NOW_MS) };
  }

  /** Run one action; a returned result ends the reconcile early (create conflict). I/O errors propagate. */
  private async execute(snap: RolloutSnapshot, action: RolloutAction, log: Logger): Promise<RolloutReconcileResult | undefined> {
    const { rollout } = snap;
    const ns = rollout.metadata?.namespace ?? '';
    const name = rollout.metadata?.name ?? '';
    const o = this.options;
    switch (action.kind) {
      case ACTION.Event:
        if (action.type === 'Warning') o.recorder.warn(rollout, { reason: action.reason }, action.message);
        else o.recorder.event(rollout, { reason: action.reason }, action.message);
        return undefined;
      case ACTION.PatchRollout:
        this.versions.record(`rollout/${ns}/${name}`, await o.rolloutClient.patchMerge(ns, name, action.patch));
        return undefined;
      case ACTION.PatchStatus:
        log.info('patched status', { patch: JSON.stringify(action.patch) });
        this.versions.record(`rollout/${ns}/${name}`, await o.rolloutClient.patchStatusMerge(ns, name, action.patch));
        return undefined;
      case ACTION.PatchReplicaSet:
        this.versions.record(`replicaset/${ns}/${action.name}`, await o.replicaSetClient.patchMerge(ns, action.name, action.patch));
        return undefined;
      case ACTION.DeleteReplicaSet:
        try {
          await o.replicaSetClient.delete(ns, action.name, action.uid === undefined ? {} : { uid: action.uid });
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        return undefined;
      case ACTION.EvictPod:
        try {
          await o.evicter.evict(ns, action.name);
          const uid = snap.pods.find((p) => p.metadata?.name === action.name)?.metadata?.uid;
          if (uid !== undefined) {
            const key = `${ns}/${rollout.metadata?.name ?? ''}`;
            const pods = this.evicted.get(key) ?? new Map<string, string>();
            this.evicted.set(key, pods.set(action.name, uid));
          }
        } catch (err) {
          // a PodDisruptionBudget said no: try again on the next restart check
          if (toKubeError(err).code !== 429) throw err;
          log.warn('eviction refused', { pod: action.name });
        }
        return undefined;
      case ACTION.CreateReplicaSet:
        return this.createReplicaSet(rollout, action.replicaSet, log);
      case ACTION.PatchPod:
        if (o.podClient === undefined) return undefined;
        try {
          await o.podClient.patchMerge(ns, action.name, action.patch);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        return undefined;
      case ANALYSIS_ACTION.CreateAnalysisRun:
      case ANALYSIS_ACTION.PatchAnalysisRun:
      case ANALYSIS_ACTION.DeleteAnalysisRun:
      case ANALYSIS_ACTION.AnalysisError:
        if (this.analysis === undefined) throw new Error('analysis actions need analysis listers and a client');
        await this.analysis.execute(ns, action, log);
        return undefined;
      case EXPERIMENT_ACTION.CreateExperiment:
      case EXPERIMENT_ACTION.PatchExperiment:
      case EXPERIMENT_ACTION.DeleteExperiment:
      case EXPERIMENT_ACTION.ExperimentError:
        if (this.experiments === undefined) throw new Error('experiment actions need an experiment lister and client');
        await this.experiments.execute(ns, action, log);
        return undefined;
      case TRAFFIC_ACTION.ReconcileTrafficRouting:
        throw new Error('traffic routing must run before the second planning pass');
      case SERVICE_ACTION.PatchService:
        if (this.serviceStage === undefined) throw new Error('service switches need a service lister and client');
        await this.serviceStage.execute(ns, action, log);
        return undefined;
      case ACTION.ScaleDeployment:
        if (o.deploymentClient === undefined) throw new Error('workloadRef scale-down needs a deployment client');
        log.info('scaling deployment', { deployment: action.name, replicas: action.replicas });
        await o.deploymentClient.patchMerge(ns, action.name, { spec: { replicas: action.replicas } });
        return undefined;
    }
  }

  private async createReplicaSet(rollout: Rollout, rs: V1ReplicaSet, log: Logger): Promise<RolloutReconcileResult | undefined> {
    const o = this.options;
    const ns = rollout.metadata?.namespace ?? '';
    const rsName = rs.metadata?.name ?? '';
    try {
      const created = await o.replicaSetClient.create(ns, rs);
      this.versions.record(`replicaset/${ns}/${rsName}`, created);
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
   * hash collision → bump `status.collisionCount` and recompute.
   */
  private async onCreateConflict(rollout: Rollout, rsName: string, log: Logger): Promise<RolloutReconcileResult> {
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
    this.versions.record(`rollout/${ns}/${rollout.metadata?.name ?? ''}`, await o.rolloutClient.patchStatusMerge(ns, rollout.metadata?.name ?? '', { status: { collisionCount } }));
    return { requeueAfterMs: REQUEUE_NOW_MS };
  }
}
