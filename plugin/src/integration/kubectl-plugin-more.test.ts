// Integration, part 2: upstream testdata goldens, experiments, create/lint/completion/dashboard and watch,
// all through REAL `kubectl argo rollouts …` plugin dispatch against a fresh sandbox per test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '@serin/sandbox';
import type { Sandbox } from '@serin/sandbox';
import { newExperimentInfo, newRolloutInfo } from '@serin/core';
import { Resources } from '../kube/cluster.js';
import type { KubeObject } from '../kube/cluster.js';
import { loadTestdata } from '../test-support/upstream-testdata.js';
import type { TestdataDir } from '../test-support/upstream-testdata.js';
import { ensureBundle, pluginDir } from '../test-support/bundle.js';
import { getObject, installCrds, loadObjects } from '../test-support/sandbox-loader.js';
import { renderExperiment, renderRollout } from '../ui/views.js';

let sandbox: Sandbox;
let dir: string;

function kubectl(args: string[], onStdout?: (soFar: string, interrupt: () => void) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, PATH: `${pluginDir}bin:${process.env['PATH'] ?? ''}`, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir, TERM: 'xterm' };
  delete env['NO_COLOR'];
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['argo', 'rollouts', ...args, '--cache-dir', join(dir, 'cache')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, () => child.kill('SIGINT'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

beforeAll(ensureBundle, 120_000);
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-plugin-'));
  sandbox = await startSandbox({ port: 0, kubeconfigPath: join(dir, 'kubeconfig'), controllers: false, podReadyMs: 0 });
  await installCrds(sandbox.url);
});
afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Server-stamped ages are a few seconds; the goldens say 7d (same width, alignment unchanged). */
const normaliseAge = (s: string) => s.replace(/(?<= )\ds(?=   )/g, '7d');

async function loadDir(name: TestdataDir) {
  const now = Date.now();
  const t = loadTestdata(name, now);
  const objects = [...t.rollouts, ...t.objects.replicaSets, ...t.objects.pods, ...t.objects.experiments, ...t.objects.analysisRuns] as KubeObject[];
  const ns = objects[0]?.metadata?.namespace ?? 'default';
  await loadObjects(sandbox.url, ns, objects);
  return { t, now, ns };
}

describe('own goldens through the binary (upstream testdata)', () => {
  it.each([
    { dir: 'experiment-step' as const, name: 'canary-demo' },
    { dir: 'experiment-analysis' as const, name: 'rollout-experiment-analysis' },
    { dir: 'rollout-invalid' as const, name: 'rollout-invalid' },
  ])('get rollout $name ($dir) is byte-identical', async ({ dir: d, name }) => {
    const { t, now, ns } = await loadDir(d);
    const ro = t.rollouts.find((r) => r.metadata?.name === name);
    if (ro === undefined) throw new Error('fixture');
    const r = await kubectl(['get', 'rollout', name, '-n', ns, '--no-color']);
    expect(r.stderr).toBe('');
    expect(normaliseAge(r.stdout)).toBe(renderRollout(newRolloutInfo(ro, t.objects), { nowMs: now, color: false }));
  });

  it('get experiment is byte-identical; not found uses the lister wording', async () => {
    const { t, now, ns } = await loadDir('experiment-analysis');
    const exp = t.experiments[0];
    if (exp === undefined) throw new Error('fixture');
    const r = await kubectl(['get', 'experiment', exp.metadata?.name ?? '', '-n', ns, '--no-color']);
    expect(normaliseAge(r.stdout)).toBe(renderExperiment(newExperimentInfo(exp, t.objects), { nowMs: now, color: false }));
    expect(await kubectl(['get', 'exp', 'nope', '-n', ns])).toEqual({ code: 1, stdout: '', stderr: 'Error: experiment.argoproj.io "nope" not found\n' });
  });

  it('list experiments, retry and terminate an experiment', async () => {
    const { ns } = await loadDir('experiment-analysis');
    const list = await kubectl(['list', 'experiments', '-n', ns]);
    expect(list.stdout).toMatch(/^NAME {2,}STATUS +DURATION +REMAINING +AGE\nrollout-experiment-analysis-6f646bf7b7-1-vcv27 +Running +- +- +\ds +\n$/);
    const name = 'rollout-experiment-analysis-6f646bf7b7-1-vcv27';
    expect(await kubectl(['terminate', 'experiment', name, '-n', ns])).toEqual({ code: 0, stdout: `experiment '${name}' retried\n`, stderr: '' });
    expect((await getObject(sandbox.url, Resources.experiments, ns, name)).spec?.['terminate']).toBe(true);
    expect(await kubectl(['retry', 'experiment', name, '-n', ns])).toEqual({ code: 0, stdout: `experiment '${name}' retried\n`, stderr: '' });
    expect((await getObject(sandbox.url, Resources.experiments, ns, name)).status).toBeUndefined();
  });

  it('list experiments when there are none', async () => {
    expect(await kubectl(['list', 'exp'])).toEqual({ code: 0, stdout: '', stderr: 'No resources found.\n' });
  });
});

const rolloutYaml = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollout-canary
spec:
  replicas: 1
  selector: {matchLabels: {app: rollout-canary}}
  template:
    metadata: {labels: {app: rollout-canary}}
    spec: {containers: [{name: rollouts-demo, image: argoproj/rollouts-demo:blue}]}
  strategy:
    canary:
      steps: [{setWeight: 50}, {pause: {}}]
`;
const templateYaml = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: pass
spec:
  args: [{name: foo}]
  metrics:
  - name: pass
    provider:
      job:
        spec:
          template:
            spec:
              containers: [{name: sleep, image: alpine:3.8, command: [exit, "0"]}]
              restartPolicy: Never
`;

describe('create, lint, completion, dashboard through the binary', () => {
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('create -f a Rollout and an AnalysisTemplate, then create analysisrun --from', async () => {
    const r = await kubectl(['create', '-f', file('ro.yaml', rolloutYaml), '-f', file('t.yaml', templateYaml)]);
    expect(r).toEqual({ code: 0, stdout: 'rollout.argoproj.io/rollout-canary created\nanalysistemplate.argoproj.io/pass created\n', stderr: '' });
    const again = await kubectl(['create', '-f', join(dir, 'ro.yaml')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error: rollouts.argoproj.io "rollout-canary" already exists\n');
    const ar = await kubectl(['create', 'analysisrun', '--from', 'pass', '--name', 'run-1', '-a', 'foo=bar']);
    expect(ar).toEqual({ code: 0, stdout: 'analysisrun.argoproj.io/run-1 created\n', stderr: '' });
    const run = await getObject(sandbox.url, Resources.analysisRuns, 'default', 'run-1');
    expect(run.spec?.['args']).toEqual([{ name: 'foo', value: 'bar' }]);
    expect(await kubectl(['create', 'ar', '--from', 'missing'])).toEqual({ code: 1, stdout: '', stderr: 'Error: analysistemplates.argoproj.io "missing" not found\n' });
  });

  it('lint: valid file is silent; invalid prints the first error', async () => {
    expect(await kubectl(['lint', '-f', file('ro.yaml', rolloutYaml)])).toEqual({ code: 0, stdout: '', stderr: '' });
    const bad = rolloutYaml.replace('      steps:', '      maxSurge: 0\n      maxUnavailable: 0\n      steps:');
    const r = await kubectl(['lint', '-f', file('bad.yaml', bad)]);
    expect(r).toEqual({ code: 1, stdout: 'Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero\n', stderr: 'Error: spec.strategy.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero\n' });
  });

  it('completion bash is a script; an unknown shell is an error', async () => {
    const r = await kubectl(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete -F');
    expect((await kubectl(['completion', 'tcsh'])).code).toBe(1);
  });

  // parity: argo-rollouts completion.go — ValidArgs bash|zsh|fish|powershell, cobra.ExactValidArgs(1)
  it('completion powershell is a script; a missing shell is an error, not usage', async () => {
    const r = await kubectl(['completion', 'powershell']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain("Register-ArgumentCompleter -Native -CommandName 'kubectl-argo-rollouts'");
    expect(await kubectl(['completion'])).toEqual({ code: 1, stdout: '', stderr: 'Error: accepts 1 arg(s), received 0\n' });
  });

  // parity: argo-rollouts retry.go NewCmdRetryExperiment Long/Example
  it('retry experiment --help prints upstream’s Long and tab-indented example on stdout', async () => {
    const r = await kubectl(['retry', 'experiment', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Retry a failed experiment.\n\nUsage:\n  kubectl-argo-rollouts retry experiment EXPERIMENT_NAME [flags]\n')).toBe(true);
    expect(r.stdout).toContain('Examples:\n\t# Retry an experiment\n\tkubectl argo rollouts retry experiment my-experiment\n\nFlags:\n');
  });

  it('dashboard says it is not available, exit 1', async () => {
    const r = await kubectl(['dashboard']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: the dashboard is not available yet/);
  });

  it('get rollout -w without a TTY prints one frame per change and stops at --timeout-seconds (exit 0)', async () => {
    await kubectl(['create', '-f', file('ro.yaml', rolloutYaml)]);
    let paused: Promise<unknown> | undefined;
    // Pause only once the first frame is out, so the change lands inside the watch.
    const r = await kubectl(['get', 'rollout', 'rollout-canary', '-w', '--no-color', '--timeout-seconds', '8'], (soFar) => {
      paused ??= soFar.includes('Replicas:') ? kubectl(['pause', 'rollout-canary']) : undefined;
    });
    await paused;
    expect(r.code).toBe(0);
    const frames = r.stdout.split('Name:            rollout-canary\n').length - 1;
    expect(frames).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toContain('Message:         manually paused\n');
  });

  it('list rollouts -w prints the table, then only changed rows; Ctrl-C exits 0', async () => {
    await kubectl(['create', '-f', file('ro.yaml', rolloutYaml)]);
    const statusPath = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/rollout-canary/status';
    const setReady = (n: number) =>
      fetch(sandbox.url + statusPath, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ status: { replicas: 1, readyReplicas: n } }) });
    let step = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const r = await kubectl(['list', 'rollouts', '-w'], (soFar, interrupt) => {
      const rows = soFar.split('\n').filter((l) => l.startsWith('rollout-canary'));
      if (step === 0 && rows.length === 1) {
        step = 1;
        pending = setReady(1).then(() => setReady(1)); // the second, identical change prints nothing
      } else if (step === 1 && rows.length === 2) {
        step = 2;
        void pending.then(() => setTimeout(interrupt, 300));
      }
    });
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('rollout-canary'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^rollout-canary +Canary +\S+ +- +50 +1\/1 /);
  });

  it('status follows phase changes through the API watch and exits 0 when Healthy', async () => {
    await kubectl(['create', '-f', file('ro.yaml', rolloutYaml)]);
    const statusPath = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/rollout-canary/status';
    const setStatus = (status: Record<string, unknown>) =>
      fetch(sandbox.url + statusPath, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ status }) });
    await setStatus({ phase: 'Progressing', message: 'more replicas need to be updated' });
    let sent = false;
    const r = await kubectl(['status', 'rollout-canary', '-t', '20s'], (soFar) => {
      if (!sent && soFar.includes('Progressing')) {
        sent = true;
        void setStatus({ phase: 'Healthy', message: '' });
      }
    });
    expect(r).toEqual({ code: 0, stdout: 'Progressing - more replicas need to be updated\nHealthy\n', stderr: '' });
  });
});
