/** Test-only: AnalysisTemplate / AnalysisRun / Experiment with every field the TS types declare (see `Complete`). */
import type { AnalysisTemplate, ClusterAnalysisTemplate, Metric } from '../types/analysis-template.js';
import type { AnalysisRun, Measurement, RunSummary } from '../types/analysis-run.js';
import type { Authentication, KayentaScopeDetail } from '../types/metric-providers.js';
import type { Experiment } from '../types/experiment.js';
import type { Complete } from './complete.js';

const T = '2026-11-27T10:00:00Z';
const authentication: Complete<Authentication> = {
  sigv4: { region: 'r', profile: 'p', roleArn: 'a' },
  oauth2: { tokenUrl: 'u', clientId: 'c', clientSecret: 's', scopes: ['x'] },
  basicAuth: { username: 'u', password: 'p' },
};
const scope: Complete<KayentaScopeDetail> = { scope: 's', region: 'r', step: 60, start: T, end: T };

const metric: Complete<Metric> = {
  name: 'm',
  interval: '1m',
  initialDelay: '10s',
  count: 3,
  successCondition: 'result[0] >= 0.9',
  failureCondition: 'result[0] < 0.5',
  failureLimit: '1',
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  consecutiveSuccessLimit: 0,
  provider: {
    prometheus: {
      address: 'http://prometheus',
      query: 'q',
      authentication,
      timeout: 30,
      insecure: false,
      headers: [{ key: 'k', value: 'v' }],
      rangeQuery: { start: 'now() - 5m', end: 'now()', step: '1m' },
    },
    kayenta: {
      address: 'a',
      application: 'app',
      canaryConfigName: 'c',
      metricsAccountName: 'm',
      configurationAccountName: 'c',
      storageAccountName: 's',
      threshold: { pass: 90, marginal: 75 },
      scopes: [{ name: 'default', controlScope: scope, experimentScope: scope }],
      lookback: true,
    },
    web: {
      method: 'POST',
      url: 'http://web',
      headers: [{ key: 'k', value: 'v' }],
      body: 'b',
      timeoutSeconds: 10,
      jsonPath: '{$.data}',
      insecure: true,
      jsonBody: { key: 'value' },
      authentication,
    },
    datadog: {
      interval: '5m',
      query: 'q',
      queries: { a: 'q' },
      formula: 'a',
      apiVersion: 'v2',
      aggregator: 'avg',
      secretRef: { name: 's', namespaced: true },
      requestTimeout: '10s',
    },
    wavefront: { address: 'a', query: 'q' },
    newRelic: { profile: 'p', query: 'q', timeout: 10 },
    job: {
      metadata: { labels: { a: 'b' }, annotations: { c: 'd' } },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } },
    },
    cloudWatch: {
      interval: '1m',
      metricDataQueries: [
        {
          id: 'q',
          expression: 'e',
          label: 'l',
          metricStat: {
            metric: { dimensions: [{ name: 'n', value: 'v' }], metricName: 'm', namespace: 'n' },
            period: 300,
            stat: 'Sum',
            unit: 'Count',
          },
          period: '300',
          returnData: true,
        },
      ],
    },
    graphite: { address: 'a', query: 'q' },
    influxdb: { profile: 'p', query: 'q' },
    skywalking: { address: 'a', query: 'q', interval: '1m' },
    plugin: { 'argoproj-labs/sample': { any: 'config' } },
  },
};

const templateSpec: Complete<AnalysisTemplate['spec']> = {
  metrics: [metric],
  args: [{ name: 'a', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, fieldRef: { fieldPath: 'metadata.name' } } }],
  dryRun: [{ metricName: 'm' }],
  measurementRetention: [{ metricName: 'm', limit: 5 }],
  templates: [{ templateName: 't', clusterScope: true }],
};

export const COMPLETE_ANALYSIS_TEMPLATE: Complete<AnalysisTemplate> = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name: 'complete' },
  spec: templateSpec,
};

export const COMPLETE_CLUSTER_ANALYSIS_TEMPLATE: Complete<ClusterAnalysisTemplate> = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ClusterAnalysisTemplate',
  metadata: { name: 'complete' },
  spec: templateSpec,
};

const summary: Complete<RunSummary> = { count: 1, successful: 1, failed: 0, inconclusive: 0, error: 0 };
const measurement: Complete<Measurement> = {
  phase: 'Successful',
  message: 'm',
  startedAt: T,
  finishedAt: T,
  value: '[0.99]',
  metadata: { 'job-name': 'j' },
  resumeAt: T,
};

export const COMPLETE_ANALYSIS_RUN: Complete<AnalysisRun> = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisRun',
  metadata: { name: 'complete' },
  spec: {
    metrics: [metric],
    args: templateSpec.args,
    terminate: false,
    dryRun: [{ metricName: 'm' }],
    measurementRetention: [{ metricName: 'm', limit: 5 }],
    ttlStrategy: { secondsAfterCompletion: 60, secondsAfterFailure: 60, secondsAfterSuccess: 60 },
  },
  status: {
    phase: 'Successful',
    message: 'm',
    metricResults: [
      {
        name: 'm',
        phase: 'Successful',
        measurements: [measurement],
        message: 'm',
        count: 1,
        successful: 1,
        failed: 0,
        inconclusive: 0,
        error: 0,
        consecutiveError: 0,
        dryRun: false,
        metadata: { a: 'b' },
        consecutiveSuccess: 1,
      },
    ],
    startedAt: T,
    runSummary: summary,
    dryRunSummary: summary,
    completedAt: T,
  },
};

export const COMPLETE_EXPERIMENT: Complete<Experiment> = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Experiment',
  metadata: { name: 'complete' },
  spec: {
    templates: [
      {
        name: 't',
        replicas: 1,
        minReadySeconds: 0,
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
        service: { name: 's' },
      },
    ],
    duration: '5m',
    progressDeadlineSeconds: 600,
    terminate: false,
    analyses: [{ name: 'a', templateName: 't', clusterScope: false, args: templateSpec.args, requiredForCompletion: true }],
    scaleDownDelaySeconds: 30,
    dryRun: [{ metricName: 'm' }],
    measurementRetention: [{ metricName: 'm', limit: 5 }],
    analysisRunMetadata: { labels: { a: 'b' }, annotations: { c: 'd' } },
  },
  status: {
    phase: 'Running',
    message: 'm',
    templateStatuses: [
      {
        name: 't',
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        collisionCount: 0,
        status: 'Running',
        message: 'm',
        lastTransitionTime: T,
        serviceName: 's',
        podTemplateHash: 'h',
      },
    ],
    availableAt: T,
    conditions: [{ type: 'Running', status: 'True', lastUpdateTime: T, lastTransitionTime: T, reason: 'r', message: 'm' }],
    analysisRuns: [{ name: 'a', analysisRun: 'complete-a', phase: 'Running', message: 'm' }],
  },
};
