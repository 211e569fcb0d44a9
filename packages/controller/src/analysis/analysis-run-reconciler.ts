/**
 * The AnalysisRun reconciler: snapshot (informer cache) → `prepareAnalysisRun` (pure) → provider measurements (I/O,
 * in parallel) → `recordMeasurement` / `concludeAnalysisRun` (pure) → provider GC → one merge patch of `status` on
 * the AnalysisRun itself (the CRD has no status subresource) → events → requeue at the next measurement time.
 * A completed run is only garbage-collected by its `ttlStrategy`. An unchanged run issues no write.
 * parity: argo-rollouts analysis/controller.go syncHandler, analysis/analysis.go reconcileAnalysisRun, runMeasurements
 */
import type { AnalysisRun, Measurement, Metric } from '@serin/api';
import {
  type AnalysisEvent,
  type MetricTask,
  analysisRunStatusPatch,
  analysisRunTtlExpiresAtMs,
  concludeAnalysisRun,
  errorMeasurement,
  errorRunStatus,
  ANALYSIS_MESSAGE,
  isAnalysisRunTtlExceeded,
  isTerminating,
  metaTime,
  prepareAnalysisRun,
  recordMeasurement,
  redactSecrets,
  resolveMetricArgs,
  terminatedMeasurement,
} from '@serin/core';
import { isAnalysisPhaseCompleted } from '@serin/api';
import { type Clock, type EventRecorder, type Lister, type Logger, type ResourceClient, ResourceVersionTracker, StaleCacheError, isNotFound, silentLogger } from '@serin/kube';
import { type ProviderFactory, errorMessage } from './provider.js';
import { explainMetric } from './providers.js';
import { type SecretReader, resolveSecretArgs } from './secret-args.js';

export interface AnalysisRunReconcilerOptions {
  /** Informer cache (read-only). */
  readonly analysisRuns: Lister<AnalysisRun>;
  /** Writer: status goes through `patchMerge` on the main resource. */
  readonly analysisRunClient: ResourceClient<AnalysisRun>;
  /** Secrets for `valueFrom.secretKeyRef` arguments (GET only). */
  readonly secrets: SecretReader;
  /** Metric providers (see `createMetricProviders`). */
  readonly providers: ProviderFactory;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export interface AnalysisRunReconcileResult {
  readonly requeueAfterMs?: number;
}

/** The smallest delay the work queue treats as "requeue". */
const REQUEUE_NOW_MS = 1;

interface TaskOutcome {
  readonly task: MetricTask;
  readonly measurement: Measurement;
  readonly metadata?: Record<string, string>;
}

const redactRecord = (record: Record<string, string> | undefined, secrets: readonly string[]): Record<string, string> | undefined =>
  record === undefined ? undefined : Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redactSecrets(v, secrets)]));

export class AnalysisRunReconciler {
  private readonly versions = new ResourceVersionTracker();
  private readonly log: Logger;

  constructor(private readonly options: AnalysisRunReconcilerOptions) {
    this.log = options.logger ?? silentLogger;
  }

  async reconcile(namespace: string, name: string): Promise<AnalysisRunReconcileResult> {
    const key = `${namespace}/${name}`;
    const cached = this.options.analysisRuns.get(namespace, name);
    if (cached === undefined) {
      this.versions.forget(key);
      return {};
    }
    if (this.versions.isCacheStale(key, cached.metadata?.resourceVersion)) throw new StaleCacheError();
    const log = this.log.child({ namespace, analysisrun: name });
    const nowMs = this.options.clock.now();

    if (isAnalysisPhaseCompleted(cached.status?.phase)) return this.collectIfExpired(cached, log, nowMs);

    const run = structuredClone(cached);
    const prepared = prepareAnalysisRun(run, nowMs);
    if (prepared.kind === 'error') {
      log.warn(prepared.status.message ?? 'analysis run error');
      await this.persist(cached, prepared.status, prepared.events);
      return {};
    }

    log.info('taking measurements', { count: prepared.tasks.length });
    // parity: argo-rollouts analysis/analysis.go runMeasurements → resolveArgs runs on every reconcile of a
    // running run, measurements due or not: a secret deleted meanwhile fails the run at once
    const secretArgs = await resolveSecretArgs(run.spec.args, namespace, this.options.secrets);
    if ('error' in secretArgs) {
      const errored = errorRunStatus(run, ANALYSIS_MESSAGE.unableToResolveArgs(secretArgs.error));
      log.warn('unable to resolve metric arguments');
      await this.persist(cached, errored.status, errored.events);
      return {};
    }
    if (prepared.tasks.length > 0) {
      const resolved: Array<{ task: MetricTask; metric: Metric }> = [];
      for (const task of prepared.tasks) {
        const metric = resolveMetricArgs(run.spec.metrics[task.metricIndex] as Metric, secretArgs.args);
        if (!metric.ok) {
          const errored = errorRunStatus(run, ANALYSIS_MESSAGE.unableToResolveArgs(redactSecrets(metric.error, secretArgs.secrets)));
          await this.persist(cached, errored.status, errored.events);
          return {};
        }
        resolved.push({ task, metric: metric.value });
      }
      const terminating = isTerminating(run);
      const outcomes = await Promise.all(resolved.map(({ task, metric }) => this.measure(run, task, metric, terminating, log)));
      let results = [...(run.status?.metricResults ?? [])];
      for (const outcome of outcomes) {
        const current = results.find((r) => r.name === outcome.task.metricName);
        const explained = outcome.task.incompleteMeasurement === undefined ? redactRecord(explainMetric(resolved.find((r) => r.task === outcome.task)?.metric as Metric), secretArgs.secrets) : undefined;
        const measurement: Measurement = explained === undefined ? outcome.measurement : { ...outcome.measurement, metadata: { ...explained, ...(outcome.measurement.metadata ?? {}) } };
        const updated = recordMeasurement({
          metricName: outcome.task.metricName,
          result: current,
          measurement,
          replacesLast: outcome.task.incompleteMeasurement !== undefined,
          dryRun: prepared.dryRun.has(outcome.task.metricName),
          ...(outcome.metadata === undefined ? {} : { metadata: redactRecord(outcome.metadata, secretArgs.secrets) as Record<string, string> }),
          secrets: secretArgs.secrets,
          nowMs: this.options.clock.now(),
        });
        results = current === undefined ? [...results, updated] : results.map((r) => (r.name === updated.name ? updated : r));
        if (isAnalysisPhaseCompleted(measurement.phase)) log.info('measurement completed', { metric: outcome.task.metricName, phase: measurement.phase });
      }
      run.status = { ...(run.status ?? { phase: 'Pending' }), metricResults: results };
    }

    const concluded = concludeAnalysisRun(run, prepared, this.options.clock.now());
    for (const { metricName, limit } of concluded.trimmed) await this.garbageCollect(run, prepared.metrics.find((m) => m.name === metricName), limit, log);
    await this.persist(cached, concluded.status, concluded.events);
    if (concluded.nextReconcileAtMs === undefined) return {};
    const delay = Math.max(concluded.nextReconcileAtMs - this.options.clock.now(), REQUEUE_NOW_MS);
    log.info('enqueueing analysis', { afterMs: delay });
    return { requeueAfterMs: delay };
  }

  /** Run, resume or terminate one measurement; never throws. */
  private async measure(run: AnalysisRun, task: MetricTask, metric: Metric, terminating: boolean, log: Logger): Promise<TaskOutcome> {
    const nowMs = this.options.clock.now();
    const provider = this.options.providers(metric, run);
    if ('error' in provider) {
      log.error('error in getting metric provider', { metric: metric.name, error: provider.error });
      const base = task.incompleteMeasurement ?? { phase: 'Running', startedAt: metaTime(nowMs) };
      return { task, measurement: errorMeasurement({ ...base, phase: 'Error' }, provider.error, nowMs) };
    }
    try {
      if (task.incompleteMeasurement === undefined) {
        return { task, measurement: await provider.run(run, metric), ...(provider.metadata(metric) === undefined ? {} : { metadata: provider.metadata(metric) }) };
      }
      if (terminating) {
        log.info('terminating in-progress measurement', { metric: metric.name });
        return { task, measurement: terminatedMeasurement(await provider.terminate(run, metric, task.incompleteMeasurement)) };
      }
      return { task, measurement: await provider.resume(run, metric, task.incompleteMeasurement) };
    } catch (e) {
      return { task, measurement: errorMeasurement(task.incompleteMeasurement, errorMessage(e), this.options.clock.now()) };
    }
  }

  private async garbageCollect(run: AnalysisRun, metric: Metric | undefined, limit: number, log: Logger): Promise<void> {
    if (metric === undefined) return;
    const provider = this.options.providers(metric, run);
    if ('error' in provider) return;
    try {
      await provider.garbageCollect(run, metric, limit);
    } catch (e) {
      log.warn('failed to garbage collect measurements', { metric: metric.name, error: errorMessage(e) });
    }
  }

  /** One merge patch of `status` on the AnalysisRun when anything changed, then the events. */
  private async persist(cached: AnalysisRun, next: NonNullable<AnalysisRun['status']>, events: readonly AnalysisEvent[]): Promise<void> {
    const patch = analysisRunStatusPatch(cached.status, next);
    const ns = cached.metadata?.namespace ?? '';
    const name = cached.metadata?.name ?? '';
    if (patch !== undefined) {
      const written = await this.options.analysisRunClient.patchMerge(ns, name, patch);
      this.versions.record(`${ns}/${name}`, written.metadata?.resourceVersion);
    }
    // list items carry no kind: name it, or the recorder would file the event against a Rollout
    const involved: AnalysisRun = { ...cached, apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun' };
    for (const e of events) {
      if (e.type === 'Warning') this.options.recorder.warn(involved, { reason: e.reason }, e.message);
      else this.options.recorder.event(involved, { reason: e.reason }, e.message);
    }
  }

  /** TTL: delete a completed run once its TTL passed; otherwise come back when it will have. */
  private async collectIfExpired(run: AnalysisRun, log: Logger, nowMs: number): Promise<AnalysisRunReconcileResult> {
    if (run.metadata?.deletionTimestamp !== undefined && run.metadata.deletionTimestamp !== null) return {};
    if (isAnalysisRunTtlExceeded(run, nowMs)) {
      log.info('trying to cleanup TTL exceeded analysis run');
      try {
        await this.options.analysisRunClient.delete(run.metadata?.namespace ?? '', run.metadata?.name ?? '');
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return {};
    }
    const expiresAt = analysisRunTtlExpiresAtMs(run);
    return expiresAt === undefined ? {} : { requeueAfterMs: Math.max(expiresAt - nowMs, REQUEUE_NOW_MS) };
  }
}
