/**
 * The analysis controller shaped as the manager runs it, on the sandbox: shared informers (AnalysisRuns, Jobs
 * filtered by `analysisrun.argoproj.io/uid`) → handlers enqueueing the run (a Job enqueues its controlling run) →
 * an `AnalysisRuns` work queue → workers calling `AnalysisRunReconciler.reconcile`, real Events written through the API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYSIS_PHASE as P, type AnalysisRun, isAnalysisPhaseCompleted } from '@serin/api';
import type { V1Job, V1Secret } from '@kubernetes/client-node';
import { InformerFactory, type KubeClient, Resources, WorkQueue, createEventRecorder, createKubeClient, resourceClient, runWorkers, silentLogger, splitKey, systemClock } from '@serin/kube';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AnalysisRunReconciler } from './analysis-run-reconciler.js';
import { createMetricProviders } from './providers.js';

const runKey = (run: AnalysisRun): string => `${run.metadata?.namespace ?? ''}/${run.metadata?.name ?? ''}`;
const jobRunKey = (job: V1Job): string | undefined => {
  const owner = job.metadata?.ownerReferences?.find((o) => o.controller === true && o.kind === 'AnalysisRun');
  return owner === undefined ? undefined : `${job.metadata?.namespace ?? ''}/${owner.name}`;
};

const repoRoot = new URL('../../../../', import.meta.url).pathname;
const clock = systemClock();

let sandbox: Sandbox;
let client: KubeClient;
let dir = '';
let web: Server;
let webBase = '';
let factory: InformerFactory;
let queue: WorkQueue;
let workers: Promise<void>;
let reconciles = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-analysis-ctl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  client = createKubeClient({ kubeconfigPath, qps: 0 });
  const crds = resourceClient(client.transport, { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false });
  await crds.create('', parse(readFileSync(join(repoRoot, 'crds', 'analysis-run-crd.yaml'), 'utf8')) as never);
  for (let i = 0; i < 50 && !(await client.clients.analysisRuns.list('default').then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));

  web = createServer((_req, res) => res.end(JSON.stringify({ data: { ok: true } })));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;

  factory = new InformerFactory({ transport: client.transport, clock, minWatchMs: 0 });
  const runs = factory.analysisRuns();
  const jobs = factory.jobs();
  queue = new WorkQueue({ clock, name: 'AnalysisRuns' });
  runs.addEventHandler({ add: (r) => queue.add(runKey(r)), update: (_o, r) => queue.add(runKey(r)), delete: (r) => queue.add(runKey(r)) });
  const onJob = (job: V1Job): void => {
    const key = jobRunKey(job);
    if (key !== undefined) queue.add(key);
  };
  jobs.addEventHandler({ add: onJob, update: (_o, j) => onJob(j), delete: onJob });
  const recorder = createEventRecorder({ events: client.clients.events, clock });
  const reconciler = new AnalysisRunReconciler({
    analysisRuns: runs.store,
    analysisRunClient: client.clients.analysisRuns,
    secrets: resourceClient<V1Secret>(client.transport, Resources.secrets),
    providers: createMetricProviders({ clock, jobs: client.clients.jobs, jobLister: jobs.store }),
    recorder,
    clock,
    logger: silentLogger,
  });
  factory.start();
  await Promise.all([runs.waitForSync(), jobs.waitForSync()]);
  workers = runWorkers(queue, 2, async (key) => {
    reconciles++;
    const { namespace, name } = splitKey(key);
    return reconciler.reconcile(namespace, name);
  }, { clock, objType: 'analysisrun' });
}, 30_000);

afterAll(async () => {
  queue?.shutDown();
  await workers;
  factory?.stop();
  await sandbox?.close();
  web?.closeAllConnections();
  await new Promise<void>((resolve) => (web === undefined ? resolve() : web.close(() => resolve())));
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function waitForCompletion(name: string): Promise<AnalysisRun> {
  for (let i = 0; i < 200; i++) {
    const run = await client.clients.analysisRuns.get('default', name);
    if (isAnalysisPhaseCompleted(run.status?.phase)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} did not complete`);
}

describe('analysis controller on the sandbox (informers → queue → reconciler)', () => {
  it('a Job metric with `exit 1` fails the run; Job status changes drive the reconciles', async () => {
    await client.clients.analysisRuns.create('default', {
      metadata: { name: 'job-exit-1' },
      spec: { metrics: [{ name: 'smoke', provider: { job: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } } } } } }] },
    });
    const run = await waitForCompletion('job-exit-1');
    expect(run.status).toMatchObject({ phase: P.Failed, message: 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)', runSummary: { count: 1, failed: 1 } });
    // events follow the status patch and are written asynchronously: poll for them (bounded)
    let events = [] as Awaited<ReturnType<typeof client.clients.events.list>>['items'];
    for (let i = 0; i < 100 && events.length < 2; i++) {
      events = (await client.clients.events.list('default')).items.filter((e) => e.involvedObject?.name === 'job-exit-1');
      if (events.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.map((e) => [e.involvedObject?.kind, e.type, e.reason]).sort()).toEqual([
      ['AnalysisRun', 'Warning', 'AnalysisRunFailed'],
      ['AnalysisRun', 'Warning', 'MetricFailed'],
    ]);
  }, 30_000);

  it('a web metric with count 2 / interval 1s is measured twice through queue requeues, then Successful', async () => {
    const before = reconciles;
    await client.clients.analysisRuns.create('default', {
      metadata: { name: 'web-twice' },
      spec: { metrics: [{ name: 'ok', count: 2, interval: '1s', successCondition: 'result == true', provider: { web: { url: `${webBase}/`, jsonPath: '{$.data.ok}' } } }] },
    });
    const run = await waitForCompletion('web-twice');
    expect(run.status?.phase).toBe(P.Successful);
    expect(run.status?.metricResults?.[0]).toMatchObject({ count: 2, successful: 2, consecutiveSuccess: 2 });
    expect(reconciles - before).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
