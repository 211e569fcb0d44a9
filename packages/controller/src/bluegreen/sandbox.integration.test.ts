/**
 * Blue-green and Experiment reconcilers against the sandbox API server, driven by real kubectl applying the
 * generated CRDs and upstream/seed manifests; pods become Ready through the sandbox's simulated kubelet, analysis
 * Jobs run through its simulated Job controller (`sleep N && exit C`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { type KubectlResult, kubectlRunner, waitFor } from '../test-support/kubectl.js';
import { type SandboxHarness, startSandboxHarness } from './test-support/sandbox-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const fixtures = join(repoRoot, 'packages/api/src/__fixtures__');
const functional = join(fixtures, 'upstream-e2e/functional');

let sandbox: Sandbox;
let harness: SandboxHarness;
let kubectl: (args: string[]) => Promise<KubectlResult>;
let dir = '';

const ok = async (args: string[]): Promise<string> => {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};

/** Write `docs` (edited upstream documents) to a temp file for kubectl. */
const manifest = (name: string, docs: unknown[]): string => {
  const path = join(dir, name);
  writeFileSync(path, docs.map((d) => stringify(d)).join('---\n'));
  return path;
};
const load = (path: string): Array<Record<string, unknown>> => parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-bluegreen-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  kubectl = kubectlRunner(kubeconfigPath, dir);
  await ok(['create', '-f', join(repoRoot, 'crds')]);
  harness = await startSandboxHarness(kubeconfigPath);
});

afterEach(async () => {
  await harness.stop();
  await sandbox.close();
});

const phaseOf = (name: string): string => {
  const ro = harness.rollout('default', name);
  return ro?.status?.observedGeneration === String(ro?.metadata?.generation ?? 0) ? (ro?.status?.phase ?? '') : '';
};
const waitPhase = (name: string, phase: string, limitMs = 20_000) => waitFor(`${name} ${phase}`, () => phaseOf(name) === phase, limitMs);
/** desired, current, updated, ready, available — upstream ExpectReplicaCounts order. */
const replicaCounts = (name: string): number[] => {
  const ro = harness.rollout('default', name);
  const s = ro?.status ?? {};
  return [ro?.spec.replicas ?? 1, s.replicas ?? 0, s.updatedReplicas ?? 0, s.readyReplicas ?? 0, s.availableReplicas ?? 0];
};
const byImage = (rss: V1ReplicaSet[]): Record<string, number> => Object.fromEntries(rss.map((rs) => [rs.spec?.template?.spec?.containers[0]?.image ?? '', rs.spec?.replicas ?? 0]));
const setImage = (name: string, image: string) => ok(['patch', 'rollout', name, '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }])]);
const patchStatus = (name: string, patch: unknown) => ok(['patch', 'rollout', name, '--subresource=status', '--type', 'merge', '-p', JSON.stringify(patch)]);
const reasonsFor = (kind: string, name: string): string[] => harness.events.filter((e) => e.kind === kind && e.name === name).map((e) => e.reason);
const selectorHash = (svc: string): string => harness.service('default', svc)?.spec?.selector?.['rollouts-pod-template-hash'] ?? '';

describe('upstream e2e TestBlueGreenUpdate (functional/rollout-bluegreen.yaml) on the sandbox', () => {
  it('replica counts at each stage and the event reasons in upstream order', { timeout: 60_000 }, async () => {
    await ok(['apply', '-f', join(functional, 'rollout-bluegreen.yaml')]);
    await waitPhase('bluegreen', 'Healthy');
    await waitFor('counts 3,3,3,3,3', () => replicaCounts('bluegreen').join() === '3,3,3,3,3');
    await setImage('bluegreen', 'nginx:1.20-alpine');
    await waitFor('active on revision 2', () => {
      const rs2 = harness.replicaSetsOwnedBy('default', 'Rollout', 'bluegreen').find((rs) => rs.metadata?.annotations?.['rollout.argoproj.io/revision'] === '2');
      return rs2 !== undefined && selectorHash('bluegreen') === rs2.metadata?.labels?.['rollouts-pod-template-hash'];
    });
    await waitPhase('bluegreen', 'Healthy');
    expect(replicaCounts('bluegreen')).toEqual([3, 6, 3, 3, 3]);
    expect(reasonsFor('Rollout', 'bluegreen')).toEqual([
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'ScalingReplicaSet',
      'RolloutCompleted',
      'SwitchService',
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'RolloutNotCompleted',
      'ScalingReplicaSet',
      'SwitchService',
      'RolloutCompleted',
    ]);
    // scaleDownDelaySeconds: 10 → the old RS goes to 0 after its deadline
    const oldRS = () => harness.replicaSetsOwnedBy('default', 'Rollout', 'bluegreen').find((rs) => rs.metadata?.annotations?.['rollout.argoproj.io/revision'] === '1');
    await waitFor('scale-down-deadline on the old RS', () => oldRS()?.metadata?.annotations?.['scale-down-deadline'] !== undefined);
    expect(oldRS()?.metadata?.annotations?.['scale-down-deadline']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(oldRS()?.spec?.replicas).toBe(3);
    await waitFor('old RS scaled down', () => byImage(harness.replicaSetsOwnedBy('default', 'Rollout', 'bluegreen'))['nginx:1.19-alpine'] === 0, 20_000);
    await waitFor('counts settle', () => replicaCounts('bluegreen').join() === '3,3,3,3,3');
  });
});

describe('seed E2: blue-green `reviews` with active/preview Services, autoPromotionEnabled false', () => {
  it('preview gets the new RS → paused → promote → active switches → old RS down after the delay', { timeout: 60_000 }, async () => {
    const active = load(join(fixtures, 'seed/v6-service.yaml'))[0] ?? {};
    const preview = { ...active, metadata: { name: 'rollout-bluegreen-preview' }, spec: { ...(active['spec'] as object), selector: { blue: 'blue' } } };
    const rollout = load(join(fixtures, 'seed/e2-rollout-bluegreen.yaml'))[0] ?? {};
    // a short scale-down delay so the test waits seconds, not the 30 s default
    ((rollout['spec'] as { strategy: { blueGreen: Record<string, unknown> } }).strategy.blueGreen)['scaleDownDelaySeconds'] = 2;
    await ok(['apply', '-f', manifest('reviews.yaml', [active, preview, rollout])]);
    await waitPhase('reviews', 'Healthy');
    const v1Hash = harness.rollout('default', 'reviews')?.status?.currentPodHash ?? '';
    expect([selectorHash('rollout-bluegreen-active'), selectorHash('rollout-bluegreen-preview')]).toEqual([v1Hash, v1Hash]);
    expect(harness.service('default', 'rollout-bluegreen-active')?.metadata?.annotations?.['argo-rollouts.argoproj.io/managed-by-rollouts']).toBe('reviews');
    await waitFor('counts 1,1,1,1,1', () => replicaCounts('reviews').join() === '1,1,1,1,1');

    await setImage('reviews', 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2');
    await waitPhase('reviews', 'Paused');
    const paused = harness.rollout('default', 'reviews')?.status;
    const v2Hash = paused?.currentPodHash ?? '';
    expect(paused).toMatchObject({ message: 'BlueGreenPause', stableRS: v1Hash, blueGreen: { activeSelector: v1Hash, previewSelector: v2Hash } });
    expect([selectorHash('rollout-bluegreen-active'), selectorHash('rollout-bluegreen-preview')]).toEqual([v1Hash, v2Hash]);
    expect(replicaCounts('reviews')).toEqual([1, 2, 1, 1, 1]);

    await patchStatus('reviews', { status: { pauseConditions: null } });
    await waitFor('promoted', () => phaseOf('reviews') === 'Healthy' && harness.rollout('default', 'reviews')?.status?.stableRS === v2Hash);
    expect(selectorHash('rollout-bluegreen-active')).toBe(v2Hash);
    expect(replicaCounts('reviews')).toEqual([1, 2, 1, 1, 1]);
    await waitFor('old RS scaled down after scaleDownDelaySeconds', () => byImage(harness.replicaSetsOwnedBy('default', 'Rollout', 'reviews'))['docker.io/istio/examples-bookinfo-reviews-v1:1.16.2'] === 0, 15_000);
    expect(reasonsFor('Rollout', 'reviews')).toEqual([
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'SwitchService',
      'ScalingReplicaSet',
      'RolloutCompleted',
      'SwitchService',
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'SwitchService',
      'RolloutNotCompleted',
      'ScalingReplicaSet',
      'RolloutPaused',
      'SwitchService',
      'RolloutCompleted',
      'ScalingReplicaSet',
    ]);
  });
});

describe('pre-promotion analysis on the sandbox (Job provider)', () => {
  it('a failing pre-promotion Job aborts the update and keeps the active Service on the old RS', { timeout: 60_000 }, async () => {
    const docs = load(join(functional, 'rollout-bluegreen.yaml'));
    const ro = docs.find((d) => d['kind'] === 'Rollout') ?? {};
    const spec = ro['spec'] as { replicas: number; strategy: { blueGreen: Record<string, unknown> } };
    spec.replicas = 1;
    spec.strategy.blueGreen['prePromotionAnalysis'] = { templates: [{ templateName: 'sleep-job' }], args: [{ name: 'exit-code', value: '1' }] };
    const template = load(join(functional, 'analysistemplate-sleep-job.yaml'))[0] ?? {};
    await ok(['apply', '-f', manifest('bg-pre.yaml', [...docs.filter((d) => d['kind'] !== 'Rollout'), template, ro])]);
    await waitPhase('bluegreen', 'Healthy');
    const v1Hash = selectorHash('bluegreen');
    await setImage('bluegreen', 'nginx:1.20-alpine');
    await waitPhase('bluegreen', 'Degraded', 30_000);
    const status = harness.rollout('default', 'bluegreen')?.status;
    expect(status?.abort).toBe(true);
    expect(status?.message).toMatch(/^RolloutAborted: Rollout aborted update to revision 2: Blue\/green pre-promotion analysis phase error\/failed/);
    expect(selectorHash('bluegreen')).toBe(v1Hash);
    const run = harness.analysisRuns('default').find((r) => r.metadata?.labels?.['rollout-type'] === 'PrePromotion');
    expect(run?.metadata?.name).toBe(`bluegreen-${status?.currentPodHash ?? ''}-2-pre`);
    expect(run?.status?.phase).toBe('Failed');
    // exactly one run: the current run is tracked in status.blueGreen (no re-creation, no `.1` collisions)
    expect(harness.analysisRuns('default').map((r) => r.metadata?.name)).toEqual([run?.metadata?.name]);
    expect(reasonsFor('Rollout', 'bluegreen').slice(-2)).toEqual(['AnalysisRunFailed', 'RolloutAborted']);
  });
});

describe('upstream experiment-basic on the sandbox', () => {
  const basicWith = (edit: (spec: Record<string, unknown>) => void): Array<Record<string, unknown>> => {
    const ex = load(join(functional, 'experiment-basic.yaml'))[0] ?? {};
    ex['metadata'] = { name: 'experiment-basic' };
    edit(ex['spec'] as Record<string, unknown>);
    return [ex];
  };

  it('Pending → Running → Successful with a required Job analysis; template RSs `<experiment>-<template>` then scaled down', { timeout: 60_000 }, async () => {
    const template = load(join(functional, 'analysistemplate-sleep-job.yaml'))[0] ?? {};
    const docs = basicWith((spec) => {
      delete spec['duration'];
      spec['scaleDownDelaySeconds'] = 1;
      spec['analyses'] = [{ name: 'job', templateName: 'sleep-job', requiredForCompletion: true, args: [{ name: 'rev', value: '{{templates.canary.podTemplateHash}}' }] }];
    });
    await ok(['apply', '-f', manifest('ex.yaml', [template, ...docs])]);
    await waitFor('experiment Successful', () => harness.experiment('default', 'experiment-basic')?.status?.phase === 'Successful', 30_000);
    const ex = harness.experiment('default', 'experiment-basic');
    expect(ex?.status?.message).toBe('Required AnalysisRuns completed');
    expect(ex?.status?.analysisRuns).toEqual([{ name: 'job', analysisRun: 'experiment-basic-job', phase: 'Successful' }]);
    const rss = harness.replicaSetsOwnedBy('default', 'Experiment', 'experiment-basic');
    expect(rss.map((rs) => rs.metadata?.name).sort()).toEqual(['experiment-basic-baseline', 'experiment-basic-canary']);
    const canaryHash = rss.find((rs) => rs.metadata?.name === 'experiment-basic-canary')?.metadata?.labels?.['rollouts-pod-template-hash'];
    expect(harness.analysisRuns('default').find((r) => r.metadata?.name === 'experiment-basic-job')?.spec.args?.find((a) => a.name === 'rev')?.value).toBe(canaryHash);
    await waitFor('template RSs scaled down', () => harness.replicaSetsOwnedBy('default', 'Experiment', 'experiment-basic').every((rs) => rs.spec?.replicas === 0), 15_000);
    expect(reasonsFor('Experiment', 'experiment-basic').filter((r) => r.startsWith('Experiment'))).toEqual(['ExperimentPending', 'ExperimentRunning', 'ExperimentSuccessful']);
    const table = await ok(['get', 'experiment', 'experiment-basic', '-o', 'jsonpath={.status.phase}']);
    expect(table).toBe('Successful');
  });

  it('a failing Job analysis fails the experiment', { timeout: 60_000 }, async () => {
    const template = load(join(functional, 'analysistemplate-sleep-job.yaml'))[0] ?? {};
    const docs = basicWith((spec) => {
      spec['duration'] = '1h';
      spec['analyses'] = [{ name: 'job', templateName: 'sleep-job', args: [{ name: 'exit-code', value: '1' }] }];
    });
    await ok(['apply', '-f', manifest('ex-fail.yaml', [template, ...docs])]);
    await waitFor('experiment Failed', () => harness.experiment('default', 'experiment-basic')?.status?.phase === 'Failed', 30_000);
    expect(harness.experiment('default', 'experiment-basic')?.status?.analysisRuns?.[0]).toMatchObject({ name: 'job', phase: 'Failed' });
    await waitFor('template RSs scale-down deadline set', () => harness.replicaSetsOwnedBy('default', 'Experiment', 'experiment-basic').every((rs) => rs.metadata?.annotations?.['scale-down-deadline'] !== undefined));
  });
});
