/**
 * `metrics[].provider`: exactly one provider per metric.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/analysis_types.go MetricProvider
 */
import type { V1JobSpec } from '@kubernetes/client-node';
import type { DurationString, IntOrString, JsonValue, PodTemplateMetadata } from './common.js';

export interface MetricProvider {
  prometheus?: PrometheusMetric;
  kayenta?: KayentaMetric;
  web?: WebMetric;
  datadog?: DatadogMetric;
  wavefront?: WavefrontMetric;
  newRelic?: NewRelicMetric;
  job?: JobMetric;
  cloudWatch?: CloudWatchMetric;
  graphite?: GraphiteMetric;
  influxdb?: InfluxdbMetric;
  skywalking?: SkyWalkingMetric;
  /** Metric-provider plugin name → plugin configuration. */
  plugin?: Record<string, JsonValue>;
}

export interface PrometheusMetric {
  address?: string;
  query?: string;
  authentication?: Authentication;
  /** Seconds. */
  timeout?: number;
  insecure?: boolean;
  headers?: WebMetricHeader[];
  rangeQuery?: PrometheusRangeQueryArgs;
}

export interface PrometheusRangeQueryArgs {
  start?: string;
  end?: string;
  step?: DurationString;
}

export interface Authentication {
  sigv4?: Sigv4Config;
  oauth2?: OAuth2Config;
  basicAuth?: BasicAuthConfig;
}

export interface Sigv4Config {
  region?: string;
  profile?: string;
  roleArn?: string;
}

export interface OAuth2Config {
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
}

export interface BasicAuthConfig {
  username?: string;
  password?: string;
}

export const WEB_METRIC_METHOD = { Get: 'GET', Post: 'POST', Put: 'PUT' } as const;
export type WebMetricMethod = (typeof WEB_METRIC_METHOD)[keyof typeof WEB_METRIC_METHOD];

export interface WebMetric {
  /** Default GET. */
  method?: WebMetricMethod;
  url: string;
  headers?: WebMetricHeader[];
  body?: string;
  /** Default 10. */
  timeoutSeconds?: number;
  jsonPath?: string;
  insecure?: boolean;
  jsonBody?: JsonValue;
  authentication?: Authentication;
}

export interface WebMetricHeader {
  key: string;
  value: string;
}

export interface JobMetric {
  /** Only labels and annotations are kept (the CRD prunes the rest). */
  metadata?: PodTemplateMetadata;
  spec: V1JobSpec;
}

export interface DatadogMetric {
  /** Default `5m`. */
  interval?: DurationString;
  query?: string;
  queries?: Record<string, string>;
  formula?: string;
  /** Default `v1`. */
  apiVersion?: 'v1' | 'v2';
  aggregator?: 'avg' | 'min' | 'max' | 'sum' | 'last' | 'percentile' | 'mean' | 'l2norm' | 'area';
  secretRef?: DatadogSecretRef;
  /** Default `10s`. */
  requestTimeout?: DurationString;
}

export interface DatadogSecretRef {
  name?: string;
  namespaced?: boolean;
}

export interface WavefrontMetric {
  address?: string;
  query?: string;
}

export interface NewRelicMetric {
  profile?: string;
  query: string;
  timeout?: number;
}

export interface GraphiteMetric {
  address?: string;
  query?: string;
}

export interface InfluxdbMetric {
  profile?: string;
  query?: string;
}

export interface SkyWalkingMetric {
  address?: string;
  query?: string;
  interval?: DurationString;
}

export interface KayentaMetric {
  address: string;
  application: string;
  canaryConfigName: string;
  metricsAccountName: string;
  configurationAccountName: string;
  storageAccountName: string;
  threshold: KayentaThreshold;
  scopes: KayentaScope[];
  lookback?: boolean;
}

export interface KayentaThreshold {
  pass: number;
  marginal: number;
}

export interface KayentaScope {
  name: string;
  controlScope: KayentaScopeDetail;
  experimentScope: KayentaScopeDetail;
}

export interface KayentaScopeDetail {
  scope: string;
  region: string;
  step: number;
  start?: string;
  end?: string;
}

export interface CloudWatchMetric {
  interval?: DurationString;
  metricDataQueries: CloudWatchMetricDataQuery[];
}

export interface CloudWatchMetricDataQuery {
  id?: string;
  expression?: string;
  label?: string;
  metricStat?: CloudWatchMetricStat;
  period?: IntOrString;
  returnData?: boolean;
}

export interface CloudWatchMetricStat {
  metric?: CloudWatchMetricStatMetric;
  period?: IntOrString;
  stat?: string;
  unit?: string;
}

export interface CloudWatchMetricStatMetric {
  dimensions?: CloudWatchMetricStatMetricDimension[];
  metricName?: string;
  namespace?: string;
}

export interface CloudWatchMetricStatMetricDimension {
  name?: string;
  value?: string;
}
