import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { ANALYSIS_PHASE as P, type AnalysisRun, type Measurement, type Metric } from '@serin/api';
import { FakeClock, KubeError, ObjectStore, type ResourceClient, Resources } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { jobIdSuffix, jobName, jobProvider, newMetricJob, terminalPodError } from './job.js';

const UID = '1a2b3c4d-0000-4000-8000-123456789abc'; // 36 characters

describe('jobName (<runUID>.<metric>.<n>, at most 63 characters)', () => {
  it.each([
    { name: 'short', metric: 'smoke', n: 1, expected: `${UID}.smoke.1` },
    { name: 'exactly 63', metric: 'a'.repeat(24), n: 1, expected: `${UID}.${'a'.repeat(24)}.1` },
    { name: 'metric truncated', metric: 'a-very-long-metric-name-that-overflows', n: 12, expected: `${UID}.a-very-long-metric-name.12` },
  ])('$name', ({ metric, n, expected }) => {
    expect(jobName(UID, metric, n)).toBe(expected);
    expect(jobName(UID, metric, n).length).toBeLessThanOrEqual(63);
  });

  it.each([
    { name: 'first', result: undefined, n: 1 },
    { name: 'after 2 measured and 1 error', result: { count: 2, error: 1 }, n: 4 },
  ])('suffix: $name', ({ result, n }) => expect(jobIdSuffix(result)).toBe(n));
});

describe('newMetricJob', () => {
  const run: AnalysisRun = { metadata: { name: 'r', namespace: 'team', uid: UID }, spec: { metrics: [] } };
  const metric: Metric = { name: 'smoke', provider: { job: { metadata: { labels: { team: 'a' }, annotations: { note: 'x' } }, spec: { template: { spec: { containers: [] } } } } } };

  it('labels, annotations and ownerReference', () => {
    const job = newMetricJob(run, metric);
    expect(job.metadata).toEqual({
      name: `${UID}.smoke.1`,
      namespace: 'team',
      labels: { team: 'a', 'analysisrun.argoproj.io/uid': UID },
      annotations: { note: 'x', 'analysisrun.argoproj.io/name': 'r', 'analysisrun.argoproj.io/namespace': 'team', 'analysisrun.argoproj.io/metric-name': 'smoke' },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', name: 'r', uid: UID, controller: true, blockOwnerDeletion: true }],
    });
    expect(job.spec?.template.metadata?.labels).toEqual({ 'analysisrun.argoproj.io/uid': UID });
    expect(metric.provider.job?.spec.template.metadata).toBeUndefined(); // the metric is not mutated
  });

  it('a Job in another namespace has no ownerReference', () => {
    expect(newMetricJob(run, metric, 'analysis-jobs').metadata).toMatchObject({ namespace: 'analysis-jobs' });
    expect(newMetricJob(run, metric, 'analysis-jobs').metadata?.ownerReferences).toBeUndefined();
  });
});

describe('terminalPodError', () => {
  const pod = (reason: string, init = false): V1Pod => {
    const statuses = [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message: 'msg' } } }];
    return { metadata: { name: 'p' }, status: init ? { initContainerStatuses: statuses } : { containerStatuses: statuses } };
  };
  it.each([
    { name: 'ImagePullBackOff', pods: [pod('ImagePullBackOff')], error: 'Pod p, container c has terminal error (ImagePullBackOff): msg\n' },
    { name: 'ErrImagePull on an init container', pods: [pod('ErrImagePull', true)], error: 'Pod p, container c has terminal error (ErrImagePull): msg\n' },
    { name: 'InvalidImageName', pods: [pod('InvalidImageName')], error: 'Pod p, container c has terminal error (InvalidImageName): msg\n' },
    { name: 'ContainerCreating is not terminal', pods: [pod('ContainerCreating')], error: undefined },
  ])('$name', ({ pods, error }) => expect(terminalPodError(pods)).toBe(error));
});

/** In-memory Jobs: get/list/delete against an ObjectStore (also the lister); records deletions. */
function fakeJobs(jobs: V1Job[]) {
  const store = new ObjectStore<V1Job>();
  for (const j of jobs) store.upsert(j);
  const deleted: string[] = [];
  const unexpected = async (): Promise<never> => {
    throw new Error('not expected');
  };
  const client: ResourceClient<V1Job> = {
    resource: Resources.jobs,
    get: async (ns, name) => {
      const j = store.get(ns, name);
      if (j === undefined) throw new KubeError(404, 'NotFound', `jobs.batch "${name}" not found`);
      return j;
    },
    list: async (ns) => ({ items: store.list(ns) }),
    create: unexpected,
    update: unexpected,
    updateStatus: unexpected,
    patchMerge: unexpected,
    patchStatusMerge: unexpected,
    delete: async (ns, name) => {
      const j = store.get(ns, name);
      if (j !== undefined) store.remove(j);
      deleted.push(name);
    },
  };
  return { client, store, deleted };
}

const T0 = Date.parse('2026-11-27T10:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('job provider: finished measurements keep resumeAt (upstream never clears it)', () => {
  const run: AnalysisRun = { metadata: { name: 'r', namespace: 'team', uid: UID }, spec: { metrics: [] } };
  const metric: Metric = { name: 'smoke', provider: { job: { spec: { template: { spec: { containers: [] } } } } } };
  const inFlight: Measurement = { phase: P.Running, startedAt: iso(T0 - 60_000), resumeAt: iso(T0 - 60_000), metadata: { 'job-name': 'j', 'job-namespace': 'team' } };
  const job = (conditions: Array<{ type: string; status: string }>): V1Job => ({ metadata: { name: 'j', namespace: 'team' }, spec: { template: {}, selector: { matchLabels: { 'job-name': 'j' } } }, status: { conditions } });
  const stuckPod: V1Pod = { metadata: { name: 'p', namespace: 'team', labels: { 'job-name': 'j' } }, status: { containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull', message: 'm' } } }] } };

  it.each([
    { name: 'Complete → Successful', conditions: [{ type: 'Complete', status: 'True' }], pods: [], phase: P.Successful },
    { name: 'Failed → Failed', conditions: [{ type: 'Failed', status: 'True' }], pods: [], phase: P.Failed },
    { name: 'image pull error → Inconclusive', conditions: [], pods: [stuckPod], phase: P.Inconclusive },
  ])('resume: $name', async ({ conditions, pods, phase }) => {
    const { client, store } = fakeJobs([job(conditions)]);
    const podLister = new ObjectStore<V1Pod>();
    for (const p of pods) podLister.upsert(p);
    const out = await jobProvider({ jobs: client, jobLister: store, podLister, clock: new FakeClock(T0) }).resume(run, metric, inFlight);
    expect(out).toMatchObject({ phase, resumeAt: inFlight.resumeAt, finishedAt: iso(T0) });
  });

  it('terminate → Inconclusive, resumeAt kept', async () => {
    const { client, store, deleted } = fakeJobs([job([])]);
    const out = await jobProvider({ jobs: client, jobLister: store, clock: new FakeClock(T0) }).terminate(run, metric, inFlight);
    expect(out).toMatchObject({ phase: P.Inconclusive, resumeAt: inFlight.resumeAt });
    expect(deleted).toEqual(['j']);
  });
});

describe('job provider: garbage collection is per run (every Job with the run UID label), oldest first', () => {
  const run: AnalysisRun = { metadata: { name: 'r', namespace: 'team', uid: UID }, spec: { metrics: [] } };
  const metric: Metric = { name: 'a', provider: { job: { spec: { template: {} } } } };
  const aJob = (name: string, metricName: string, minute: number, uid = UID): V1Job => ({
    metadata: { name, namespace: 'team', creationTimestamp: new Date(T0 + minute * 60_000), labels: { 'analysisrun.argoproj.io/uid': uid }, annotations: { 'analysisrun.argoproj.io/metric-name': metricName } },
  });
  const jobs = [aJob('a-1', 'a', 1), aJob('b-1', 'b', 2), aJob('a-2', 'a', 3), aJob('b-2', 'b', 4), aJob('other-run', 'a', 0, 'other-uid')];

  it.each([
    { name: 'limit 2 over 4 Jobs of two metrics → the two oldest of the run', lister: true, limit: 2, deleted: ['a-1', 'b-1'] },
    { name: 'limit 3 → the oldest one, whatever its metric', lister: true, limit: 3, deleted: ['a-1'] },
    { name: 'without a lister (LIST by label) → the same', lister: false, limit: 2, deleted: ['a-1', 'b-1'] },
    { name: 'limit ≥ Jobs → nothing', lister: true, limit: 4, deleted: [] },
  ])('$name', async ({ lister, limit, deleted }) => {
    const fake = fakeJobs(structuredClone(jobs));
    const listing: ResourceClient<V1Job> = { ...fake.client, list: async (ns, options) => ({ items: fake.store.list(ns).filter((j) => options?.labelSelector === `analysisrun.argoproj.io/uid=${j.metadata?.labels?.['analysisrun.argoproj.io/uid'] ?? ''}`) }) };
    const provider = jobProvider({ jobs: listing, ...(lister ? { jobLister: fake.store } : {}), clock: new FakeClock(T0) });
    await provider.garbageCollect(run, metric, limit);
    expect(fake.deleted).toEqual(deleted);
  });
});
