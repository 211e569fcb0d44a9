/**
 * Job provider on the sandbox (real API server over HTTP, simulated Job controller and kubelet: `exit N`,
 * `sleep S`, images containing `does-not-exist` never pull). The AnalysisRun CRD is installed and the run lives
 * in the sandbox; each reconcile reads it fresh (standing in for the informer cache).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { ANALYSIS_PHASE as P, type AnalysisRun, type AnalysisTemplate, isAnalysisPhaseCompleted } from '@serin/api';
import { type KubeClient, MemoryEventRecorder, ObjectStore, createKubeClient, resourceClient, systemClock } from '@serin/kube';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { AnalysisRunReconciler } from './analysis-run-reconciler.js';
import { JOB_NAME_KEY } from './job.js';
import { createMetricProviders } from './providers.js';
import { secretReader } from './testing.js';

const repoRoot = new URL('../../../../', import.meta.url).pathname;
const sleepJobTemplate = parseAllDocuments(readFileSync('/work/shared/upstream/argo-rollouts/e2e-manifests/functional/analysistemplate-sleep-job.yaml', 'utf8'))[0]?.toJSON() as AnalysisTemplate;

let sandbox: Sandbox;
let client: KubeClient;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-analysis-job-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  client = createKubeClient({ kubeconfigPath, qps: 0 });
  const crds = resourceClient(client.transport, { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false });
  await crds.create('', parse(readFileSync(join(repoRoot, 'crds', 'analysis-run-crd.yaml'), 'utf8')) as never);
  for (let i = 0; i < 50; i++) {
    if (await client.clients.analysisRuns.list('default').then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);

afterAll(async () => {
  await sandbox?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** A run from upstream's sleep-job template with the given args. */
function sleepJobRun(name: string, args: Record<string, string>, extra: Partial<AnalysisRun['spec']> = {}): AnalysisRun {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name, namespace: 'default' },
    spec: {
      metrics: structuredClone(sleepJobTemplate.spec.metrics ?? []),
      args: (sleepJobTemplate.spec.args ?? []).map((a) => (args[a.name] === undefined ? a : { name: a.name, value: args[a.name] })),
      ...extra,
    },
  };
}

interface Harness {
  readonly reconciler: AnalysisRunReconciler;
  readonly runs: ObjectStore<AnalysisRun>;
  readonly recorder: MemoryEventRecorder;
  /** Refresh the caches from the server, reconcile once. */
  step(name: string): Promise<number | undefined>;
}

function harness(): Harness {
  const runs = new ObjectStore<AnalysisRun>();
  const pods = new ObjectStore<V1Pod>();
  const recorder = new MemoryEventRecorder();
  const clock = systemClock();
  const reconciler = new AnalysisRunReconciler({
    analysisRuns: runs,
    analysisRunClient: client.clients.analysisRuns,
    secrets: secretReader({}),
    providers: createMetricProviders({ clock, jobs: client.clients.jobs, podLister: pods }),
    recorder,
    clock,
  });
  return {
    reconciler,
    runs,
    recorder,
    async step(name) {
      runs.replace([await client.clients.analysisRuns.get('default', name)]);
      pods.replace((await client.clients.pods.list('default')).items);
      return (await reconciler.reconcile('default', name)).requeueAfterMs;
    },
  };
}

/** Reconcile until the run completes (at most `rounds` reconciles, waiting at most 300 ms between them). */
async function reconcileToCompletion(h: Harness, name: string, rounds = 80): Promise<AnalysisRun> {
  for (let i = 0; i < rounds; i++) {
    const requeue = await h.step(name);
    const run = await client.clients.analysisRuns.get('default', name);
    if (isAnalysisPhaseCompleted(run.status?.phase)) return run;
    await new Promise((r) => setTimeout(r, Math.min(requeue ?? 100, 300)));
  }
  throw new Error(`run ${name} did not complete in ${rounds} reconciles`);
}

describe('job provider on the sandbox (upstream analysistemplate-sleep-job.yaml)', () => {
  it('exit 0 → Job Complete → run Successful; the Job carries the run labels, annotations and ownerReference', async () => {
    const created = await client.clients.analysisRuns.create('default', sleepJobRun('job-ok', { 'exit-code': '0', rev: 'r1' }));
    const h = harness();
    const run = await reconcileToCompletion(h, 'job-ok');
    expect(run.status).toMatchObject({ phase: P.Successful, runSummary: { count: 1, successful: 1 } });
    const uid = created.metadata?.uid ?? '';
    const jobName = run.status?.metricResults?.[0]?.measurements?.[0]?.metadata?.[JOB_NAME_KEY];
    expect(jobName).toBe(`${uid}.sleep-job.1`);
    const job: V1Job = await client.clients.jobs.get('default', jobName ?? '');
    expect(job.metadata?.labels).toMatchObject({ 'analysisrun.argoproj.io/uid': uid });
    expect(job.metadata?.annotations).toMatchObject({ 'analysisrun.argoproj.io/name': 'job-ok', 'analysisrun.argoproj.io/namespace': 'default', 'analysisrun.argoproj.io/metric-name': 'sleep-job' });
    expect(job.metadata?.ownerReferences).toEqual([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', name: 'job-ok', uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.spec?.template.metadata?.labels).toMatchObject({ rev: 'r1', 'analysisrun.argoproj.io/uid': uid });
    expect(job.spec?.template.spec?.containers[0]?.args).toEqual(['sleep 0 && exit 0']);
    expect(h.recorder.reasons()).toEqual(['MetricSuccessful', 'AnalysisRunSuccessful']);
  }, 30_000);

  it('exit 1 → Job Failed → run Failed with the upstream message', async () => {
    await client.clients.analysisRuns.create('default', sleepJobRun('job-fail', { 'exit-code': '1' }));
    const run = await reconcileToCompletion(harness(), 'job-fail');
    expect(run.status).toMatchObject({ phase: P.Failed, message: 'Metric "sleep-job" assessed Failed due to failed (1) > failureLimit (0)' });
  }, 30_000);

  it('terminate while the Job sleeps → Job deleted, measurement Inconclusive "Metric Terminated"', async () => {
    await client.clients.analysisRuns.create('default', sleepJobRun('job-term', { duration: '60' }));
    const h = harness();
    await h.step('job-term');
    const running = await client.clients.analysisRuns.get('default', 'job-term');
    const jobName = running.status?.metricResults?.[0]?.measurements?.[0]?.metadata?.[JOB_NAME_KEY] ?? '';
    expect(running.status?.phase).toBe(P.Running);
    expect((await client.clients.jobs.get('default', jobName)).metadata?.name).toBe(jobName);

    await client.clients.analysisRuns.patchMerge('default', 'job-term', { spec: { terminate: true } });
    const run = await reconcileToCompletion(h, 'job-term');
    expect(run.status?.metricResults?.[0]?.measurements?.[0]).toMatchObject({ phase: P.Inconclusive, message: 'Metric Terminated' });
    const gone = await client.clients.jobs.get('default', jobName).then((j) => j.metadata?.deletionTimestamp !== undefined, () => true);
    expect(gone).toBe(true);
  }, 30_000);

  it('an image that never pulls → Inconclusive with the pod error', async () => {
    const run = sleepJobRun('job-image', {});
    const container = run.spec.metrics[0]?.provider.job?.spec.template.spec?.containers[0];
    if (container !== undefined) container.image = 'registry.example/does-not-exist:1';
    await client.clients.analysisRuns.create('default', run);
    const done = await reconcileToCompletion(harness(), 'job-image');
    expect(done.status?.phase).toBe(P.Inconclusive);
    expect(done.status?.metricResults?.[0]?.measurements?.[0]?.message).toMatch(/^Pod [0-9a-f-]+\.sleep-job\.1-[a-z0-9]+, container sleep-job has terminal error \(ImagePullBackOff\): Back-off pulling image "registry\.example\/does-not-exist:1"\n$/);
  }, 30_000);

  it('measurement retention deletes older Jobs of the run', async () => {
    await client.clients.analysisRuns.create('default', sleepJobRun('job-gc', { count: '3' }, { measurementRetention: [{ metricName: 'sleep-job', limit: 1 }] }));
    const stored = await client.clients.analysisRuns.get('default', 'job-gc');
    const metrics = structuredClone(stored.spec.metrics);
    if (metrics[0] !== undefined) metrics[0].interval = '1s';
    await client.clients.analysisRuns.patchMerge('default', 'job-gc', { spec: { metrics } });
    const run = await reconcileToCompletion(harness(), 'job-gc', 120);
    expect(run.status?.metricResults?.[0]).toMatchObject({ count: 3, successful: 3 });
    expect(run.status?.metricResults?.[0]?.measurements).toHaveLength(1);
    const uid = run.metadata?.uid ?? '';
    const live = (await client.clients.jobs.list('default', { labelSelector: `analysisrun.argoproj.io/uid=${uid}` })).items.filter((j) => j.metadata?.deletionTimestamp === undefined);
    expect(live.map((j) => j.metadata?.name)).toEqual([`${uid}.sleep-job.3`]);
  }, 60_000);
});
