/**
 * The Experiment reconciler: snapshot from informer caches (the Experiment, its ReplicaSets, Services and
 * AnalysisRuns, analysis templates) → `planExperimentReconcile` (pure, @serin/core) → execute the writes and events
 * in order → return the requeue delay. The status is merge-patched on the Experiment itself (no status subresource).
 * Object writes (template ReplicaSet creates/scales/deadline patches, Service creates/deletes, AnalysisRun creates)
 * run first, in a first plan's order, and the final plan reads their outcomes: a failed create, scale or Service
 * delete is an Error template or analysis status (so the Experiment ends Error), not a retry loop; a conflicting
 * scale is retried in a second. A recorded AnalysisRun missing from the cache is looked up live; a failed lookup is
 * an Error analysis.
 * parity: argo-rollouts experiments/controller.go syncHandler; experiments/replicaset.go createReplicaSet
 *         (AlreadyExists: claim an equal RS, else bump the template's collisionCount; other errors: event
 *         ReplicaSetCreateError); experiments/service.go CreateService (AlreadyExists: reuse the template's own);
 *         experiments/experiment.go reconcileAnalysisRun (lister miss → live GET), scaleTemplateRS,
 *         deleteTemplateService, addScaleDownDelayToTemplateRS (a refused deadline patch is only logged)
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate, Experiment, Rollout } from '@serin/api';
import { ANNOTATION, EVENT_REASON } from '@serin/api';
import {
  type CreateOutcome,
  EX_ACTION,
  type ExperimentAction,
  type ExperimentSnapshot,
  type JsonObject,
  type TemplateLookup,
  type WriteOutcome,
  analysisRunsMissingFromCache,
  planExperimentReconcile,
  podTemplatesSemanticallyEqual,
} from '@serin/core';
import { type Clock, type EventRecorder, type KubeObject, type Lister, type Logger, type ResourceClient, StaleCacheError, isAlreadyExists, isConflict, isNotFound, silentLogger } from '@serin/kube';
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

/** The error text as Go's `%v` prints an API error: the server's Status message. */
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

type ReplicaSetCreate = { readonly outcome: CreateOutcome<V1ReplicaSet> } | { readonly stop: ExperimentReconcileResult };

type ObjectWrite = Extract<ExperimentAction, { kind: (typeof OBJECT_WRITES)[number] }>;
/** Writes run before the final plan: their outcomes (created objects, errors) decide statuses, not a retry loop. */
const OBJECT_WRITES = [EX_ACTION.CreateReplicaSet, EX_ACTION.PatchReplicaSet, EX_ACTION.CreateService, EX_ACTION.DeleteService, EX_ACTION.CreateAnalysisRun] as const;
const isObjectWrite = (a: ExperimentAction): a is ObjectWrite => (OBJECT_WRITES as readonly string[]).includes(a.kind);
const ns = (ex: Experiment): string => ex.metadata?.namespace ?? '';

const isControlledBy = (obj: KubeObject, uid: string): boolean => (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

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
    const cached = this.snapshot(namespace, name);
    if (cached === undefined) {
      this.versions.forget(`experiment/${namespace}/${name}`);
      return {};
    }
    const log = this.log.child({ namespace, experiment: name });
    const snap = await this.withLiveRuns(cached, log);
    let plan = planExperimentReconcile(snap);
    const objectWrites = plan.actions.filter(isObjectWrite);
    if (objectWrites.length > 0) {
      const created = { replicaSets: new Map<string, CreateOutcome<V1ReplicaSet>>(), services: new Map<string, CreateOutcome<V1Service>>(), analysisRuns: new Map<string, CreateOutcome<AnalysisRun>>() };
      const written = { scaled: new Map<string, WriteOutcome>(), deletedServices: new Map<string, WriteOutcome>() };
      for (const action of objectWrites) {
        if (action.kind === EX_ACTION.CreateReplicaSet) {
          const result = await this.createReplicaSet(snap.experiment, action.template, action.replicaSet, log);
          if ('stop' in result) return result.stop;
          created.replicaSets.set(action.template, result.outcome);
        } else if (action.kind === EX_ACTION.CreateService) {
          created.services.set(action.template, await this.createService(snap.experiment, action.template, action.service, log));
        } else if (action.kind === EX_ACTION.CreateAnalysisRun) {
          created.analysisRuns.set(action.analysis, await this.createAnalysisRun(action.run, log));
        } else if (action.kind === EX_ACTION.PatchReplicaSet) {
          if (action.template === undefined) await this.annotateReplicaSet(ns(snap.experiment), action.name, action.patch, log);
          else written.scaled.set(action.template, await this.scaleReplicaSet(ns(snap.experiment), action.name, action.patch, log));
        } else {
          written.deletedServices.set(action.template, await this.deleteService(ns(snap.experiment), action.name, log));
        }
      }
      plan = planExperimentReconcile({ ...snap, created, written });
    }
    for (const action of plan.actions) {
      const stop = await this.execute(snap.experiment, action, log);
      if (stop !== undefined) return stop;
    }
    return plan.requeueAfterMs === undefined ? {} : { requeueAfterMs: Math.max(plan.requeueAfterMs, REQUEUE_NOW_MS) };
  }

  private async execute(ex: Experiment, action: ExperimentAction, log: Logger): Promise<ExperimentReconcileResult | undefined> {
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
      case EX_ACTION.CreateService:
      case EX_ACTION.CreateAnalysisRun:
      case EX_ACTION.PatchReplicaSet:
      case EX_ACTION.DeleteService:
        // ran before the final plan (see reconcile), which carries their outcomes instead
        return undefined;
      case EX_ACTION.PatchAnalysisRun:
        await o.analysisRunClient.patchMerge(ns, action.name, action.patch).catch(ignoreNotFound);
        return undefined;
      case EX_ACTION.PatchExperiment:
        log.info('patched experiment status', { patch: JSON.stringify(action.patch) });
        this.versions.record(`experiment/${ns}/${name}`, await o.experimentClient.patchMerge(ns, name, action.patch));
        return undefined;
    }
  }

  private async patchReplicaSet(namespace: string, name: string, patch: JsonObject): Promise<void> {
    this.versions.record(`replicaset/${namespace}/${name}`, await this.options.replicaSetClient.patchMerge(namespace, name, patch));
  }

  /**
   * The scale-down-deadline annotation: a refused patch is logged, not fatal (the next reconcile tries again).
   * parity: argo-rollouts experiments/experiment.go addScaleDownDelayToTemplateRS
   */
  private async annotateReplicaSet(namespace: string, name: string, patch: JsonObject, log: Logger): Promise<void> {
    try {
      await this.patchReplicaSet(namespace, name, patch);
    } catch (err) {
      log.warn('unable to set the scale-down deadline on replicaset', { replicaset: name, error: errorText(err) });
    }
  }

  /** Scale a template ReplicaSet; the error is the outcome (a conflict flagged), so the template can end in Error. */
  private async scaleReplicaSet(namespace: string, name: string, patch: JsonObject, log: Logger): Promise<WriteOutcome> {
    try {
      await this.patchReplicaSet(namespace, name, patch);
      return { ok: true };
    } catch (err) {
      log.warn('failed to scale replicaset', { replicaset: name, error: errorText(err) });
      return { ok: false, error: errorText(err), conflict: isConflict(err) };
    }
  }

  /** Delete a template Service (NotFound: already gone); any other error is the outcome. */
  private async deleteService(namespace: string, name: string, log: Logger): Promise<WriteOutcome> {
    log.info('trying to clean up service', { service: name });
    try {
      await this.options.serviceClient.delete(namespace, name);
      return { ok: true };
    } catch (err) {
      if (isNotFound(err)) return { ok: true };
      log.warn('failed to delete service', { service: name, error: errorText(err) });
      return { ok: false, error: errorText(err), conflict: isConflict(err) };
    }
  }

  /**
   * Create the analysis's run (a collision with a run that cannot be adopted retries as `<name>.1`, …); any error is
   * a failed outcome (upstream: the analysis is Error, `Failed to create AnalysisRun for analysis …`).
   */
  private async createAnalysisRun(run: AnalysisRun, log: Logger): Promise<CreateOutcome<AnalysisRun>> {
    try {
      const created = await createAnalysisRunWithCollisionCounter(this.options.analysisRunClient, run, log);
      log.info('created analysisrun', { analysisrun: created.metadata?.name });
      return { ok: true, value: created };
    } catch (err) {
      log.warn('failed to create analysisrun', { analysisrun: run.metadata?.name, error: errorText(err) });
      return { ok: false, error: errorText(err) };
    }
  }

  /**
   * Recorded, still-running AnalysisRuns missing from the cache: GET them live; a failed GET (deleted) is passed to
   * the planner as that run's lookup error.
   */
  private async withLiveRuns(snap: ExperimentSnapshot, log: Logger): Promise<ExperimentSnapshot> {
    const missing = analysisRunsMissingFromCache(snap);
    if (missing.length === 0) return snap;
    const ns = snap.experiment.metadata?.namespace ?? '';
    const found: AnalysisRun[] = [];
    const errors = new Map<string, string>();
    for (const name of missing) {
      try {
        found.push(await this.options.analysisRunClient.get(ns, name));
        log.info('found analysis run missing from informer cache', { analysisrun: name });
      } catch (err) {
        errors.set(name, errorText(err));
      }
    }
    return { ...snap, analysisRuns: [...snap.analysisRuns, ...found], analysisRunLookupErrors: errors };
  }

  /**
   * Create the template's ReplicaSet. AlreadyExists: an equal RS of ours is claimed; otherwise the template's
   * collisionCount is bumped and the reconcile stops (requeued). Any other error: event ReplicaSetCreateError and a
   * failed outcome.
   */
  private async createReplicaSet(ex: Experiment, template: string, rs: V1ReplicaSet, log: Logger): Promise<ReplicaSetCreate> {
    const o = this.options;
    const ns = ex.metadata?.namespace ?? '';
    const rsName = rs.metadata?.name ?? '';
    try {
      const created = await o.replicaSetClient.create(ns, rs);
      this.versions.record(`replicaset/${ns}/${rsName}`, created);
      log.info('created replicaset', { replicaset: rsName });
      return { outcome: { ok: true, value: created } };
    } catch (err) {
      if (!isAlreadyExists(err)) {
        log.warn('failed to create replicaset', { replicaset: rsName, error: errorText(err) });
        o.recorder.event(ex, { reason: EVENT_REASON.ReplicaSetCreateError }, `Failed to create new replica set "${rsName}": ${errorText(err)}`);
        return { outcome: { ok: false, error: errorText(err) } };
      }
    }
    let existing: V1ReplicaSet;
    try {
      existing = o.replicaSets.get(ns, rsName) ?? (await o.replicaSetClient.get(ns, rsName));
    } catch (err) {
      return { outcome: { ok: false, error: errorText(err) } };
    }
    const equal =
      isControlledBy(existing, ex.metadata?.uid ?? '') &&
      existing.metadata?.annotations?.[ANNOTATION.ExperimentTemplateName] === template &&
      podTemplatesSemanticallyEqual(existing.spec?.template ?? {}, rs.spec?.template ?? {}, {});
    if (equal) {
      log.warn('claimed existing replicaset with equivalent template spec', { replicaset: rsName });
      return { outcome: { ok: true, value: existing } };
    }
    const statuses = structuredClone(ex.status?.templateStatuses ?? []);
    const ts = statuses.find((t) => t.name === template);
    if (ts !== undefined) ts.collisionCount = (ts.collisionCount ?? 0) + 1;
    else statuses.push({ name: template, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, collisionCount: 1 });
    log.warn('hash collision; bumping collisionCount', { replicaset: rsName, template });
    this.versions.record(`experiment/${ns}/${ex.metadata?.name ?? ''}`, await o.experimentClient.patchMerge(ns, ex.metadata?.name ?? '', { status: { templateStatuses: statuses } }));
    return { stop: { requeueAfterMs: REQUEUE_NOW_MS } };
  }

  /**
   * Create the template's Service. AlreadyExists: reuse it when it is the template's own (controlled by this
   * Experiment, both experiment annotations match), else a failed outcome with upstream's text.
   */
  private async createService(ex: Experiment, template: string, svc: V1Service, log: Logger): Promise<CreateOutcome<V1Service>> {
    const o = this.options;
    const ns = ex.metadata?.namespace ?? '';
    const svcName = svc.metadata?.name ?? '';
    try {
      const created = await o.serviceClient.create(ns, svc);
      log.info('created service', { service: svcName });
      return { ok: true, value: created };
    } catch (err) {
      // upstream also prints the whole Service object after the error
      if (!isAlreadyExists(err)) return { ok: false, error: `cannot create service: ${errorText(err)}` };
    }
    let existing: V1Service;
    try {
      existing = await o.serviceClient.get(ns, svcName);
    } catch (err) {
      return { ok: false, error: `did not get existing service with name ${svcName}: ${errorText(err)}` };
    }
    const annotations = existing.metadata?.annotations ?? {};
    const ours = isControlledBy(existing, ex.metadata?.uid ?? '') && annotations[ANNOTATION.ExperimentName] === ex.metadata?.name && annotations[ANNOTATION.ExperimentTemplateName] === template;
    if (!ours) return { ok: false, error: `service ${svcName} already exists and is not owned by experiment template ${template}` };
    return { ok: true, value: existing };
  }
}
