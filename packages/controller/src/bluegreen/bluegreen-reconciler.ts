/**
 * The blue-green Rollout reconciler: snapshot from informer caches (rollout, its ReplicaSets and pods, the active
 * and preview Services, its AnalysisRuns, analysis templates) → `planBlueGreenReconcile` (pure, @serin/core) →
 * execute the planned writes and events in order → return the requeue delay.
 * The `ACTION.*` writes run in ../rollout/rollout-actions.ts (shared with the canary reconciler).
 * parity: argo-rollouts rollout/controller.go syncHandler, rollout/bluegreen.go rolloutBlueGreen (flow)
 */
import type { V1Deployment, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate, Rollout } from '@serin/api';
import { LABEL } from '@serin/api';
import { ACTION, BG_ACTION, type BlueGreenAction, type BlueGreenSnapshot, type TemplateLookup, planBlueGreenReconcile } from '@serin/core';
import { type Clock, type EventRecorder, type Lister, type Logger, type ResourceClient, StaleCacheError, isNotFound, silentLogger } from '@serin/kube';
import { createAnalysisRunWithCollisionCounter } from '../analysis/create-run.js';
import type { PodEvicter } from '../rollout/pod-evicter.js';
import { REQUEUE_NOW_MS, RolloutActionExecutor, isSharedRolloutAction } from '../rollout/rollout-actions.js';
import { VersionTracker } from '../rollout/version-tracker.js';

export interface BlueGreenReconcilerOptions {
  readonly rollouts: Lister<Rollout>;
  readonly replicaSets: Lister<V1ReplicaSet>;
  readonly pods: Lister<V1Pod>;
  readonly services: Lister<V1Service>;
  readonly analysisRuns: Lister<AnalysisRun>;
  readonly analysisTemplates: Lister<AnalysisTemplate>;
  readonly clusterAnalysisTemplates: Lister<ClusterAnalysisTemplate>;
  readonly deployments?: Lister<V1Deployment>;
  readonly rolloutClient: ResourceClient<Rollout>;
  readonly replicaSetClient: ResourceClient<V1ReplicaSet>;
  readonly serviceClient: ResourceClient<V1Service>;
  readonly analysisRunClient: ResourceClient<AnalysisRun>;
  /** For ephemeral pod metadata (previewMetadata / activeMetadata); without it pods are not relabelled. */
  readonly podClient?: ResourceClient<V1Pod>;
  readonly deploymentClient?: ResourceClient<V1Deployment>;
  readonly evicter: PodEvicter;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export interface BlueGreenReconcileResult {
  readonly requeueAfterMs?: number;
}

const isControlledBy = (obj: { metadata?: { ownerReferences?: ReadonlyArray<{ uid: string; controller?: boolean }> } }, uid: string): boolean =>
  (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

/** A run created under a collision name (`<name>.1`): the status patch records the name the server holds. */
function withRunNames(action: BlueGreenAction, renamed: ReadonlyMap<string, string>): BlueGreenAction {
  if (action.kind !== ACTION.PatchStatus || renamed.size === 0) return action;
  const bg = (action.patch as { status?: { blueGreen?: Record<string, unknown> } }).status?.blueGreen;
  if (bg === undefined || bg === null) return action;
  const next: Record<string, unknown> = { ...bg };
  for (const key of ['prePromotionAnalysisRunStatus', 'postPromotionAnalysisRunStatus']) {
    const run = next[key] as { name?: string } | null | undefined;
    if (run?.name !== undefined && renamed.has(run.name)) next[key] = { ...run, name: renamed.get(run.name) };
  }
  const status = (action.patch as { status: Record<string, unknown> }).status;
  return { ...action, patch: { ...action.patch, status: { ...status, blueGreen: next } } };
}

export class BlueGreenReconciler {
  private readonly versions = new VersionTracker();
  /** The `ACTION.*` writes (shared with the canary reconciler) and the created-RS / evicted-pod cache bookkeeping. */
  private readonly actions: RolloutActionExecutor;
  private readonly log: Logger;
  private readonly templates: TemplateLookup;

  constructor(private readonly options: BlueGreenReconcilerOptions) {
    this.log = options.logger ?? silentLogger;
    this.actions = new RolloutActionExecutor({ ...options, versions: this.versions });
    this.templates = {
      analysisTemplate: (namespace, name) => options.analysisTemplates.get(namespace, name),
      clusterAnalysisTemplate: (name) => options.clusterAnalysisTemplates.get('', name),
    };
  }

  /** Read the caches; throws StaleCacheError when they have not caught up with our own last writes. */
  snapshot(namespace: string, name: string): BlueGreenSnapshot | undefined {
    const o = this.options;
    const rollout = o.rollouts.get(namespace, name);
    if (rollout === undefined) return undefined;
    const uid = rollout.metadata?.uid ?? '';
    if (this.versions.isStale(`rollout/${namespace}/${name}`, rollout)) throw new StaleCacheError();
    const replicaSets = o.replicaSets.ownedBy(uid).filter((rs) => isControlledBy(rs, uid));
    for (const rs of replicaSets) if (this.versions.isStale(`replicaset/${namespace}/${rs.metadata?.name ?? ''}`, rs)) throw new StaleCacheError();
    const services = new Map<string, V1Service>();
    const bg = rollout.spec.strategy?.blueGreen;
    for (const svcName of [bg?.activeService, bg?.previewService]) {
      if (svcName === undefined || svcName === '') continue;
      const svc = o.services.get(namespace, svcName);
      if (svc === undefined) continue;
      if (this.versions.isStale(`service/${namespace}/${svcName}`, svc)) throw new StaleCacheError();
      services.set(svcName, svc);
    }
    const analysisRuns = o.analysisRuns.ownedBy(uid).filter((r) => isControlledBy(r, uid));
    const pods = replicaSets.flatMap((rs) => o.pods.ownedBy(rs.metadata?.uid ?? ''));
    this.actions.assertCaughtUp(namespace, name, replicaSets, pods);
    const ref = rollout.spec.workloadRef;
    const workload = ref?.name === undefined ? undefined : o.deployments?.get(namespace, ref.name);
    return { rollout, replicaSets, pods, workload, services, analysisRuns, templates: this.templates, nowMs: o.clock.now() };
  }

  /**
   * Runs the status records but the informer has not delivered yet are read from the API server (a run created a
   * moment ago must not be created again under a `.1` name); gone ones stay gone.
   * parity: argo-rollouts rollout/analysis.go getAnalysisRunsForRollout
   */
  private async withRecordedRuns(snap: BlueGreenSnapshot): Promise<BlueGreenSnapshot> {
    const status = snap.rollout.status;
    const recorded = [
      status?.canary?.currentBackgroundAnalysisRunStatus?.name,
      status?.canary?.currentStepAnalysisRunStatus?.name,
      status?.blueGreen?.prePromotionAnalysisRunStatus?.name,
      status?.blueGreen?.postPromotionAnalysisRunStatus?.name,
    ].filter((n): n is string => n !== undefined && n !== '');
    const seen = new Set(snap.analysisRuns.map((r) => r.metadata?.name ?? ''));
    const found: AnalysisRun[] = [];
    for (const runName of recorded) {
      if (seen.has(runName)) continue;
      seen.add(runName);
      try {
        found.push(await this.options.analysisRunClient.get(snap.rollout.metadata?.namespace ?? '', runName));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return found.length === 0 ? snap : { ...snap, analysisRuns: [...snap.analysisRuns, ...found] };
  }

  async reconcile(namespace: string, name: string): Promise<BlueGreenReconcileResult> {
    const cached = this.snapshot(namespace, name);
    if (cached === undefined) {
      this.versions.forget(`rollout/${namespace}/${name}`);
      this.actions.forget(namespace, name);
      return {};
    }
    const snap = await this.withRecordedRuns(cached);
    const log = this.log.child({ namespace, rollout: name });
    const plan = planBlueGreenReconcile(snap);
    const renamed = new Map<string, string>();
    for (const action of plan.actions) {
      const stop = await this.execute(snap, withRunNames(action, renamed), log, renamed);
      if (stop !== undefined) return stop;
    }
    if (plan.error !== undefined) throw new Error(plan.error);
    return plan.requeueAfterMs === undefined ? {} : { requeueAfterMs: Math.max(plan.requeueAfterMs, REQUEUE_NOW_MS) };
  }

  /** Run one action (`ACTION.*` via the shared executor); a returned result ends the reconcile early. */
  private async execute(snap: BlueGreenSnapshot, action: BlueGreenAction, log: Logger, renamed: Map<string, string>): Promise<BlueGreenReconcileResult | undefined> {
    if (isSharedRolloutAction(action)) return this.actions.execute(snap.rollout, action, snap.pods, log);
    const ns = snap.rollout.metadata?.namespace ?? '';
    const o = this.options;
    const ignoreNotFound = (err: unknown): void => {
      if (!isNotFound(err)) throw err;
    };
    switch (action.kind) {
      case BG_ACTION.PatchService:
        log.info('switching service selector', { service: action.name });
        this.versions.record(`service/${ns}/${action.name}`, await o.serviceClient.patchMerge(ns, action.name, action.patch));
        return undefined;
      case BG_ACTION.CreateAnalysisRun: {
        const created = await createAnalysisRunWithCollisionCounter(o.analysisRunClient, action.run, log);
        log.info('created analysisrun', { analysisrun: created.metadata?.name, type: created.metadata?.labels?.[LABEL.RolloutType] });
        const planned = action.run.metadata?.name ?? '';
        if (created.metadata?.name !== undefined && created.metadata.name !== planned) renamed.set(planned, created.metadata.name);
        return undefined;
      }
      case BG_ACTION.PatchAnalysisRun:
        await o.analysisRunClient.patchMerge(ns, action.name, action.patch).catch(ignoreNotFound);
        return undefined;
      case BG_ACTION.DeleteAnalysisRun:
        await o.analysisRunClient.delete(ns, action.name).catch(ignoreNotFound);
        return undefined;
    }
  }
}
