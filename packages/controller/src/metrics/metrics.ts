/**
 * The controller's Prometheus registry, with Argo's metric names, label sets and HELP text so
 * existing dashboards and alerts keep working:
 *  - gauges recomputed from the informer caches at scrape time (`rollout_info`, …);
 *  - `rollout_reconcile` / `analysis_run_reconcile` / `experiment_reconcile` histograms
 *    (buckets 0.01, 0.15, 0.25, 0.5, 1 s) and `*_reconcile_error` counters, fed per reconcile;
 *  - `rollout_events_total`, fed by the event recorder; `notification_send_success` /
 *    `notification_send_error` counters and `notification_send` histogram, fed by `recordNotification`;
 *  - `controller_clientset_k8s_request_total`, fed by the kube client's request counter;
 *  - client-go work-queue metrics Serin can report: `workqueue_depth`, `workqueue_adds_total`,
 *    `workqueue_retries_total`, `workqueue_work_duration_seconds`;
 *  - `argo_rollouts_controller_info{version}` = 1, `build_info`, and Node process metrics.
 * parity: argo-rollouts controller/metrics/prommetrics.go, metrics.go
 */
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate, Experiment, Rollout, RolloutDurationStatus } from '@serin/api';
import type { Lister, RecordedEvent, RequestCounter, RequestLabels } from '@serin/kube';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type Sample, analysisRunSamples, analysisTemplateSamples, experimentSamples, rolloutSamples } from './samples.js';

const nsName = ['namespace', 'name'] as const;
export const ReconcileBuckets: readonly number[] = [0.01, 0.15, 0.25, 0.5, 1];
/** client-go's workqueue duration buckets: 10 ns · 10^k, k = 0…9. */
const WorkDurationBuckets: number[] = Array.from({ length: 10 }, (_, k) => Number((10e-9 * 10 ** k).toPrecision(1)));

/** Scrape-time gauges: name → HELP and label names (upstream's descriptors). */
export const InfoGauges = {
  rollout_info: { help: 'Information about rollout.', labels: [...nsName, 'strategy', 'traffic_router', 'phase'] },
  rollout_info_replicas_available: { help: 'The number of available replicas per rollout.', labels: nsName },
  rollout_info_replicas_unavailable: { help: 'The number of unavailable replicas per rollout.', labels: nsName },
  rollout_info_replicas_desired: { help: 'The number of desired replicas per rollout.', labels: nsName },
  rollout_info_replicas_updated: { help: 'The number of updated replicas per rollout.', labels: nsName },
  rollout_phase: { help: 'Information on the state of the rollout (DEPRECATED - use rollout_info)', labels: [...nsName, 'strategy', 'phase'] },
  analysis_run_info: { help: 'Information about analysis run.', labels: [...nsName, 'phase'] },
  analysis_run_phase: { help: 'Information on the state of the Analysis Run (DEPRECATED - use analysis_run_info)', labels: [...nsName, 'phase'] },
  analysis_run_metric_type: { help: 'Information on the type of a specific metric in the Analysis Runs', labels: [...nsName, 'metric', 'type'] },
  analysis_run_metric_phase: { help: 'Information on the duration of a specific metric in the Analysis Run', labels: [...nsName, 'metric', 'type', 'dry_run', 'phase'] },
  analysis_template_info: { help: 'Information about analysis templates.', labels: nsName },
  analysis_template_metric_info: { help: 'Information on metrics in analysis templates.', labels: [...nsName, 'type', 'metric'] },
  experiment_info: { help: 'Information about Experiment.', labels: [...nsName, 'phase'] },
  experiment_phase: { help: 'Information on the state of the experiment (DEPRECATED - use experiment_info)', labels: [...nsName, 'phase'] },
} as const satisfies Record<string, { help: string; labels: readonly string[] }>;
type InfoGaugeName = keyof typeof InfoGauges;

/** Kinds with a reconcile histogram and error counter. */
export const ReconcileKind = { Rollout: 'rollout', AnalysisRun: 'analysis_run', Experiment: 'experiment' } as const;
export type ReconcileKind = (typeof ReconcileKind)[keyof typeof ReconcileKind];

const reconcileHelp: Readonly<Record<ReconcileKind, { histogram: string; error: string }>> = {
  rollout: { histogram: 'Rollout reconciliation performance.', error: 'Error occurring during the rollout' },
  analysis_run: { histogram: 'Analysis Run reconciliation performance.', error: 'Error occurring during the analysis run' },
  experiment: { histogram: 'Experiments reconciliation performance.', error: 'Error occurring during the experiment' },
};

export interface MetricsListers {
  readonly rollouts?: Lister<Rollout>;
  readonly analysisRuns?: Lister<AnalysisRun>;
  readonly analysisTemplates?: Lister<AnalysisTemplate>;
  readonly clusterAnalysisTemplates?: Lister<ClusterAnalysisTemplate>;
  readonly experiments?: Lister<Experiment>;
}

/** A work queue as the metrics read it at scrape time; `metrics()` (adds after dedup, rate-limited retries) is optional. */
export interface MetricsQueue {
  readonly name: string;
  len(): number;
  metrics?(): { readonly adds: number; readonly retries: number };
}

export interface ControllerMetricsOptions {
  /** `argo_rollouts_controller_info{version}` and `build_info{version}`. */
  readonly version: string;
  /** Node process / runtime metrics (default true). */
  readonly processMetrics?: boolean;
}

export class ControllerMetrics {
  readonly registry = new Registry();
  private listers: MetricsListers = {};
  private readonly gauges: Record<InfoGaugeName, Gauge<string>>;
  private readonly histograms: Record<ReconcileKind, Histogram<string>>;
  private readonly errors: Record<ReconcileKind, Counter<string>>;
  private readonly events: Counter<string>;
  /** `namespace/name` → the `type`/`reason` pairs counted in `rollout_events_total` (for removal by object). */
  private readonly eventSeries = new Map<string, Array<{ type: string; reason: string }>>();
  private readonly requests: Counter<string>;
  private readonly notificationSuccess: Counter<string>;
  private readonly notificationError: Counter<string>;
  private readonly notificationSend: Histogram<string>;
  /** `namespace/name` → type/reason pairs of the notification counters (for removal by object). */
  private readonly notificationSeries = new Map<string, Array<{ type: string; reason: string }>>();
  private readonly queueDepth: Gauge<string>;
  private readonly queueWork: Histogram<string>;
  private readonly queueAdds: Counter<string>;
  private readonly queueRetries: Counter<string>;
  private readonly queues: MetricsQueue[] = [];
  private readonly durationTotal: Histogram<string>;
  private readonly durationProgression: Histogram<string>;
  private readonly durationManualPause: Histogram<string>;

  constructor(options: ControllerMetricsOptions) {
    const registers = [this.registry];
    const gauges: Partial<Record<InfoGaugeName, Gauge<string>>> = {};
    for (const [name, d] of Object.entries(InfoGauges) as Array<[InfoGaugeName, { help: string; labels: readonly string[] }]>) {
      gauges[name] = new Gauge({ name, help: d.help, labelNames: [...d.labels], registers });
    }
    this.gauges = gauges as Record<InfoGaugeName, Gauge<string>>;
    const histograms: Partial<Record<ReconcileKind, Histogram<string>>> = {};
    const errors: Partial<Record<ReconcileKind, Counter<string>>> = {};
    for (const kind of Object.values(ReconcileKind)) {
      histograms[kind] = new Histogram({ name: `${kind}_reconcile`, help: reconcileHelp[kind].histogram, labelNames: [...nsName], buckets: [...ReconcileBuckets], registers });
      errors[kind] = new Counter({ name: `${kind}_reconcile_error`, help: reconcileHelp[kind].error, labelNames: [...nsName], registers });
    }
    this.histograms = histograms as Record<ReconcileKind, Histogram<string>>;
    this.errors = errors as Record<ReconcileKind, Counter<string>>;
    this.events = new Counter({ name: 'rollout_events_total', help: 'Count of rollout events', labelNames: [...nsName, 'type', 'reason'], registers });
    this.notificationSuccess = new Counter({ name: 'notification_send_success', help: 'Notification send success.', labelNames: [...nsName, 'type', 'reason'], registers });
    this.notificationError = new Counter({ name: 'notification_send_error', help: 'Error sending the notification', labelNames: [...nsName, 'type', 'reason'], registers });
    this.notificationSend = new Histogram({ name: 'notification_send', help: 'Notification send performance.', labelNames: [...nsName], buckets: [...ReconcileBuckets], registers });
    this.requests = new Counter({
      name: 'controller_clientset_k8s_request_total',
      help: 'Number of kubernetes requests executed during application reconciliation.',
      labelNames: ['kind', 'namespace', 'name', 'verb', 'status_code'],
      registers,
    });
    this.durationTotal = new Histogram({
      name: 'rollout_duration_seconds',
      help: 'Total wall-clock time for a rollout from start to completion/abort/supersede',
      labelNames: ['status'],
      buckets: [30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800],
      registers,
    });
    this.durationProgression = new Histogram({
      name: 'rollout_progression_duration_seconds',
      help: 'Active progression time for a rollout (excluding manual pause time)',
      labelNames: ['status'],
      buckets: [30, 60, 120, 300, 600, 900, 1800, 3600],
      registers,
    });
    this.durationManualPause = new Histogram({
      name: 'rollout_manual_pause_duration_seconds',
      help: 'Time spent in manual pause waiting for human intervention',
      labelNames: ['status'],
      buckets: [0, 60, 300, 600, 1800, 3600, 7200, 14400, 28800],
      registers,
    });
    // client-go work-queue metrics (k8s.io/component-base workqueue provider): the exact subset Serin can report
    this.queueDepth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name'], registers });
    this.queueWork = new Histogram({
      name: 'workqueue_work_duration_seconds',
      help: 'How long in seconds processing an item from workqueue takes.',
      labelNames: ['name'],
      buckets: WorkDurationBuckets,
      registers,
    });
    this.queueAdds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: ['name'], registers });
    this.queueRetries = new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames: ['name'], registers });
    new Gauge({ name: 'argo_rollouts_controller_info', help: 'Running Argo-rollouts version', labelNames: ['version'], registers }).set({ version: options.version }, 1);
    new Gauge({
      name: 'build_info',
      help: "A metric with a constant '1' value labeled by version from which Argo-Rollouts was built.",
      labelNames: ['version', 'goversion', 'goarch', 'commit'],
      registers,
    }).set({ version: options.version, goversion: process.version, goarch: process.arch, commit: '' }, 1);
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** The caches scrape-time gauges read (set once informers exist). */
  setListers(listers: MetricsListers): void {
    this.listers = listers;
  }

  observeReconcile(kind: ReconcileKind, namespace: string, name: string, seconds: number): void {
    this.histograms[kind].observe({ namespace, name }, seconds);
  }

  incReconcileError(kind: ReconcileKind, namespace: string, name: string): void {
    this.errors[kind].inc({ namespace, name });
  }

  /**
   * Drop per-object series of a deleted object (upstream `MetricsServer.Remove`): its reconcile
   * histogram and error counter and its `notification_send*` series; for a Rollout also every
   * `rollout_events_total` series of that namespace/name (upstream deletes them by partial label match).
   */
  remove(kind: ReconcileKind, namespace: string, name: string): void {
    this.histograms[kind].remove({ namespace, name });
    this.errors[kind].remove({ namespace, name });
    const key = `${namespace}/${name}`;
    this.notificationSend.remove({ namespace, name });
    for (const { type, reason } of this.notificationSeries.get(key) ?? []) {
      this.notificationSuccess.remove({ namespace, name, type, reason });
      this.notificationError.remove({ namespace, name, type, reason });
    }
    this.notificationSeries.delete(key);
    if (kind !== ReconcileKind.Rollout) return;
    for (const { type, reason } of this.eventSeries.get(key) ?? []) this.events.remove({ namespace, name, type, reason });
    this.eventSeries.delete(key);
  }

  /** EventRecorder `onEvent` hook. */
  recordEvent(event: RecordedEvent): void {
    // parity: argo-rollouts utils/record/record.go defaultEventf — only Rollout events are counted
    if (event.kind !== 'Rollout') return;
    const key = `${event.namespace}/${event.name}`;
    const series = this.eventSeries.get(key) ?? [];
    if (!series.some((s) => s.type === event.type && s.reason === event.reason)) series.push({ type: event.type, reason: event.reason });
    this.eventSeries.set(key, series);
    this.events.inc({ namespace: event.namespace, name: event.name, type: event.type, reason: event.reason });
  }

  /**
   * One notification sent for an object's event: `notification_send{namespace,name}` observes the
   * send time; `notification_send_success` or `notification_send_error{…,type,reason}` counts it.
   * parity: argo-rollouts controller/metrics/metrics.go (Metric Notification*), utils/record/record.go
   */
  recordNotification(sent: { namespace: string; name: string; type: string; reason: string; seconds: number; ok: boolean }): void {
    const { namespace, name, type, reason } = sent;
    const key = `${namespace}/${name}`;
    const series = this.notificationSeries.get(key) ?? [];
    if (!series.some((s) => s.type === type && s.reason === reason)) series.push({ type, reason });
    this.notificationSeries.set(key, series);
    this.notificationSend.observe({ namespace, name }, sent.seconds);
    (sent.ok ? this.notificationSuccess : this.notificationError).inc({ namespace, name, type, reason });
  }

  /** Count every request the kube client makes from now on, plus those already made. */
  bindRequestCounter(counter: RequestCounter): void {
    for (const { labels, count } of counter.entries()) this.requests.inc(requestLabels(labels), count);
    counter.onRequest((labels) => this.requests.inc(requestLabels(labels)));
  }

  /**
   * A finished rollout's durations, labelled by `completionStatus`: total = finishedAt − rolloutStartedAt,
   * manual pause = totalManualPauseDurationSeconds, progression = total − manual pause. Nothing unless
   * started, finished and a completion status are all set.
   * parity: argo-rollouts controller/metrics/metrics.go EmitRolloutDuration
   */
  emitRolloutDuration(duration: RolloutDurationStatus | undefined): void {
    const started = Date.parse(duration?.rolloutStartedAt ?? '');
    const finished = Date.parse(duration?.finishedAt ?? '');
    const status = duration?.completionStatus ?? '';
    if (Number.isNaN(started) || Number.isNaN(finished) || status === '') return;
    const totalSeconds = (finished - started) / 1000;
    const manualSeconds = duration?.totalManualPauseDurationSeconds ?? 0;
    this.durationTotal.observe({ status }, totalSeconds);
    this.durationProgression.observe({ status }, totalSeconds - manualSeconds);
    this.durationManualPause.observe({ status }, manualSeconds);
  }

  /** Report `workqueue_depth{name}` (and, when the queue counts them, `workqueue_adds_total` / `workqueue_retries_total`) at every scrape. */
  registerQueue(queue: MetricsQueue): void {
    this.queues.push(queue);
  }

  /** `workqueue_work_duration_seconds{name}`: one processed item. */
  observeWork(queueName: string, seconds: number): void {
    this.queueWork.observe({ name: queueName }, seconds);
  }

  /** Recompute the scrape-time gauges from the caches. */
  refresh(): void {
    this.queueAdds.reset();
    this.queueRetries.reset();
    for (const q of this.queues) {
      this.queueDepth.set({ name: q.name }, q.len());
      const counts = q.metrics?.();
      if (counts === undefined) continue;
      this.queueAdds.inc({ name: q.name }, counts.adds);
      this.queueRetries.inc({ name: q.name }, counts.retries);
    }
    for (const g of Object.values(this.gauges)) g.reset();
    const { rollouts, analysisRuns, analysisTemplates, clusterAnalysisTemplates, experiments } = this.listers;
    const set = (samples: readonly Sample[]): void => {
      for (const s of samples) this.gauges[s.name as InfoGaugeName].set(s.labels, s.value);
    };
    for (const r of rollouts?.list() ?? []) set(rolloutSamples(r));
    for (const r of analysisRuns?.list() ?? []) set(analysisRunSamples(r));
    for (const t of analysisTemplates?.list() ?? []) set(analysisTemplateSamples(t.metadata?.namespace ?? '', t.metadata?.name ?? '', t.spec));
    for (const t of clusterAnalysisTemplates?.list() ?? []) set(analysisTemplateSamples(t.metadata?.namespace ?? '', t.metadata?.name ?? '', t.spec));
    for (const e of experiments?.list() ?? []) set(experimentSamples(e));
  }

  /** Prometheus text exposition, gauges refreshed first. */
  async text(): Promise<string> {
    this.refresh();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function requestLabels(l: RequestLabels): Record<string, string> {
  return { kind: l.kind, namespace: l.namespace, name: l.name, verb: l.verb, status_code: l.statusCode };
}
