/**
 * The Rollout reconciler: snapshot from informer caches → `planRolloutReconcile` (pure, @serin/core) → execute
 * the planned writes and events in order → return the requeue delay. An unchanged rollout plans no action.
 * The `ACTION.*` writes run in rollout-actions.ts (shared with blue-green); the canary stages run here.
 * parity: argo-rollouts rollout/controller.go syncHandler (flow)
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { ANALYSIS_ACTION, EXPERIMENT_ACTION, TRAFFIC_ACTION, type RolloutAction, type RolloutSnapshot, planRolloutReconcile, SERVICE_ACTION } from '@serin/core';
import { type Clock, type EventRecorder, type Lister, type Logger, type ResourceClient, StaleCacheError, silentLogger } from '@serin/kube';
import { type CanaryAnalysisDeps, CanaryAnalysisStage } from './canary-analysis.js';
import { type CanaryExperimentDeps, CanaryExperimentStage } from './canary-experiment.js';
import { type CanaryServiceDeps, CanaryServiceStage } from './canary-services.js';
import { type CanaryTrafficDeps, CanaryTrafficStage } from './canary-traffic.js';
import type { PodEvicter } from './pod-evicter.js';
import { REQUEUE_NOW_MS, RolloutActionExecutor, isSharedRolloutAction } from './rollout-actions.js';
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

const isControlledBy = (obj: { metadata?: { ownerReferences?: ReadonlyArray<{ uid: string; controller?: boolean }> } }, uid: string): boolean =>
  (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

export class RolloutReconciler {
  private readonly versions = new VersionTracker();
  /** The `ACTION.*` writes (shared with blue-green) and the created-RS / evicted-pod cache bookkeeping. */
  private readonly actions: RolloutActionExecutor;
  private readonly log: Logger;
  private readonly analysis: CanaryAnalysisStage | undefined;
  private readonly experiments: CanaryExperimentStage | undefined;
  private readonly traffic: CanaryTrafficStage;
  private readonly serviceStage: CanaryServiceStage | undefined;

  constructor(private readonly options: RolloutReconcilerOptions) {
    this.log = options.logger ?? silentLogger;
    this.actions = new RolloutActionExecutor({ ...options, versions: this.versions });
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
    const pods = replicaSets.flatMap((rs) => this.options.pods.ownedBy(rs.metadata?.uid ?? ''));
    this.actions.assertCaughtUp(namespace, name, replicaSets, pods);
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
      destinationRule: this.traffic.destinationRule(namespace, rollout),
    };
  }

  async reconcile(namespace: string, name: string): Promise<RolloutReconcileResult> {
    const snap = this.snapshot(namespace, name);
    if (snap === undefined) {
      this.versions.forget(`rollout/${namespace}/${name}`);
      this.actions.forget(namespace, name);
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
    if (isSharedRolloutAction(action)) return this.actions.execute(snap.rollout, action, snap.pods, log);
    const ns = snap.rollout.metadata?.namespace ?? '';
    switch (action.kind) {
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
    }
  }
}
