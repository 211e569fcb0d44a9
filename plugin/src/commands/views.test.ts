// get / status / list through the command layer against the upstream fixtures.
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import { FixtureNow, loadFixture } from '../test-support/fixtures.js';
import type { KubeObject } from '../kube/cluster.js';

function fixtureObjects(name: 'TestGetCanaryRollout' | 'TestGetBlueGreenRollout' | 'TestGetAbortedRollout'): { objects: KubeObject[]; namespace: string; rollout: string } {
  const f = loadFixture(name);
  const all = [f.rollout, ...f.objects.replicaSets, ...f.objects.pods, ...f.objects.analysisRuns, ...f.objects.experiments] as KubeObject[];
  return { objects: all, namespace: f.namespace, rollout: f.rolloutName };
}

describe('get rollout', () => {
  it('prints the canary golden (with padding) and exits 0', async () => {
    const f = fixtureObjects('TestGetCanaryRollout');
    const r = await runCli(['get', 'rollout', f.rollout, '--no-color'], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('⟳ canary-demo                            Rollout     ✖ Degraded          7d   \n');
    expect(r.stdout.startsWith('Name:            canary-demo\n')).toBe(true);
  });
  it.each([['ro'], ['rollouts']])('alias %s', async (alias) => {
    const f = fixtureObjects('TestGetBlueGreenRollout');
    const r = await runCli(['get', alias, f.rollout, '--no-color'], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow });
    expect(r.stdout).toContain('Status:          ॥ Paused\n');
  });
  it('colours by default (no TTY check), not with TERM=dumb', async () => {
    const f = fixtureObjects('TestGetAbortedRollout');
    const colored = await runCli(['get', 'rollout', f.rollout], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow });
    expect(colored.stdout).toContain('\x1b[31m✖\x1b[0m Degraded');
    const dumb = await runCli(['get', 'rollout', f.rollout], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow, env: { TERM: 'dumb' } });
    expect(dumb.stdout).not.toContain('\x1b[');
  });
  it('not found uses the lister’s singular wording', async () => {
    const r = await runCli(['get', 'rollout', 'nope']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: 'Error: rollout.argoproj.io "nope" not found\n' });
  });
  it('get experiment not found', async () => {
    const r = await runCli(['get', 'exp', 'nope']);
    expect(r.stderr).toBe('Error: experiment.argoproj.io "nope" not found\n');
  });
  it('-w without a TTY prints a frame only when it changed and stops at --timeout-seconds', async () => {
    const f = fixtureObjects('TestGetCanaryRollout');
    const r = await runCli(['get', 'rollout', f.rollout, '-w', '--no-color', '--timeout-seconds', '5'], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow });
    expect(r.code).toBe(0);
    // ages stay at 7d for 5 s of virtual time, so exactly one frame
    expect(r.stdout.split('Name:            canary-demo').length - 1).toBe(1);
  });
});

describe('status', () => {
  it.each([
    { fixture: 'TestGetBlueGreenRollout' as const, argv: ['--watch=false'], code: 0, out: 'Paused - BlueGreenPause\n', err: '' },
    { fixture: 'TestGetAbortedRollout' as const, argv: [], code: 1, out: 'Degraded - RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)\n', err: 'Error: The rollout is in a degraded state with message: RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)\n' },
    { fixture: 'TestGetBlueGreenRollout' as const, argv: ['-t', '3s'], code: 1, out: 'Paused - BlueGreenPause\n', err: 'Error: Rollout status watch exceeded timeout\n' },
  ])('$fixture $argv', async ({ fixture, argv, code, out, err }) => {
    const f = fixtureObjects(fixture);
    const r = await runCli(['status', f.rollout, ...argv], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code, stdout: out, stderr: err });
  });
  it('not found', async () => {
    const r = await runCli(['status', 'nope']);
    expect(r.stderr).toBe('Error: rollout.argoproj.io "nope" not found\n');
  });
});

describe('list', () => {
  it('empty → No resources found. on stderr, exit 0', async () => {
    const r = await runCli(['list', 'rollouts']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: 'No resources found.\n' });
  });
  it('lists the fixture rollout', async () => {
    const f = fixtureObjects('TestGetCanaryRollout');
    const r = await runCli(['list', 'ro', '-n', f.namespace], { objects: f.objects, namespace: f.namespace });
    expect(r.stdout).toBe(
      'NAME         STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE\n' +
        'canary-demo  Canary     Degraded      0/8   20          5/6    5        1           5        \n',
    );
    expect(r.connectFlags[0]?.namespace).toBe(f.namespace);
  });
});

describe('version, help, dashboard, completion', () => {
  it('version', async () => {
    const r = await runCli(['version']);
    expect(r.stdout).toBe('kubectl-argo-rollouts: v1.2.3\n  BuildDate: 2026-11-27T00:00:00Z\n  GitCommit: abc\n  GitTreeState: clean\n  GoVersion: node20\n  Compiler: esbuild\n  Platform: linux/amd64\n');
  });
  it('version --short', async () => {
    expect((await runCli(['version', '--short'])).stdout).toBe('kubectl-argo-rollouts: v1.2.3\n');
  });
  it('--help prints the long description then usage on stdout, exit 0', async () => {
    const r = await runCli(['get', 'rollout', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage:\n  kubectl-argo-rollouts get rollout ROLLOUT_NAME [flags]\n\nAliases:\n  rollout, ro, rollouts\n');
  });
  it.each([
    { argv: ['list', 'rollouts'], aliases: 'Aliases:\n  rollouts, ro, rollout\n' },
    { argv: ['list', 'experiments'], aliases: 'Aliases:\n  experiments, exp, experiment\n' },
  ])('$argv usage names its aliases as upstream tests assert', async ({ argv, aliases }) => {
    const r = await runCli([...argv, '--help']);
    expect(r.stdout).toContain(aliases);
  });
  // parity: upstream leaves Args nil on these commands, so cobra ignores extra positional arguments
  it.each([
    { argv: ['version', 'extra', '--short'], out: 'kubectl-argo-rollouts: v1.2.3\n' },
    { argv: ['list', 'rollouts', 'extra'], out: '' },
    { argv: ['list', 'experiments', 'extra'], out: '' },
  ])('$argv runs, ignoring the extra argument', async ({ argv, out }) => {
    const r = await runCli(argv);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: out });
    expect(r.stderr).not.toContain('Usage:');
  });
  it('root help lists the commands alphabetically', async () => {
    const r = await runCli(['--help']);
    const names = [...r.stdout.matchAll(/^ {2}([a-z]+) +[A-Z]/gm)].map((m) => m[1]);
    expect(names).toEqual(['abort', 'completion', 'create', 'dashboard', 'get', 'help', 'lint', 'list', 'pause', 'promote', 'restart', 'retry', 'set', 'status', 'terminate', 'undo', 'version']);
  });
  it('dashboard says it is not available and exits 1', async () => {
    const r = await runCli(['dashboard']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: the dashboard is not available yet/);
  });
  it.each(['bash', 'zsh', 'fish', 'powershell'])('completion %s mentions the commands', async (shell) => {
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('promote');
  });
  it.each([
    { argv: ['get', 'rollout', 'x', '--bogus'], err: 'Error: unknown flag: --bogus\n' },
    { argv: ['get', 'rollout', 'x', '-q'], err: "Error: unknown shorthand flag: 'q' in -q\n" },
    { argv: ['get', 'rollout', 'x', '--timeout-seconds', 'abc'], err: 'Error: invalid argument "abc" for "--timeout-seconds" flag: strconv.ParseInt: parsing "abc": invalid syntax\n' },
    { argv: ['bogus'], err: 'Error: unknown command "bogus" for "kubectl-argo-rollouts"\nRun \'kubectl-argo-rollouts --help\' for usage.\n' },
    // parity: cobra findSuggestions (distance ≤ 2 or prefix, upstream AddCommand order, help never suggested)
    { argv: ['promot', 'x'], err: 'Error: unknown command "promot" for "kubectl-argo-rollouts"\n\nDid you mean this?\n\tpromote\n\nRun \'kubectl-argo-rollouts --help\' for usage.\n' },
    { argv: ['re'], err: 'Error: unknown command "re" for "kubectl-argo-rollouts"\n\nDid you mean this?\n\tget\n\trestart\n\tretry\n\tset\n\nRun \'kubectl-argo-rollouts --help\' for usage.\n' },
    { argv: ['ABRT'], err: 'Error: unknown command "ABRT" for "kubectl-argo-rollouts"\n\nDid you mean this?\n\tabort\n\nRun \'kubectl-argo-rollouts --help\' for usage.\n' },
    // parity: pflag InvalidValueError names `-s, --long` when the flag has a shorthand
    { argv: ['dashboard', '--port', 'x'], err: 'Error: invalid argument "x" for "-p, --port" flag: strconv.ParseInt: parsing "x": invalid syntax\n' },
    // parity: pflag durationValue → Go time.ParseDuration's own error texts (status -t/--timeout)
    { argv: ['status', 'guestbook', '-t', '2'], err: 'Error: invalid argument "2" for "-t, --timeout" flag: time: missing unit in duration "2"\n' },
    { argv: ['status', 'guestbook', '--timeout=5x'], err: 'Error: invalid argument "5x" for "-t, --timeout" flag: time: unknown unit "x" in duration "5x"\n' },
    { argv: ['status', 'guestbook', '--timeout', 'soon'], err: 'Error: invalid argument "soon" for "-t, --timeout" flag: time: invalid duration "soon"\n' },
    // flag values are checked before arity, as pflag parses before cobra runs the command
    { argv: ['status', '-t', '2'], err: 'Error: invalid argument "2" for "-t, --timeout" flag: time: missing unit in duration "2"\n' },
  ])('flag/command errors: $argv', async ({ argv, err }) => {
    const r = await runCli(argv);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: err });
  });
});
