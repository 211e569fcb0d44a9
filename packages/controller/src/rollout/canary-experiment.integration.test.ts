/**
 * The canary `experiment` step end to end on the sandbox: the process's Manager (informers → queues → the Rollout,
 * Experiment and AnalysisRun reconcilers built by controller/src/wiring.ts), real kubectl for every user action,
 * the simulated kubelet for pods and the simulated Job controller for the Job analysis.
 * Upstream's functional/rollout-experiment-analysis.yaml (TestRolloutExperimentAnalysis shape): the experiment step
 * runs baseline (stable) and canary (new) template ReplicaSets with a required Job analysis; it succeeds, the
 * rollout moves to its pause step, promote → Healthy. The same manifest with a failing Job aborts the rollout.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Experiment, Rollout } from '@serin/api';
import { createKubeClient, silentLogger, systemClock } from '@serin/kube';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { Manager } from '../manager/manager.js';
import { type KubectlResult, kubectlRunner, waitFor } from '../test-support/kubectl.js';
import { createAnalysisRunReconciler, createExperimentReconciler, createRolloutReconciler } from '../wiring.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const MANIFEST = join(repoRoot, 'packages/api/src/__fixtures__/upstream-e2e/functional/rollout-experiment-analysis.yaml');
const NAME = 'rollout-experiment';
const V2 = 'nginx:1.20-alpine';

let sandbox: Sandbox;
let manager: Manager;
let dir: string;
let kubectl: (args: string[]) => Promise<KubectlResult>;

const ok = async (args: string[]): Promise<string> => {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-canary-experiment-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  kubectl = kubectlRunner(kubeconfigPath, dir);
  await ok(['create', '-f', join(repoRoot, 'crds')]);
  const client = createKubeClient({ kubeconfigPath, qps: 0 });
  manager = new Manager({
    transport: client.transport,
    clients: client.clients,
    clock: systemClock(),
    logger: silentLogger,
    minWatchMs: 0,
    createRolloutReconciler,
    createExperimentReconciler,
    createAnalysisRunReconciler: (context) => createAnalysisRunReconciler(context),
  });
  await manager.start();
});

afterEach(async () => {
  await manager.stop();
  await sandbox.close();
});

const rolloutOf = (): Rollout | undefined => manager.informers.rollouts().lister.get('default', NAME);
const experiments = (): Experiment[] => manager.informers.experiments().lister.list('default');
const phaseOf = (): string => {
  const ro = rolloutOf();
  return ro?.status?.observedGeneration === String(ro?.metadata?.generation ?? 0) ? (ro?.status?.phase ?? '') : '';
};
const waitPhase = (phase: string, limitMs = 30_000) => waitFor(`${NAME} ${phase}`, () => phaseOf() === phase, limitMs);
const setImage = (image: string) => ok(['patch', 'rollout', NAME, '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }])]);
const patchStatus = (patch: unknown) => ok(['patch', 'rollout', NAME, '--subresource=status', '--type', 'merge', '-p', JSON.stringify(patch)]);

const UPSTREAM_SCRIPT = 'echo "latest hash: $(LATEST_HASH)"\necho "stable hash: $(STABLE_HASH)"\necho "baseline hash: $(BASELINE_HASH)"\necho "canary hash: $(CANARY_HASH)"\n';

/** Upstream's manifest, optionally with the analysis Job's script replaced, applied with kubectl. */
async function applyManifest(script?: string): Promise<void> {
  const docs = parseAllDocuments(readFileSync(MANIFEST, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
  if (script !== undefined) {
    const template = docs.find((d) => d['kind'] === 'AnalysisTemplate') as { spec: { metrics: Array<{ provider: { job: { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } } } }> } };
    const container = template.spec.metrics[0]?.provider.job.spec.template.spec.containers[0];
    if (container !== undefined) container.args = [script];
  }
  const file = join(dir, 'manifest.yaml');
  writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
  await ok(['apply', '-f', file]);
}

describe('upstream rollout-experiment-analysis on the sandbox', () => {
  it('experiment step: baseline/canary templates + Job analysis succeed → pause step → promote → Healthy', { timeout: 90_000 }, async () => {
    // the sandbox's simulated pods run a script to completion only when it says `exit N` or `sleep S`
    await applyManifest(`${UPSTREAM_SCRIPT}exit 0\n`);
    await waitPhase('Healthy');
    const stable = rolloutOf()?.status?.stableRS ?? '';
    expect(experiments()).toHaveLength(0);

    await setImage(V2);
    await waitFor('experiment created', () => experiments().length === 1, 20_000);
    const hash = rolloutOf()?.status?.currentPodHash ?? '';
    const name = `${NAME}-${hash}-2-0`;
    expect(experiments()[0]?.metadata?.name).toBe(name);
    await waitFor('currentExperiment recorded', () => rolloutOf()?.status?.canary?.currentExperiment === name, 20_000);

    // the experiment's analysis ran with the rollout's hashes and the experiment's template hashes
    await waitFor('experiment Successful', () => experiments()[0]?.status?.phase === 'Successful', 40_000);
    const ex = experiments()[0];
    expect(ex?.spec.templates.map((t) => [t.name, t.template.spec?.containers[0]?.image])).toEqual([
      ['baseline', 'nginx:1.19-alpine'],
      ['canary', V2],
    ]);
    // upstream TestRolloutWithExperimentAndAnalysis: template pod specs equal the rollout RSs' (stable → baseline,
    // canary → canary), template RSs get their own hashes, and the Job sees latest/stable/baseline/canary hashes
    const rss = manager.informers.replicaSets().lister.list('default');
    const rsNamed = (n: string) => rss.find((rs) => rs.metadata?.name === n);
    const rs1 = rsNamed(`${NAME}-${stable}`);
    const rs2 = rsNamed(`${NAME}-${hash}`);
    const baseline = rsNamed(`${name}-baseline`);
    const canary = rsNamed(`${name}-canary`);
    expect(baseline?.spec?.template?.spec).toEqual(rs1?.spec?.template?.spec);
    expect(canary?.spec?.template?.spec).toEqual(rs2?.spec?.template?.spec);
    const baselineHash = baseline?.spec?.template?.metadata?.labels?.['rollouts-pod-template-hash'] ?? '';
    const canaryHash = canary?.spec?.template?.metadata?.labels?.['rollouts-pod-template-hash'] ?? '';
    expect(new Set([stable, hash, baselineHash, canaryHash]).size).toBe(4);
    const job = manager.informers.jobs().lister.list('default')[0];
    expect(job?.metadata?.labels?.['foo']).toBe('bar');
    expect(job?.metadata?.annotations?.['foo2']).toBe('bar2');
    expect(job?.spec?.template?.spec?.containers[0]?.env?.map((e) => e.value)).toEqual([hash, stable, baselineHash, canaryHash]);

    await waitFor('paused on step 1', () => rolloutOf()?.status?.currentStepIndex === 1 && phaseOf() === 'Paused', 20_000);
    expect(rolloutOf()?.status?.canary?.currentExperiment).toBeUndefined();
    expect(rolloutOf()?.status?.message).toBe('CanaryPauseStep');

    // `kubectl argo rollouts promote`
    await patchStatus({ status: { pauseConditions: null, controllerPause: false, currentStepIndex: 2 } });
    await waitPhase('Healthy');
    expect(rolloutOf()?.status).toMatchObject({ stableRS: hash, currentStepIndex: 2 });
  });

  it('a failing Job analysis fails the experiment and aborts the rollout with upstream’s message; stable stays', { timeout: 90_000 }, async () => {
    await applyManifest('echo failing; exit 1');
    await waitPhase('Healthy');
    const stable = rolloutOf()?.status?.stableRS ?? '';

    await setImage(V2);
    await waitPhase('Degraded', 60_000);
    const status = rolloutOf()?.status;
    expect(status?.abort).toBe(true);
    const metricMessage = 'Metric "echo-pod-hash" assessed Failed due to failed (1) > failureLimit (0)';
    expect(status?.message).toBe(`RolloutAborted: Rollout aborted update to revision 2: Experiment analysis phase is error/failed: ${metricMessage}`);
    expect(experiments()[0]?.status?.message).toBe(metricMessage);
    expect(status?.stableRS).toBe(stable);
    expect(experiments().map((e) => e.status?.phase)).toEqual(['Failed']);
  });
});
