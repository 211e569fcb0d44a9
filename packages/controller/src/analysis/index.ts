// AnalysisRun reconciler and metric providers (Prometheus, Web, Job). Construct `AnalysisRunReconciler` with
// listers, the AnalysisRun client, a Secret reader, `createMetricProviders(...)`, recorder, clock and logger; call
// `reconcile(namespace, name)` from an analysis work-queue worker.
export { AnalysisRunReconciler, type AnalysisRunReconcileResult, type AnalysisRunReconcilerOptions } from './analysis-run-reconciler.js';
export { type MetricProvidersOptions, createMetricProviders, explainMetric } from './providers.js';
export { type MetricProvider, type ProviderFactory } from './provider.js';
export { type HttpClient, type HttpRequest, type HttpResponse, nodeHttpClient } from './http.js';
export { DEFAULT_PROMETHEUS_TIMEOUT_SECONDS, PROMETHEUS_PROVIDER_TYPE, RESOLVED_PROMETHEUS_QUERY, type PrometheusProviderOptions, prometheusProvider } from './prometheus.js';
export { convertPrometheusData, formatGoFloat, parseSampleValue } from './prometheus-values.js';
export { WEB_PROVIDER_TYPE, type WebProviderOptions, webProvider } from './web.js';
export { selectJsonPath, toJsonPathPlus } from './json-path.js';
export { JOB_NAMESPACE_KEY, JOB_NAME_KEY, JOB_PROVIDER_TYPE, type JobProviderOptions, jobIdSuffix, jobName, jobProvider, newMetricJob, terminalPodError } from './job.js';
export { type ResolvedSecretArgs, type SecretReader, resolveSecretArgs } from './secret-args.js';
export { createAnalysisRunWithCollisionCounter } from './create-run.js';
