import type { V1Pod } from '@kubernetes/client-node';
import type { AnalysisRun, Metric } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { jobIdSuffix, jobName, newMetricJob, terminalPodError } from './job.js';

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
