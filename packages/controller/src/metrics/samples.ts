/**
 * Scrape-time gauge samples computed from cached objects, with upstream's names, labels and values.
 * Pure: one object in, its samples out.
 * parity: argo-rollouts controller/metrics/rollouts.go, analysis.go, experiments.go
 */
import { type AnalysisRun, type AnalysisTemplateSpec, type Experiment, type Metric, type Rollout, CONDITION_REASON, ROLLOUT_CONDITION_TYPE, getReplicasOrDefault } from '@serin/api';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

/** `phase` label of `rollout_info` / `rollout_phase`. */
export const RolloutMetricPhase = {
  InvalidSpec: 'InvalidSpec',
  Completed: 'Completed',
  Progressing: 'Progressing',
  Paused: 'Paused',
  Timeout: 'Timeout',
  Error: 'Error',
  Abort: 'Abort',
} as const;
export type RolloutMetricPhase = (typeof RolloutMetricPhase)[keyof typeof RolloutMetricPhase];

/** Phases `rollout_phase` reports, in upstream's order (InvalidSpec is not among them). */
const DeprecatedRolloutPhases: readonly RolloutMetricPhase[] = ['Completed', 'Progressing', 'Paused', 'Timeout', 'Error', 'Abort'];

/**
 * Phase from the Progressing condition reason: NewReplicaSetAvailable → Completed,
 * RolloutPaused → Paused, ReplicaSetCreateError → Error, ProgressDeadlineExceeded → Timeout,
 * RolloutAborted → Abort, else Progressing; any InvalidSpec condition → InvalidSpec.
 */
export function calculateRolloutMetricPhase(rollout: Rollout): RolloutMetricPhase {
  const conditions = rollout.status?.conditions ?? [];
  if (conditions.some((c) => c.type === ROLLOUT_CONDITION_TYPE.InvalidSpec)) return RolloutMetricPhase.InvalidSpec;
  const reason = conditions.find((c) => c.type === ROLLOUT_CONDITION_TYPE.Progressing)?.reason;
  switch (reason) {
    case CONDITION_REASON.NewReplicaSetAvailable:
      return RolloutMetricPhase.Completed;
    case CONDITION_REASON.RolloutPaused:
      return RolloutMetricPhase.Paused;
    case CONDITION_REASON.ReplicaSetCreateError:
      return RolloutMetricPhase.Error;
    case CONDITION_REASON.ProgressDeadlineExceeded:
      return RolloutMetricPhase.Timeout;
    case CONDITION_REASON.RolloutAborted:
      return RolloutMetricPhase.Abort;
    default:
      return RolloutMetricPhase.Progressing;
  }
}

/**
 * `strategy` ∈ blueGreen | canary | none; `traffic_router` for canaries: the last configured of
 * ALB, Ambassador, Istio, Nginx, SMI, AppMesh (upstream checks them in that order, later wins), else "".
 */
export function strategyAndTrafficRouter(rollout: Rollout): { strategy: string; trafficRouter: string } {
  const strategy = rollout.spec?.strategy;
  if (strategy?.blueGreen !== undefined && strategy.blueGreen !== null) return { strategy: 'blueGreen', trafficRouter: '' };
  if (strategy?.canary === undefined || strategy.canary === null) return { strategy: 'none', trafficRouter: '' };
  const tr = strategy.canary.trafficRouting;
  let trafficRouter = '';
  if (tr !== undefined && tr !== null) {
    const routers: ReadonlyArray<readonly [unknown, string]> = [
      [tr.alb, 'ALB'],
      [tr.ambassador, 'Ambassador'],
      [tr.istio, 'Istio'],
      [tr.nginx, 'Nginx'],
      [tr.smi, 'SMI'],
      [tr.appMesh, 'AppMesh'],
    ];
    for (const [block, name] of routers) if (block !== undefined && block !== null) trafficRouter = name;
  }
  return { strategy: 'canary', trafficRouter };
}

const bool = (b: boolean): number => (b ? 1 : 0);

/** rollout_info, rollout_info_replicas_{available,unavailable,desired,updated}, rollout_phase. */
export function rolloutSamples(rollout: Rollout): Sample[] {
  const id = { namespace: rollout.metadata?.namespace ?? '', name: rollout.metadata?.name ?? '' };
  const { strategy, trafficRouter } = strategyAndTrafficRouter(rollout);
  const phase = calculateRolloutMetricPhase(rollout);
  const status = rollout.status ?? {};
  const available = status.availableReplicas ?? 0;
  return [
    { name: 'rollout_info', labels: { ...id, strategy, traffic_router: trafficRouter, phase }, value: 1 },
    { name: 'rollout_info_replicas_available', labels: id, value: available },
    { name: 'rollout_info_replicas_unavailable', labels: id, value: (status.replicas ?? 0) - available },
    { name: 'rollout_info_replicas_desired', labels: id, value: getReplicasOrDefault(rollout) },
    { name: 'rollout_info_replicas_updated', labels: id, value: status.updatedReplicas ?? 0 },
    ...DeprecatedRolloutPhases.map((p) => ({ name: 'rollout_phase', labels: { ...id, strategy, phase: p }, value: bool(phase === p) })),
  ];
}

/** Provider type name as upstream's `metricproviders.Type` (first configured provider wins). */
export function metricProviderType(metric: Metric): string {
  const p = metric.provider ?? {};
  const order: ReadonlyArray<readonly [unknown, string]> = [
    [p.prometheus, 'Prometheus'],
    [p.job, 'Job'],
    [p.kayenta, 'Kayenta'],
    [p.web, 'Web'],
    [p.datadog, 'Datadog'],
    [p.wavefront, 'Wavefront'],
    [p.newRelic, 'NewRelic'],
    [p.cloudWatch, 'CloudWatch'],
    [p.graphite, 'Graphite'],
    [p.influxdb, 'Influxdb'],
    [p.skywalking, 'skywalking'],
    [p.plugin, 'RPCPlugin'],
  ];
  return order.find(([block]) => block !== undefined && block !== null)?.[1] ?? 'Unknown Provider';
}

/** Analysis phases the deprecated `*_phase` gauges enumerate, in upstream's order. */
const AnalysisRunPhases = ['Pending', 'Error', 'Failed', 'Successful', 'Running', 'Inconclusive'] as const;
const ExperimentPhases = ['Pending', 'Error', 'Successful', 'Running', 'Inconclusive'] as const;

/**
 * Metric names the dryRun rules mark (regex, unanchored, as Go's regexp.MatchString). Rules apply in
 * order and the first rule that matches no metric ends the scan: the names found so far are kept,
 * later rules are not applied (upstream's collector uses GetDryRunMetrics' partial map and drops its error).
 * parity: argo-rollouts controller/metrics/analysis.go collectAnalysisRuns, utils/analysis/helpers.go GetDryRunMetrics
 */
export function dryRunMetricNames(run: AnalysisRun): Set<string> {
  const names = new Set<string>();
  const metrics = run.spec?.metrics ?? [];
  for (const rule of run.spec?.dryRun ?? []) {
    const matched = metrics.filter((m) => matchesPattern(rule.metricName, m.name));
    if (matched.length === 0) break;
    for (const m of matched) names.add(m.name);
  }
  return names;
}

/** Invalid patterns match nothing (Go ignores MatchString's error). */
function matchesPattern(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}

/** analysis_run_info, analysis_run_phase, analysis_run_metric_type, analysis_run_metric_phase. */
export function analysisRunSamples(run: AnalysisRun): Sample[] {
  const id = { namespace: run.metadata?.namespace ?? '', name: run.metadata?.name ?? '' };
  const phase: string = run.status?.phase ?? '';
  const out: Sample[] = [{ name: 'analysis_run_info', labels: { ...id, phase }, value: 1 }];
  for (const p of AnalysisRunPhases) out.push({ name: 'analysis_run_phase', labels: { ...id, phase: p }, value: bool(phase === p || (p === 'Pending' && phase === '')) });
  const dryRun = dryRunMetricNames(run);
  for (const metric of run.spec?.metrics ?? []) {
    const type = metricProviderType(metric);
    out.push({ name: 'analysis_run_metric_type', labels: { ...id, metric: metric.name, type }, value: 1 });
    const metricPhase: string = run.status?.metricResults?.find((r) => r.name === metric.name)?.phase ?? '';
    for (const p of AnalysisRunPhases) {
      out.push({
        name: 'analysis_run_metric_phase',
        labels: { ...id, metric: metric.name, type, dry_run: String(dryRun.has(metric.name)), phase: p },
        value: bool(metricPhase === p || (p === 'Pending' && metricPhase === '')),
      });
    }
  }
  return out;
}

/** analysis_template_info and analysis_template_metric_info (namespace "" for cluster templates). */
export function analysisTemplateSamples(namespace: string, name: string, spec: AnalysisTemplateSpec | undefined): Sample[] {
  const id = { namespace, name };
  return [
    { name: 'analysis_template_info', labels: id, value: 1 },
    ...(spec?.metrics ?? []).map((m) => ({ name: 'analysis_template_metric_info', labels: { ...id, type: metricProviderType(m), metric: m.name }, value: 1 })),
  ];
}

/** experiment_info and experiment_phase. */
export function experimentSamples(experiment: Experiment): Sample[] {
  const id = { namespace: experiment.metadata?.namespace ?? '', name: experiment.metadata?.name ?? '' };
  const phase: string = experiment.status?.phase ?? '';
  return [
    { name: 'experiment_info', labels: { ...id, phase }, value: 1 },
    ...ExperimentPhases.map((p) => ({ name: 'experiment_phase', labels: { ...id, phase: p }, value: bool(phase === p || (p === 'Pending' && phase === '')) })),
  ];
}
