import type { AnalysisRun, Experiment, Metric, Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { analysisRunSamples, analysisTemplateSamples, calculateRolloutMetricPhase, dryRunMetricNames, experimentSamples, metricProviderType, rolloutSamples, strategyAndTrafficRouter } from './samples.js';

const rollout = (over: { strategy?: unknown; conditions?: Array<{ type: string; reason: string }>; replicas?: number; status?: Record<string, number> } = {}): Rollout =>
  ({
    metadata: { namespace: 'default', name: 'guestbook' },
    spec: {
      ...(over.replicas === undefined ? {} : { replicas: over.replicas }),
      strategy: over.strategy ?? { canary: {} },
      template: {},
    },
    status: { ...over.status, conditions: (over.conditions ?? []).map((c) => ({ ...c, status: 'True', message: '' })) },
  }) as unknown as Rollout;

describe('calculateRolloutMetricPhase (Progressing reason → phase)', () => {
  it.each([
    { name: 'no conditions', conditions: [], phase: 'Progressing' },
    { name: 'NewReplicaSetAvailable', conditions: [{ type: 'Progressing', reason: 'NewReplicaSetAvailable' }], phase: 'Completed' },
    { name: 'RolloutPaused', conditions: [{ type: 'Progressing', reason: 'RolloutPaused' }], phase: 'Paused' },
    { name: 'ReplicaSetCreateError', conditions: [{ type: 'Progressing', reason: 'ReplicaSetCreateError' }], phase: 'Error' },
    { name: 'ProgressDeadlineExceeded', conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }], phase: 'Timeout' },
    { name: 'RolloutAborted', conditions: [{ type: 'Progressing', reason: 'RolloutAborted' }], phase: 'Abort' },
    { name: 'ReplicaSetUpdated', conditions: [{ type: 'Progressing', reason: 'ReplicaSetUpdated' }], phase: 'Progressing' },
    { name: 'reason on another condition type', conditions: [{ type: 'Available', reason: 'NewReplicaSetAvailable' }], phase: 'Progressing' },
    { name: 'InvalidSpec wins', conditions: [{ type: 'Progressing', reason: 'NewReplicaSetAvailable' }, { type: 'InvalidSpec', reason: 'InvalidSpec' }], phase: 'InvalidSpec' },
  ])('$name → $phase', ({ conditions, phase }) => {
    expect(calculateRolloutMetricPhase(rollout({ conditions }))).toBe(phase);
  });
});

describe('strategyAndTrafficRouter', () => {
  it.each([
    { name: 'blue-green', strategy: { blueGreen: { activeService: 'a' } }, expected: { strategy: 'blueGreen', trafficRouter: '' } },
    { name: 'basic canary', strategy: { canary: {} }, expected: { strategy: 'canary', trafficRouter: '' } },
    { name: 'no strategy', strategy: {}, expected: { strategy: 'none', trafficRouter: '' } },
    { name: 'istio', strategy: { canary: { trafficRouting: { istio: {} } } }, expected: { strategy: 'canary', trafficRouter: 'Istio' } },
    { name: 'alb', strategy: { canary: { trafficRouting: { alb: { ingress: 'i' } } } }, expected: { strategy: 'canary', trafficRouter: 'ALB' } },
    { name: 'smi and nginx: later in upstream order wins', strategy: { canary: { trafficRouting: { smi: {}, nginx: {} } } }, expected: { strategy: 'canary', trafficRouter: 'SMI' } },
    { name: 'plugin only', strategy: { canary: { trafficRouting: { plugins: { x: {} } } } }, expected: { strategy: 'canary', trafficRouter: '' } },
  ])('$name', ({ strategy, expected }) => {
    expect(strategyAndTrafficRouter(rollout({ strategy }))).toEqual(expected);
  });
});

describe('rolloutSamples', () => {
  it('reports info, replica gauges (unavailable = replicas − available, desired defaults to 1) and the deprecated phase set', () => {
    const samples = rolloutSamples(rollout({ status: { replicas: 5, availableReplicas: 3, updatedReplicas: 2 }, conditions: [{ type: 'Progressing', reason: 'RolloutPaused' }] }));
    const id = { namespace: 'default', name: 'guestbook' };
    expect(samples).toEqual([
      { name: 'rollout_info', labels: { ...id, strategy: 'canary', traffic_router: '', phase: 'Paused' }, value: 1 },
      { name: 'rollout_info_replicas_available', labels: id, value: 3 },
      { name: 'rollout_info_replicas_unavailable', labels: id, value: 2 },
      { name: 'rollout_info_replicas_desired', labels: id, value: 1 },
      { name: 'rollout_info_replicas_updated', labels: id, value: 2 },
      ...['Completed', 'Progressing', 'Paused', 'Timeout', 'Error', 'Abort'].map((p) => ({ name: 'rollout_phase', labels: { ...id, strategy: 'canary', phase: p }, value: p === 'Paused' ? 1 : 0 })),
    ]);
  });

  it('uses spec.replicas for desired', () => {
    expect(rolloutSamples(rollout({ replicas: 7 })).find((s) => s.name === 'rollout_info_replicas_desired')?.value).toBe(7);
  });
});

describe('metricProviderType', () => {
  it.each([
    { provider: { prometheus: {} }, type: 'Prometheus' },
    { provider: { job: {} }, type: 'Job' },
    { provider: { web: {} }, type: 'Web' },
    { provider: { newRelic: {} }, type: 'NewRelic' },
    { provider: { cloudWatch: {} }, type: 'CloudWatch' },
    { provider: { skywalking: {} }, type: 'skywalking' },
    { provider: { plugin: { 'argoproj-labs/x': {} } }, type: 'RPCPlugin' },
    { provider: { web: {}, prometheus: {} }, type: 'Prometheus' },
    { provider: {}, type: 'Unknown Provider' },
  ])('$type', ({ provider, type }) => {
    expect(metricProviderType({ name: 'm', provider } as Metric)).toBe(type);
  });
});

describe('analysis and experiment samples', () => {
  const run = {
    metadata: { namespace: 'ns', name: 'run-1' },
    spec: { metrics: [{ name: 'success-rate', provider: { prometheus: {} } }, { name: 'latency', provider: { web: {} } }], dryRun: [{ metricName: 'lat.*' }] },
    status: { phase: 'Running', metricResults: [{ name: 'success-rate', phase: 'Successful' }] },
  } as unknown as AnalysisRun;

  it('analysis_run_info carries the phase; the deprecated gauge marks exactly that phase', () => {
    const s = analysisRunSamples(run);
    expect(s[0]).toEqual({ name: 'analysis_run_info', labels: { namespace: 'ns', name: 'run-1', phase: 'Running' }, value: 1 });
    expect(s.filter((x) => x.name === 'analysis_run_phase' && x.value === 1).map((x) => x.labels['phase'])).toEqual(['Running']);
  });

  it('per metric: type, dry_run from regex rules, phase Pending when there is no result yet', () => {
    const s = analysisRunSamples(run);
    expect(s.filter((x) => x.name === 'analysis_run_metric_type').map((x) => [x.labels['metric'], x.labels['type']])).toEqual([
      ['success-rate', 'Prometheus'],
      ['latency', 'Web'],
    ]);
    expect(s.filter((x) => x.name === 'analysis_run_metric_phase' && x.value === 1).map((x) => [x.labels['metric'], x.labels['dry_run'], x.labels['phase']])).toEqual([
      ['success-rate', 'false', 'Successful'],
      ['latency', 'true', 'Pending'],
    ]);
  });

  // parity: argo-rollouts utils/analysis/helpers.go GetDryRunMetrics (partial map kept by controller/metrics/analysis.go)
  it.each([
    { name: 'all rules match', rules: ['lat.*', 'success'], expected: ['latency', 'success-rate'] },
    { name: 'a rule matching nothing stops the scan; earlier matches kept', rules: ['lat.*', 'nomatch', 'success'], expected: ['latency'] },
    { name: 'first rule matches nothing: no dry-run metric', rules: ['nomatch', '.*'], expected: [] },
    { name: 'an invalid pattern matches nothing and stops the scan', rules: ['(', '.*'], expected: [] },
    { name: 'no rules', rules: [], expected: [] },
  ])('dry_run label: $name', ({ rules, expected }) => {
    const r = { ...run, spec: { ...run.spec, dryRun: rules.map((metricName) => ({ metricName })) } } as AnalysisRun;
    expect([...dryRunMetricNames(r)]).toEqual(expected);
    const trueLabels = new Set(analysisRunSamples(r).filter((x) => x.name === 'analysis_run_metric_phase' && x.labels['dry_run'] === 'true').map((x) => x.labels['metric']));
    expect([...trueLabels]).toEqual(['success-rate', 'latency'].filter((m) => expected.includes(m)));
  });

  it('analysis templates list one info series per metric', () => {
    expect(analysisTemplateSamples('', 'cluster-tpl', { metrics: [{ name: 'm', provider: { job: {} } } as Metric] })).toEqual([
      { name: 'analysis_template_info', labels: { namespace: '', name: 'cluster-tpl' }, value: 1 },
      { name: 'analysis_template_metric_info', labels: { namespace: '', name: 'cluster-tpl', type: 'Job', metric: 'm' }, value: 1 },
    ]);
  });

  it('an experiment without a phase counts as Pending in experiment_phase', () => {
    const s = experimentSamples({ metadata: { namespace: 'ns', name: 'exp' }, spec: { templates: [] } } as unknown as Experiment);
    expect(s[0]).toEqual({ name: 'experiment_info', labels: { namespace: 'ns', name: 'exp', phase: '' }, value: 1 });
    expect(s.filter((x) => x.value === 1 && x.name === 'experiment_phase').map((x) => x.labels['phase'])).toEqual(['Pending']);
  });
});
