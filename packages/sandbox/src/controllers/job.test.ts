import { BatchV1Api } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../types.js';
import { isRecord } from '../types.js';
import type { JobSpecView, PodCounts } from './job-status.js';
import { decideJob } from './job-status.js';
import type { ClusterHarness } from './test-harness.js';
import { clusterHarness, eventually } from './test-harness.js';

const spec = (o: Partial<JobSpecView> = {}): JobSpecView => ({ parallelism: 1, completions: 1, backoffLimit: 6, suspend: false, ...o });
const counts = (o: Partial<PodCounts> = {}): PodCounts => ({ active: 0, ready: 0, succeeded: 0, failed: 0, ...o });

describe('decideJob', () => {
  it.each([
    { name: 'starts the first pod', spec: spec(), counts: counts(), elapsedMs: 0, want: { kind: 'run', create: 1 } },
    { name: 'waits while a pod runs', spec: spec(), counts: counts({ active: 1 }), elapsedMs: 0, want: { kind: 'run', create: 0 } },
    { name: 'completes at completions', spec: spec({ completions: 2 }), counts: counts({ succeeded: 2 }), elapsedMs: 0, want: { kind: 'complete' } },
    { name: 'keeps parallelism pods running', spec: spec({ completions: 5, parallelism: 2 }), counts: counts({ succeeded: 4 }), elapsedMs: 0, want: { kind: 'run', create: 1 } },
    { name: 'retries a failed pod within backoffLimit', spec: spec({ backoffLimit: 2 }), counts: counts({ failed: 2 }), elapsedMs: 0, want: { kind: 'run', create: 1 } },
    {
      name: 'fails past backoffLimit',
      spec: spec({ backoffLimit: 2 }),
      counts: counts({ failed: 3 }),
      elapsedMs: 0,
      want: { kind: 'fail', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
    },
    {
      name: 'fails at activeDeadlineSeconds',
      spec: spec({ activeDeadlineSeconds: 3 }),
      counts: counts({ active: 1 }),
      elapsedMs: 3000,
      want: { kind: 'fail', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
    },
    { name: 'requeues for the deadline', spec: spec({ activeDeadlineSeconds: 3 }), counts: counts({ active: 1 }), elapsedMs: 1000, want: { kind: 'run', create: 0, deadlineInMs: 2000 } },
  ])('$name', ({ spec: s, counts: c, elapsedMs, want }) => {
    expect(decideJob(s, c, 10_000, 10_000 + elapsedMs)).toEqual(want);
  });
});

let h: ClusterHarness;
beforeEach(async () => {
  h = await clusterHarness({ podReadyMs: 50 });
});
afterEach(async () => {
  await h.close();
});

function jobYaml(name: string, script: string, extra = ''): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "${script}"]
`;
}

const jobStatus = (name: string): JsonObject => {
  const job = h.sandbox.store.get('batch/jobs', 'default', name);
  return isRecord(job?.['status']) ? job['status'] : {};
};
const conditionTypes = (name: string): unknown[] => (Array.isArray(jobStatus(name)['conditions']) ? (jobStatus(name)['conditions'] as JsonObject[]).map((c) => c['type']) : []);

describe('Job controller (real kubectl and client-node)', () => {
  it('exit 0 → Complete (kubectl wait --for=condition=complete)', async () => {
    await h.apply(jobYaml('ok', 'echo hi; exit 0'));
    const r = await h.kubectl(['wait', '--for=condition=complete', 'job/ok', '--timeout=15s']);
    expect(r.stdout).toBe('job.batch/ok condition met\n');
    expect(jobStatus('ok')).toMatchObject({ succeeded: 1, ready: 0, completionTime: expect.any(String) });
    expect(conditionTypes('ok')).toEqual(['SuccessCriteriaMet', 'Complete']);
    const pods = h.objects('/pods');
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata.labels).toMatchObject({ 'job-name': 'ok', 'batch.kubernetes.io/job-name': 'ok' });
    expect((pods[0]?.['status'] as JsonObject)['phase']).toBe('Succeeded');
  });

  it('exit 1 with backoffLimit 0 → Failed (BackoffLimitExceeded), read with client-node', async () => {
    await h.apply(jobYaml('bad', 'sleep 0.2; exit 1', '  backoffLimit: 0\n'));
    const batch = h.kc.makeApiClient(BatchV1Api);
    const job = await eventually('job failed', async () => {
      const j = await batch.readNamespacedJob({ name: 'bad', namespace: 'default' });
      return j.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') === true ? j : undefined;
    });
    expect(job.status?.failed).toBe(1);
    expect(job.status?.conditions?.find((c) => c.type === 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  });

  it('retries failed pods up to backoffLimit', async () => {
    await h.apply(jobYaml('flaky', 'exit 3', '  backoffLimit: 2\n'));
    await eventually('job failed', () => (conditionTypes('flaky').includes('Failed') ? true : undefined));
    expect(jobStatus('flaky')['failed']).toBe(3);
    expect(h.objects('/pods').map((p) => (p['status'] as JsonObject)['phase'])).toEqual(['Failed', 'Failed', 'Failed']);
  });

  it('activeDeadlineSeconds fails a job still running, and its pod is deleted', async () => {
    await h.apply(jobYaml('slow', 'sleep 600; exit 0', '  activeDeadlineSeconds: 1\n'));
    await eventually('deadline', () => (conditionTypes('slow').includes('Failed') ? true : undefined));
    const failed = (jobStatus('slow')['conditions'] as JsonObject[]).find((c) => c['type'] === 'Failed');
    expect(failed?.['reason']).toBe('DeadlineExceeded');
    await eventually('pod deleted', () => (h.objects('/pods').length === 0 ? true : undefined));
  });

  it('ttlSecondsAfterFinished deletes the finished job and (by GC) its pods', async () => {
    await h.apply(jobYaml('short', 'exit 0', '  ttlSecondsAfterFinished: 0\n'));
    await eventually('job gone', () => (h.sandbox.store.get('batch/jobs', 'default', 'short') === undefined ? true : undefined));
    await eventually('pods gone', () => (h.objects('/pods').length === 0 ? true : undefined));
  });
});
