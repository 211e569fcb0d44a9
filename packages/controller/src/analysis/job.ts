/**
 * Job metric provider: each measurement creates a batch/v1 Job `<runUID>.<metric>.<n>` (n = count + error + 1,
 * the metric name truncated so the name fits 63 characters) from `provider.job.spec`, labelled with the run UID
 * (Job and pod template) and annotated with the run name/namespace/metric; ownerReference to the run (omitted for a
 * Job in another namespace). Resume watches the Job's `Complete` → Successful / `Failed` → Failed condition, a pod
 * stuck in ErrImagePull/ImagePullBackOff/InvalidImageName → Inconclusive, otherwise checks again after
 * `sqrt(2·elapsedSeconds)` s (a finished measurement keeps its last `resumeAt`). Terminate deletes the Job
 * (foreground) → Inconclusive. GC deletes the run's oldest Jobs (every metric) beyond the retention limit. An
 * AlreadyExists Job owned by the same run is adopted.
 * parity: argo-rollouts metricproviders/job/job.go
 */
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { ANALYSIS_PHASE, ANNOTATION, LABEL, type AnalysisRun, type Measurement, type Metric, type MetricResult } from '@serin/api';
import { errorMeasurement, metaTime, parseMetaTime } from '@serin/core';
import { type Clock, type Lister, type Logger, type ResourceClient, isAlreadyExists, isNotFound, silentLogger } from '@serin/kube';
import { type MetricProvider, errorMessage } from './provider.js';

export const JOB_PROVIDER_TYPE = 'Job';
export const JOB_NAME_KEY = 'job-name';
export const JOB_NAMESPACE_KEY = 'job-namespace';
const DNS_LIMIT = 63;

export interface JobProviderOptions {
  readonly jobs: ResourceClient<V1Job>;
  /** Informer cache of analysis Jobs (label `analysisrun.argoproj.io/uid`); falls back to GET/LIST through `jobs`. */
  readonly jobLister?: Lister<V1Job>;
  /** Informer cache of analysis Job pods, for image-pull failures. */
  readonly podLister?: Lister<V1Pod>;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** `--analysis-jobs-namespace`: create Jobs there instead of the run's namespace. */
  readonly jobNamespace?: string;
}

/** `n` of the next Job: measurements ever taken + errors + 1. */
export function jobIdSuffix(result: Pick<MetricResult, 'count' | 'error'> | undefined): number {
  return result === undefined ? 1 : (result.count ?? 0) + (result.error ?? 0) + 1;
}

/** `<runUID>.<metricName>.<n>`, the metric name shortened to keep the whole name within 63 characters. */
export function jobName(runUid: string, metricName: string, n: number): string {
  const name = `${runUid}.${metricName}.${n}`;
  if (name.length <= DNS_LIMIT) return name;
  const keep = metricName.length - (name.length - DNS_LIMIT);
  return `${runUid}.${metricName.slice(0, Math.max(0, keep))}.${n}`;
}

/** The Job a measurement creates. */
export function newMetricJob(run: AnalysisRun, metric: Metric, jobNamespace?: string): V1Job {
  const job = metric.provider.job;
  const runNs = run.metadata?.namespace ?? '';
  const ns = jobNamespace || runNs;
  const uid = run.metadata?.uid ?? '';
  const spec = structuredClone(job?.spec ?? { template: {} });
  spec.template = { ...spec.template, metadata: { ...spec.template.metadata, labels: { ...(spec.template.metadata?.labels ?? {}), [LABEL.AnalysisRunUid]: uid } } };
  const result = run.status?.metricResults?.find((r) => r.name === metric.name);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(uid, metric.name, jobIdSuffix(result)),
      namespace: ns,
      labels: { ...(job?.metadata?.labels ?? {}), [LABEL.AnalysisRunUid]: uid },
      annotations: {
        ...(job?.metadata?.annotations ?? {}),
        [ANNOTATION.AnalysisRunName]: run.metadata?.name ?? '',
        [ANNOTATION.AnalysisRunNamespace]: runNs,
        [ANNOTATION.AnalysisRunMetricName]: metric.name,
      },
      ...(ns === runNs
        ? { ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', name: run.metadata?.name ?? '', uid, controller: true, blockOwnerDeletion: true }] }
        : {}),
    },
    spec,
  };
}

const TERMINAL_WAITING_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

/** The first container (init or regular) stuck in a terminal waiting reason, as upstream's message. */
export function terminalPodError(pods: readonly V1Pod[]): string | undefined {
  for (const pod of pods) {
    for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const waiting = cs.state?.waiting;
      if (waiting?.reason !== undefined && TERMINAL_WAITING_REASONS.has(waiting.reason)) {
        return `Pod ${pod.metadata?.name ?? ''}, container ${cs.name} has terminal error (${waiting.reason}): ${waiting.message ?? ''}\n`;
      }
    }
  }
  return undefined;
}

function jobRef(measurement: Measurement, defaultNs: string): { namespace: string; name: string } | { error: string } {
  const name = measurement.metadata?.[JOB_NAME_KEY];
  if (!name) return { error: 'job metadata reference missing' };
  return { namespace: measurement.metadata?.[JOB_NAMESPACE_KEY] || defaultNs, name };
}

const matchesSelector = (labels: Record<string, string> | undefined, selector: Record<string, string> | undefined): boolean =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export function jobProvider(options: JobProviderOptions): MetricProvider {
  const { jobs, clock } = options;
  const log = options.logger ?? silentLogger;

  const getJob = async (namespace: string, name: string): Promise<V1Job> => options.jobLister?.get(namespace, name) ?? (await jobs.get(namespace, name));

  const deleteJob = async (namespace: string, name: string): Promise<void> => {
    try {
      await jobs.delete(namespace, name, { propagationPolicy: 'Foreground' });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  };

  return {
    type: JOB_PROVIDER_TYPE,
    metadata: () => undefined,
    async run(run, metric) {
      const now = metaTime(clock.now());
      const base: Measurement = { phase: ANALYSIS_PHASE.Running, startedAt: now };
      const job = newMetricJob(run, metric, options.jobNamespace);
      const ns = job.metadata?.namespace ?? '';
      const name = job.metadata?.name ?? '';
      let created: V1Job;
      try {
        created = await jobs.create(ns, job);
      } catch (createErr) {
        if (!isAlreadyExists(createErr)) {
          log.error('job create failed', { job: name, error: errorMessage(createErr) });
          return errorMeasurement(base, errorMessage(createErr), clock.now());
        }
        let existing: V1Job;
        try {
          existing = await jobs.get(ns, name);
        } catch {
          return errorMeasurement(base, errorMessage(createErr), clock.now());
        }
        const ownerUid = ns !== (run.metadata?.namespace ?? '')
          ? existing.metadata?.labels?.[LABEL.AnalysisRunUid]
          : existing.metadata?.ownerReferences?.find((o) => o.controller === true)?.uid;
        if (ownerUid !== run.metadata?.uid) return errorMeasurement(base, errorMessage(createErr), clock.now());
        log.info('duplicate job create detected', { job: name });
        created = existing;
      }
      log.info('job created', { job: `${created.metadata?.namespace ?? ''}/${created.metadata?.name ?? ''}` });
      // resume at once to catch short-lived jobs
      return { ...base, metadata: { [JOB_NAME_KEY]: created.metadata?.name ?? '', [JOB_NAMESPACE_KEY]: created.metadata?.namespace ?? '' }, resumeAt: now };
    },

    async resume(run, _metric, measurement) {
      const ref = jobRef(measurement, run.metadata?.namespace ?? '');
      if ('error' in ref) return errorMeasurement(measurement, ref.error, clock.now());
      let job: V1Job;
      try {
        job = await getJob(ref.namespace, ref.name);
      } catch (e) {
        return errorMeasurement(measurement, errorMessage(e), clock.now());
      }
      const nowMs = clock.now();
      let phase = measurement.phase;
      for (const c of job.status?.conditions ?? []) {
        if (c.type === 'Complete' && c.status === 'True') phase = ANALYSIS_PHASE.Successful;
        if (c.type === 'Failed' && c.status === 'True') phase = ANALYSIS_PHASE.Failed;
      }
      if (phase === ANALYSIS_PHASE.Successful || phase === ANALYSIS_PHASE.Failed) {
        log.info('job completed', { job: ref.name, phase });
        // resumeAt stays as last set (upstream never clears it on a finished measurement)
        return { ...measurement, phase, finishedAt: metaTime(nowMs) };
      }
      const selector = job.spec?.selector?.matchLabels;
      const pods = (options.podLister?.list(ref.namespace) ?? []).filter((p) => matchesSelector(p.metadata?.labels, selector));
      const podError = terminalPodError(pods);
      if (podError !== undefined) return { ...measurement, phase: ANALYSIS_PHASE.Inconclusive, message: podError, finishedAt: metaTime(nowMs) };
      const elapsedSeconds = Math.max(0, (nowMs - (parseMetaTime(measurement.startedAt) ?? nowMs)) / 1000);
      const delayMs = Math.sqrt(2 * elapsedSeconds) * 1000;
      return { ...measurement, resumeAt: metaTime(nowMs + delayMs) };
    },

    async terminate(run, _metric, measurement) {
      const ref = jobRef(measurement, run.metadata?.namespace ?? '');
      if ('error' in ref) return errorMeasurement(measurement, ref.error, clock.now());
      try {
        await deleteJob(ref.namespace, ref.name);
      } catch (e) {
        return errorMeasurement(measurement, errorMessage(e), clock.now());
      }
      log.info('job terminated', { job: ref.name });
      return { ...measurement, phase: ANALYSIS_PHASE.Inconclusive, finishedAt: metaTime(clock.now()) };
    },

    // Per run, like upstream: every Job labelled with the run UID (all metrics together), oldest first, down to the
    // limit of the metric whose history was trimmed.
    async garbageCollect(run, _metric, limit) {
      const uid = run.metadata?.uid ?? '';
      const listed = options.jobLister !== undefined
        ? options.jobLister.list().filter((j) => j.metadata?.labels?.[LABEL.AnalysisRunUid] === uid)
        : (await jobs.list(options.jobNamespace || (run.metadata?.namespace ?? ''), { labelSelector: `${LABEL.AnalysisRunUid}=${uid}` })).items;
      const created = (j: V1Job): number => parseMetaTime(j.metadata?.creationTimestamp as string | Date | undefined) ?? 0;
      const oldestFirst = [...listed].sort((a, b) => created(a) - created(b));
      for (const job of oldestFirst.slice(0, Math.max(0, oldestFirst.length - limit))) {
        await deleteJob(job.metadata?.namespace ?? '', job.metadata?.name ?? '');
        log.info('job garbage collected', { job: job.metadata?.name ?? '' });
      }
    },
  };
}
