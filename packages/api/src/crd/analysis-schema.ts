/**
 * Schemas of AnalysisTemplate, ClusterAnalysisTemplate and AnalysisRun (metrics and every metric provider).
 * parity: argo-rollouts manifests/crds/analysis-template-crd.yaml, analysis-run-crd.yaml
 */
import type { AnalysisTemplate, AnalysisTemplateSpec, ClusterAnalysisTemplate, Metric } from '../types/analysis-template.js';
import type {
  AnalysisRun,
  AnalysisRunSpec,
  AnalysisRunStatus,
  Measurement,
  MetricResult,
  RunSummary,
  TTLStrategy,
} from '../types/analysis-run.js';
import type {
  Authentication,
  BasicAuthConfig,
  CloudWatchMetric,
  CloudWatchMetricDataQuery,
  CloudWatchMetricStat,
  CloudWatchMetricStatMetric,
  CloudWatchMetricStatMetricDimension,
  DatadogMetric,
  DatadogSecretRef,
  GraphiteMetric,
  InfluxdbMetric,
  JobMetric,
  KayentaMetric,
  KayentaScope,
  KayentaScopeDetail,
  KayentaThreshold,
  MetricProvider,
  NewRelicMetric,
  OAuth2Config,
  PrometheusMetric,
  PrometheusRangeQueryArgs,
  Sigv4Config,
  SkyWalkingMetric,
  WavefrontMetric,
  WebMetric,
  WebMetricHeader,
} from '../types/metric-providers.js';
import {
  arrayOf,
  boolean,
  dateTime,
  freeformObject,
  int32,
  int64,
  intOrString,
  type JSONSchemaProps,
  object,
  string,
  stringMap,
} from './schema.js';
import {
  analysisTemplateRefs,
  dryRun,
  type K8sSchemas,
  measurementRetention,
  podTemplateMetadata,
  templateArgs,
} from './shared-schemas.js';

const headers = (): JSONSchemaProps => arrayOf(object<WebMetricHeader>({ key: string(), value: string() }, ['key', 'value']));

const authentication = (): JSONSchemaProps =>
  object<Authentication>({
    sigv4: object<Sigv4Config>({ region: string(), profile: string(), roleArn: string() }),
    oauth2: object<OAuth2Config>({ tokenUrl: string(), clientId: string(), clientSecret: string(), scopes: arrayOf(string()) }),
    basicAuth: object<BasicAuthConfig>({ username: string(), password: string() }),
  });

const kayentaScopeDetail = (): JSONSchemaProps =>
  object<KayentaScopeDetail>({ scope: string(), region: string(), step: int64(), start: string(), end: string() }, [
    'region',
    'scope',
    'step',
  ]);

const cloudWatch = (): JSONSchemaProps =>
  object<CloudWatchMetric>(
    {
      interval: string(),
      metricDataQueries: arrayOf(
        object<CloudWatchMetricDataQuery>({
          id: string(),
          expression: string(),
          label: string(),
          metricStat: object<CloudWatchMetricStat>({
            metric: object<CloudWatchMetricStatMetric>({
              dimensions: arrayOf(object<CloudWatchMetricStatMetricDimension>({ name: string(), value: string() })),
              metricName: string(),
              namespace: string(),
            }),
            period: intOrString(),
            stat: string(),
            unit: string(),
          }),
          period: intOrString(),
          returnData: boolean(),
        }),
      ),
    },
    ['metricDataQueries'],
  );

const provider = (k8s: K8sSchemas): JSONSchemaProps =>
  object<MetricProvider>({
    prometheus: object<PrometheusMetric>({
      address: string(),
      query: string(),
      authentication: authentication(),
      timeout: int64(),
      insecure: boolean(),
      headers: headers(),
      rangeQuery: object<PrometheusRangeQueryArgs>({ start: string(), end: string(), step: string() }),
    }),
    kayenta: object<KayentaMetric>(
      {
        address: string(),
        application: string(),
        canaryConfigName: string(),
        metricsAccountName: string(),
        configurationAccountName: string(),
        storageAccountName: string(),
        threshold: object<KayentaThreshold>({ pass: int64(), marginal: int64() }, ['marginal', 'pass']),
        scopes: arrayOf(
          object<KayentaScope>(
            { name: string(), controlScope: kayentaScopeDetail(), experimentScope: kayentaScopeDetail() },
            ['controlScope', 'experimentScope', 'name'],
          ),
        ),
        lookback: boolean(),
      },
      [
        'address',
        'application',
        'canaryConfigName',
        'configurationAccountName',
        'metricsAccountName',
        'scopes',
        'storageAccountName',
        'threshold',
      ],
    ),
    web: object<WebMetric>(
      {
        method: string(),
        url: string(),
        headers: headers(),
        body: string(),
        timeoutSeconds: int64(),
        jsonPath: string(),
        insecure: boolean(),
        jsonBody: freeformObject(),
        authentication: authentication(),
      },
      ['url'],
    ),
    datadog: object<DatadogMetric>({
      interval: { type: 'string', default: '5m' },
      query: string(),
      queries: stringMap(),
      formula: string(),
      apiVersion: { type: 'string', default: 'v1', enum: ['v1', 'v2'] },
      aggregator: { type: 'string', enum: ['avg', 'min', 'max', 'sum', 'last', 'percentile', 'mean', 'l2norm', 'area'] },
      secretRef: object<DatadogSecretRef>({ name: string(), namespaced: boolean() }),
      requestTimeout: { type: 'string', default: '10s' },
    }),
    wavefront: object<WavefrontMetric>({ address: string(), query: string() }),
    newRelic: object<NewRelicMetric>({ profile: string(), query: string(), timeout: int64() }, ['query']),
    job: object<JobMetric>({ metadata: podTemplateMetadata(), spec: k8s.jobSpec }, ['spec']),
    cloudWatch: cloudWatch(),
    graphite: object<GraphiteMetric>({ address: string(), query: string() }),
    influxdb: object<InfluxdbMetric>({ profile: string(), query: string() }),
    skywalking: object<SkyWalkingMetric>({ address: string(), query: string(), interval: string() }),
    plugin: freeformObject(),
  });

const metrics = (k8s: K8sSchemas): JSONSchemaProps =>
  arrayOf(
    object<Metric>(
      {
        name: string(),
        interval: string(),
        initialDelay: string(),
        count: intOrString(),
        successCondition: string(),
        failureCondition: string(),
        failureLimit: intOrString(),
        inconclusiveLimit: intOrString(),
        consecutiveErrorLimit: intOrString(),
        provider: provider(k8s),
        consecutiveSuccessLimit: intOrString(),
      },
      ['name', 'provider'],
    ),
  );

const templateSpec = (k8s: K8sSchemas): JSONSchemaProps =>
  object<AnalysisTemplateSpec>({
    metrics: metrics(k8s),
    args: templateArgs(),
    dryRun: dryRun(),
    measurementRetention: measurementRetention(),
    templates: analysisTemplateRefs(),
  });

/** `openAPIV3Schema` of the AnalysisTemplate CRD. */
export const analysisTemplateSchema = (k8s: K8sSchemas): JSONSchemaProps =>
  object<AnalysisTemplate>(
    { apiVersion: string(), kind: string(), metadata: { type: 'object' }, spec: templateSpec(k8s) },
    ['spec'],
  );

/** `openAPIV3Schema` of the ClusterAnalysisTemplate CRD (same spec as AnalysisTemplate). */
export const clusterAnalysisTemplateSchema = (k8s: K8sSchemas): JSONSchemaProps =>
  object<ClusterAnalysisTemplate>(
    { apiVersion: string(), kind: string(), metadata: { type: 'object' }, spec: templateSpec(k8s) },
    ['spec'],
  );

const runSummary = (): JSONSchemaProps =>
  object<RunSummary>({ count: int32(), successful: int32(), failed: int32(), inconclusive: int32(), error: int32() });

const analysisRunStatus = (): JSONSchemaProps =>
  object<AnalysisRunStatus>(
    {
      phase: string(),
      message: string(),
      metricResults: arrayOf(
        object<MetricResult>(
          {
            name: string(),
            phase: string(),
            measurements: arrayOf(
              object<Measurement>(
                {
                  phase: string(),
                  message: string(),
                  startedAt: dateTime(),
                  finishedAt: dateTime(),
                  value: string(),
                  metadata: stringMap(),
                  resumeAt: dateTime(),
                },
                ['phase'],
              ),
            ),
            message: string(),
            count: int32(),
            successful: int32(),
            failed: int32(),
            inconclusive: int32(),
            error: int32(),
            consecutiveError: int32(),
            dryRun: boolean(),
            metadata: stringMap(),
            consecutiveSuccess: int32(),
          },
          ['name', 'phase'],
        ),
      ),
      startedAt: dateTime(),
      runSummary: runSummary(),
      dryRunSummary: runSummary(),
      completedAt: dateTime(),
    },
    ['phase'],
  );

/** `openAPIV3Schema` of the AnalysisRun CRD. */
export const analysisRunSchema = (k8s: K8sSchemas): JSONSchemaProps =>
  object<AnalysisRun>(
    {
      apiVersion: string(),
      kind: string(),
      metadata: { type: 'object' },
      spec: object<AnalysisRunSpec>(
        {
          metrics: metrics(k8s),
          args: templateArgs(),
          terminate: boolean(),
          dryRun: dryRun(),
          measurementRetention: measurementRetention(),
          ttlStrategy: object<TTLStrategy>({
            secondsAfterCompletion: int32(),
            secondsAfterFailure: int32(),
            secondsAfterSuccess: int32(),
          }),
        },
        ['metrics'],
      ),
      status: analysisRunStatus(),
    },
    ['spec'],
  );
