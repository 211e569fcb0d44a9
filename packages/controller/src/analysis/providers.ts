/**
 * Chooses the provider for a metric (Prometheus, Web, Job). Other providers (Datadog, New Relic, Wavefront, Kayenta,
 * CloudWatch, Graphite, InfluxDB, SkyWalking, plugins) are not implemented and yield an Error measurement.
 * parity: argo-rollouts metricproviders/provider.go ProviderFactory.NewProvider (`no valid provider in metric '<m>'`)
 */
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { Metric } from '@serin/api';
import type { Clock, Lister, Logger, ResourceClient } from '@serin/kube';
import { type HttpClient, nodeHttpClient } from './http.js';
import { jobProvider } from './job.js';
import { prometheusProvider } from './prometheus.js';
import type { MetricProvider, ProviderFactory } from './provider.js';
import { webProvider } from './web.js';

export interface MetricProvidersOptions {
  readonly clock: Clock;
  readonly jobs: ResourceClient<V1Job>;
  readonly jobLister?: Lister<V1Job>;
  readonly podLister?: Lister<V1Pod>;
  readonly logger?: Logger;
  /** Default: node:http/https. */
  readonly http?: HttpClient;
  /** `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS`. */
  readonly defaultPrometheusAddress?: string;
  /** `--analysis-jobs-namespace`. */
  readonly jobNamespace?: string;
}

const UNSUPPORTED = ['datadog', 'newRelic', 'wavefront', 'kayenta', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin'] as const;

export function createMetricProviders(options: MetricProvidersOptions): ProviderFactory {
  const http = options.http ?? nodeHttpClient;
  const prometheus = prometheusProvider({ http, clock: options.clock, ...(options.defaultPrometheusAddress === undefined ? {} : { defaultAddress: options.defaultPrometheusAddress }) });
  const web = webProvider({ http, clock: options.clock });
  const job = jobProvider({
    jobs: options.jobs,
    clock: options.clock,
    ...(options.jobLister === undefined ? {} : { jobLister: options.jobLister }),
    ...(options.podLister === undefined ? {} : { podLister: options.podLister }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.jobNamespace === undefined ? {} : { jobNamespace: options.jobNamespace }),
  });
  return (metric: Metric): MetricProvider | { error: string } => {
    const p = metric.provider;
    if (p.prometheus !== undefined) return prometheus;
    if (p.web !== undefined) return web;
    if (p.job !== undefined) return job;
    const other = UNSUPPORTED.find((key) => p[key] !== undefined);
    if (other !== undefined) return { error: `metric provider '${other}' is not supported by serin` };
    return { error: `no valid provider in metric '${metric.name}'` };
  };
}

/**
 * Beyond Argo (explainable analysis): what was asked, stored in each measurement's metadata —
 * `ResolvedPrometheusQuery` / `ResolvedURL` (secret values redacted by the caller).
 */
export function explainMetric(metric: Metric): Record<string, string> | undefined {
  if (metric.provider.prometheus?.query) return { ResolvedPrometheusQuery: metric.provider.prometheus.query };
  if (metric.provider.web?.url) return { ResolvedURL: metric.provider.web.url };
  return undefined;
}
