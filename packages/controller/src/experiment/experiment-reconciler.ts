/**
 * The Experiment reconciler: snapshot from informer caches (the Experiment, its ReplicaSets, Services and
 * AnalysisRuns, analysis templates) → `planExperimentReconcile` (pure, @serin/core) → execute the writes and events
 * in order → return the requeue delay. The status is merge-patched on the Experiment itself (no status subresource).
 * parity: argo-rollouts experiments/controller.go syncHandler; experiments/replicaset.go createReplicaSet
 *         (AlreadyExists: claim an equal RS, else bump the template's collisionCount)
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate, Experiment, Rollout } from '@serin/api';
import { ANNOTATION } from '@serin/api';
import { EX_ACTION, type ExperimentAction, type ExperimentSnapshot, type TemplateLookup, planExperimentReconcile, podTemplatesSemanticallyEqual } from '@serin/core';
import { type Clock, type EventRecorder, type KubeObject, type Lister, type Logger, type ResourceClient, StaleCacheError, isAlreadyExists, isNotFound, silentLogger } from '@serin/kube';
import { createAnalysisRunWithCollisionCounter } from '../analysis/create-run.js';
import { VersionTracker } from '../rollout/version-tracker.js';

export interface ExperimentReconcilerOptions {
  readonly experiments: Lister<Experiment>;
  readonly replicaSets: Lister<V1ReplicaSet>;
  readonly services: Lister<V1Service>;
  readonly analysisRuns: Lister<AnalysisRun>;
  readonly analysisTemplates: Lister<AnalysisTemplate>;
  readonly clusterAnalysisTemplates?: Lister<ClusterAnalysisTemplate>;
  readonly experimentClient: ResourceClient<Experiment>;
  readonly replicaSetClient: ResourceClient<V1ReplicaSet>;
  readonly serviceClient: ResourceClient<V1Service>;
  readonly analysisRunClient: ResourceClient<AnalysisRun>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export interface ExperimentReconcileResult {
  readonly requeueAfterMs?: number;
}

const REQUEUE_NOW_MS = 1;

const isControlledBy = (obj: KubeObject, uid: string): boolean => (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

/**
 * A run created under a collision name (`<name>.1`): the status patch records the name the server holds.
 * parity: argo-rollouts experiments/experiment.go reconcileAnalysisRun (status takes `run.Name` after
 *         CreateWithCollisionCounter)
 */
function withRunNames(action: ExperimentAction, renamed: ReadonlyMap<string, string>): ExperimentAction {
  if (action.kind !== EX_ACTION.PatchExperiment || renamed.size === 0) return action;
  const status = (action.patch as { status?: { analysisRuns?: Array<{ analysisRun?: string }> } }).status;
  if (status?.analysisRuns === undefined) return action;
  const analysisRuns = status.analysisRuns.map((r) => (r.analysisRun !== undefined && renamed.has(r.analysisRun) ? { ...r, analysisRun: renamed.get(r.analysisRun) } : r));
  return { ...action, patch: { ...action.patch, status: { ...status, analysisRuns } } };
}

export class ExperimentReconciler {
  private readonly versions = new VersionTracker();
  private readonly log: Logger;
  private readonly templates: TemplateLookup;

  constructor(private readonly options: ExperimentReconcilerOptions) {
    this.log = options.logger ?? silentLogger;
    this.templates = {
      analysisTemplate: (namespace, name) => options.analysisTemplates.get(namespace, name),
      clusterAnalysisTemplate: (name) => options.clusterAnalysisTemplates?.get('', name),
    };
  }

  snapshot(namespace: string, name: string): ExperimentSnapshot | undefined {
    const o = this.options;
    const experiment = o.experiments.get(namespace, name);
    if (experiment === undefined) return undefined;
    if (this.versions.isStale(`experiment/${namespace}/${name}`, experiment)) throw new StaleCacheError();
    const uid = experiment.metadata?.uid ?? '';
    const replicaSets = o.replicaSets.ownedBy(uid).filter((rs) => isControlledBy(rs, uid));
    for (const rs of replicaSets) if (this.versions.isStale(`replicaset/${namespace}/${rs.metadata?.name ?? ''}`, rs)) throw new StaleCacheError();
    const services = o.services.ownedBy(uid).filter((s) => isControlledBy(s, uid));
    const analysisRuns = o.analysisRuns.ownedBy(uid).filter((r) => isControlledBy(r, uid));
    return { experiment, replicaSets, services, analysisRuns, templates: this.templates, nowMs: o.clock.now() };
  }

  async reconcile(namespace: string, name: string): Promise<ExperimentReconcileResult> {
    const snap = this.snapshot(namespace, name);
    if (snap === undefined) {
      this.versions.forget(`experiment/${namespace}/${name}`);
      return {};
    }
    const log = this.log.child({ namespace, experiment: name });
    const plan = planExperimentReconcile(snap);
    const renamed = new Map<string, string>();
    for (const action of plan.actions) {
      const stop = await this.execute(snap.experiment, withRunNames(action, renamed), log, renamed);
      if (stop !== undefined) return stop;
    }
    return plan.requeueAfterMs === undefined ? {} : { requeueAfterMs: Math.max(plan.requeueAfterMs, REQUEUE_NOW_MS) };
  }

  private async execute(ex: Experiment, action: ExperimentAction, log: Logger, renamed: Map<string, string>): Promise<ExperimentReconcileResult | undefined> {
    const o = this.options;
    const ns = ex.metadata?.namespace ?? '';
    const name = ex.metadata?.name ?? '';
    const ignoreNotFound = (err: unknown): void => {
      if (!isNotFound(err)) throw err;
    };
    switch (action.kind) {
      case EX_ACTION.Event:
        if (action.rollout !== undefined) {
          const target: Rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: action.rollout.name, namespace: ns, uid: action.rollout.uid }, spec: {} as Rollout['spec'] };
          o.recorder.event(target, { reason: action.reason, type: action.type }, action.message);
        } else if (action.type === 'Warning') o.recorder.warn(ex, { reason: action.reason }, action.message);
        else o.recorder.event(ex, { reason: action.reason }, action.message);
        return undefined;
      case EX_ACTION.CreateReplicaSet:
        return this.createReplicaSet(ex, action.template, action.replicaSet, log);
      case EX_ACTION.PatchReplicaSet:
        this.versions.record(`replicaset/${ns}/${action.name}`, await o.replicaSetClient.patchMerge(ns, action.name, action.patch));
        return undefined;
      case EX_ACTION.CreateService:
        try {
          await o.serviceClient.create(ns, action.service);
        } catch (err) {
          if (!isAlreadyExists(err)) throw err;
          const existing = await o.serviceClient.get(ns, action.service.metadata?.name ?? '');
          const ours = isControlledBy(existing, ex.metadata?.uid ?? '') && existing.metadata?.annotations?.[ANNOTATION.ExperimentName] === name;
          if (!ours) throw new Error(`service ${action.service.metadata?.name ?? ''} already exists and is not owned by experiment template`, { cause: err });
        }
        return undefined;
      case EX_ACTION.DeleteService:
        await o.serviceClient.delete(ns, action.name).catch(ignoreNotFound);
        return undefined;
      case EX_ACTION.CreateAnalysisRun: {
        const created = await createAnalysisRunWithCollisionCounter(o.analysisRunClient, action.run, log);
        log.info('created analysisrun', { analysisrun: created.metadata?.name });
        const planned = action.run.metadata?.name ?? '';
        if (created.metadata?.name !== undefined && created.metadata.name !== planned) renamed.set(planned, created.metadata.name);
        return undefined;
      }
      case EX_ACTION.PatchAnalysisRun:
        await o.analysisRunClient.patchMerge(ns, action.name, action.patch).catch(ignoreNotFound);
        return undefined;
      case EX_ACTION.PatchExperiment:
        log.info('patched experiment status', { patch: JSON.stringify(action.patch) });
        this.versions.record(`experiment/${ns}/${name}`, await o.experimentClient.patchMerge(ns, name, action.patch));
        return undefined;
    }
  }

  /** AlreadyExists: an equal RS of ours is claimed on the next reconcile; otherwise bump the template's collisionCount. */
  private async createReplicaSet(ex: Experiment, template: string, rs: V1ReplicaSet, log: Logger): Promise<ExperimentReconcileResult | undefined> {
    const o = this.options;
    const ns = ex.metadata?.namespace ?? '';
    const rsName = rs.metadata?.name ?? '';
    try {
      this.versions.record(`replicaset/${ns}/${rsName}`, await o.replicaSetClient.create(ns, rs));
      log.info('created replicaset', { replicaset: rsName });
      return undefined;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const existing = o.replicaSets.get(ns, rsName) ?? (await o.replicaSetClient.get(ns, rsName));
    const equal =
      isControlledBy(existing, ex.metadata?.uid ?? '') &&
      existing.metadata?.annotations?.[ANNOTATION.ExperimentTemplateName] === template &&
      podTemplatesSemanticallyEqual(existing.spec?.template ?? {}, rs.spec?.template ?? {}, {});
    if (!equal) {
      const statuses = structuredClone(ex.status?.templateStatuses ?? []);
      const ts = statuses.find((t) => t.name === template);
      if (ts !== undefined) ts.collisionCount = (ts.collisionCount ?? 0) + 1;
      else statuses.push({ name: template, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, collisionCount: 1 });
      log.warn('hash collision; bumping collisionCount', { replicaset: rsName, template });
      this.versions.record(`experiment/${ns}/${ex.metadata?.name ?? ''}`, await o.experimentClient.patchMerge(ns, ex.metadata?.name ?? '', { status: { templateStatuses: statuses } }));
    }
    return { requeueAfterMs: REQUEUE_NOW_MS };
  }
}
