// Integration: the bundled plugin through REAL `kubectl argo rollouts …` plugin dispatch against the sandbox.
// Each test gets its own sandbox (API server only, no simulated controllers, so recorded statuses stay put),
// kubeconfig, HOME and --cache-dir.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '@serin/sandbox';
import type { Sandbox } from '@serin/sandbox';
import { newRolloutInfo } from '@serin/core';
import type { RolloutLike } from '@serin/core';
import { Resources } from '../kube/cluster.js';
import type { KubeObject } from '../kube/cluster.js';
import { FixtureNow, loadFixture } from '../test-support/fixtures.js';
import type { FixtureName } from '../test-support/fixtures.js';
import { ensureBundle, pluginDir } from '../test-support/bundle.js';
import { getObject, installCrds, loadObjects } from '../test-support/sandbox-loader.js';
import { renderRollout } from '../ui/views.js';


interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let sandbox: Sandbox;
let dir: string;

function kubectl(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env, PATH: `${pluginDir}bin:${process.env['PATH'] ?? ''}`, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir, TERM: 'xterm', ...extraEnv };
  delete (env as Record<string, string | undefined>)['NO_COLOR'];
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['argo', 'rollouts', ...args, '--cache-dir', join(dir, 'cache')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
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

async function load(name: FixtureName) {
  const f = loadFixture(name);
  const objects = [f.rollout, ...f.objects.replicaSets, ...f.objects.pods, ...f.objects.analysisRuns, ...f.objects.experiments] as KubeObject[];
  const created = await loadObjects(sandbox.url, f.namespace, objects);
  return { f, created };
}

/** Server-assigned ages are seconds old; the recorded goldens are 7d. Same width (2), so alignment is unchanged. */
const normaliseAge = (s: string) => s.replace(/(?<= )\ds(?=   )/g, '7d');

describe('get rollout through kubectl plugin dispatch', () => {
  it.each(['TestGetCanaryRollout', 'TestGetBlueGreenRollout', 'TestGetAbortedRollout'] as const)('%s is byte-identical to the in-process golden', async (name) => {
    const { f } = await load(name);
    const r = await kubectl(['get', 'rollout', f.rolloutName, '-n', f.namespace, '--no-color']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = renderRollout(newRolloutInfo(f.rollout, f.objects), { nowMs: FixtureNow, color: false });
    expect(normaliseAge(r.stdout)).toBe(expected);
  });

  it('not found → lister wording, exit 1', async () => {
    const r = await kubectl(['get', 'rollout', 'nope']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: rollout.argoproj.io "nope" not found\n' });
  });

  it('status --watch=false on the paused blue-green fixture', async () => {
    const { f } = await load('TestGetBlueGreenRollout');
    const r = await kubectl(['status', f.rolloutName, '-n', f.namespace, '--watch=false']);
    expect(r).toEqual({ code: 0, stdout: 'Paused - BlueGreenPause\n', stderr: '' });
  });

  it('status on the aborted fixture exits 1 with the degraded message', async () => {
    const { f } = await load('TestGetAbortedRollout');
    const r = await kubectl(['status', f.rolloutName]);
    const msg = 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)';
    expect(r).toEqual({ code: 1, stdout: `Degraded - ${msg}\n`, stderr: `Error: The rollout is in a degraded state with message: ${msg}\n` });
  });

  // parity: pflag durationValue wraps Go time.ParseDuration's error; checked before the rollout is looked up
  it.each([
    { t: '2', cause: 'time: missing unit in duration "2"' },
    { t: '5x', cause: 'time: unknown unit "x" in duration "5x"' },
  ])('status -t $t → pflag invalid argument with Go’s duration error, exit 1', async ({ t, cause }) => {
    expect(await kubectl(['status', 'nope', '-t', t])).toEqual({ code: 1, stdout: '', stderr: `Error: invalid argument "${t}" for "-t, --timeout" flag: ${cause}\n` });
  });

  it('list rollouts with none → No resources found. on stderr, exit 0', async () => {
    expect(await kubectl(['list', 'rollouts'])).toEqual({ code: 0, stdout: '', stderr: 'No resources found.\n' });
  });

  it('list rollouts', async () => {
    const { f } = await load('TestGetCanaryRollout');
    const r = await kubectl(['list', 'rollouts', '-n', f.namespace]);
    expect(r.stdout).toBe(
      'NAME         STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE\n' +
        'canary-demo  Canary     Degraded      0/8   20          5/6    5        1           5        \n',
    );
  });
});

describe('mutations through kubectl plugin dispatch', () => {
  const ro = async (ns: string, name: string) => (await getObject(sandbox.url, Resources.rollouts, ns, name)) as KubeObject & RolloutLike;

  it('promote clears the blue-green pause condition', async () => {
    const { f } = await load('TestGetBlueGreenRollout');
    const r = await kubectl(['promote', f.rolloutName, '-n', f.namespace]);
    expect(r).toEqual({ code: 0, stdout: "rollout 'bluegreen-demo' promoted\n", stderr: '' });
    expect((await ro(f.namespace, f.rolloutName)).status?.pauseConditions).toBeUndefined();
  });

  it('promote --full sets status.promoteFull', async () => {
    const { f } = await load('TestGetCanaryRollout');
    const r = await kubectl(['promote', f.rolloutName, '-n', f.namespace, '--full']);
    expect(r).toEqual({ code: 0, stdout: "rollout 'canary-demo' fully promoted\n", stderr: '' });
    expect((await ro(f.namespace, f.rolloutName)).status?.promoteFull).toBe(true);
  });

  // parity: promote.go MarkShorthandDeprecated("c", …) — pflag prints the shorthand notice before the long one
  it('promote -c works and prints both pflag deprecation notices on stderr', async () => {
    const { f } = await load('TestGetCanaryRollout');
    const msg = 'use without the flag instead ex: promote ROLLOUT_NAME';
    const r = await kubectl(['promote', f.rolloutName, '-n', f.namespace, '-c']);
    expect(r).toEqual({ code: 0, stdout: "rollout 'canary-demo' promoted\n", stderr: `Flag shorthand -c has been deprecated, ${msg}\nFlag --skip-current-step has been deprecated, ${msg}\n` });
  });

  it('abort then retry', async () => {
    const { f } = await load('TestGetCanaryRollout');
    expect(await kubectl(['abort', f.rolloutName, '-n', f.namespace])).toEqual({ code: 0, stdout: "rollout 'canary-demo' aborted\n", stderr: '' });
    expect((await ro(f.namespace, f.rolloutName)).status?.abort).toBe(true);
    expect(await kubectl(['retry', 'rollout', f.rolloutName, '-n', f.namespace])).toEqual({ code: 0, stdout: "rollout 'canary-demo' retried\n", stderr: '' });
    expect((await ro(f.namespace, f.rolloutName)).status?.abort).toBe(false);
  });

  // parity: argo-rollouts cmd/abort/abort.go, cmd/retry/retry.go, cmd/terminate/terminate.go loop over every name
  it('abort/retry/terminate take several names: one line each, the first failure ends the command', async () => {
    const { f } = await load('TestGetAbortedRollout');
    const name = f.rolloutName;
    const run = 'rollout-background-analysis-db976bc44-2';
    const abort = await kubectl(['abort', name, 'nope', name, '-n', f.namespace]);
    expect(abort).toEqual({ code: 1, stdout: `rollout '${name}' aborted\n`, stderr: 'Error: rollouts.argoproj.io "nope" not found\n' });
    expect(await kubectl(['retry', 'rollout', name, name, '-n', f.namespace])).toEqual({ code: 0, stdout: `rollout '${name}' retried\nrollout '${name}' retried\n`, stderr: '' });
    expect((await ro(f.namespace, name)).status?.abort).toBe(false);
    expect(await kubectl(['terminate', 'ar', run, run, '-n', f.namespace])).toEqual({ code: 0, stdout: `analysisRun '${run}' terminated\nanalysisRun '${run}' terminated\n`, stderr: '' });
  });

  it('pause and restart', async () => {
    const { f } = await load('TestGetCanaryRollout');
    expect(await kubectl(['pause', f.rolloutName, '-n', f.namespace])).toEqual({ code: 0, stdout: "rollout 'canary-demo' paused\n", stderr: '' });
    expect((await ro(f.namespace, f.rolloutName)).spec?.paused).toBe(true);
    expect(await kubectl(['restart', f.rolloutName, '-n', f.namespace, '--in', '10m'])).toEqual({ code: 0, stdout: "rollout 'canary-demo' restarts in 10m\n", stderr: '' });
    expect((await ro(f.namespace, f.rolloutName)).spec?.restartAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('set image updates the container and get shows the new template image nowhere until an RS runs it', async () => {
    const { f } = await load('TestGetCanaryRollout');
    const r = await kubectl(['set', 'image', f.rolloutName, '-n', f.namespace, 'canary-demo=argoproj/rollouts-demo:yellow']);
    expect(r).toEqual({ code: 0, stdout: 'rollout "canary-demo" image updated\n', stderr: '' });
    const containers = (await ro(f.namespace, f.rolloutName)).spec?.template?.spec?.containers;
    expect(containers?.map((c) => c.image)).toEqual(['argoproj/rollouts-demo:yellow']);
    const bad = await kubectl(['set', 'image', f.rolloutName, '-n', f.namespace, 'typo=x:1']);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Error: unable to find container named "typo"\n' });
  });

  it('undo to the current revision is skipped (no trailing newline)', async () => {
    const { f } = await load('TestGetCanaryRollout');
    const r = await kubectl(['undo', f.rolloutName, '-n', f.namespace, '--to-revision', '31']);
    expect(r).toEqual({ code: 0, stdout: 'skipped rollback (current template already matches revision 31)', stderr: '' });
  });

  it('undo rolls the template back to the previous revision', async () => {
    const { f } = await load('TestGetCanaryRollout');
    const r = await kubectl(['undo', f.rolloutName, '-n', f.namespace]);
    expect(r).toEqual({ code: 0, stdout: "rollout 'canary-demo' undo\n", stderr: '' });
    const containers = (await ro(f.namespace, f.rolloutName)).spec?.template?.spec?.containers;
    expect(containers?.map((c) => c.image)).toEqual(['argoproj/rollouts-demo:green']);
  });

  it.each([
    { argv: ['promote', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['abort', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['pause', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['retry', 'experiment', 'nope'], err: 'Error: experiments.argoproj.io "nope" not found\n' },
    { argv: ['terminate', 'analysisrun', 'nope'], err: 'Error: analysisruns.argoproj.io "nope" not found\n' },
    { argv: ['set', 'image', 'nope', 'a=b'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['undo', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['retry', 'rollout', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['restart', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['terminate', 'experiment', 'nope'], err: 'Error: experiments.argoproj.io "nope" not found\n' },
    { argv: ['promote', 'nope', '--full'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { argv: ['status', 'nope'], err: 'Error: rollout.argoproj.io "nope" not found\n' },
  ])('$argv → server not-found text, exit 1', async ({ argv, err }) => {
    expect(await kubectl(argv)).toEqual({ code: 1, stdout: '', stderr: err });
  });

  it('terminate analysisrun on the aborted fixture', async () => {
    const { f } = await load('TestGetAbortedRollout');
    const r = await kubectl(['terminate', 'ar', 'rollout-background-analysis-db976bc44-2', '-n', f.namespace]);
    expect(r).toEqual({ code: 0, stdout: "analysisRun 'rollout-background-analysis-db976bc44-2' terminated\n", stderr: '' });
    expect((await getObject(sandbox.url, Resources.analysisRuns, f.namespace, 'rollout-background-analysis-db976bc44-2')).spec?.['terminate']).toBe(true);
  });
});

describe('version through kubectl plugin dispatch', () => {
  it('prints the bundle’s version lines', async () => {
    const r = await kubectl(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kubectl-argo-rollouts: v\d+\.\d+\.\d+\n  BuildDate: .+\n  GitCommit: [0-9a-f]+\n  GitTreeState: (clean|dirty)\n  GoVersion: node.+\n  Compiler: esbuild\n  Platform: .+\n$/);
  });
});
