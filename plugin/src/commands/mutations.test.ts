// Mutation commands end to end in-process: argv → patches sent → message and exit code.
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import type { KubeObject } from '../kube/cluster.js';

const rollout = (extra: { spec?: Record<string, unknown>; status?: Record<string, unknown> } = {}): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'guestbook', namespace: 'default', uid: 'ro-uid' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'guestbook' } },
    template: { metadata: { labels: { app: 'guestbook' } }, spec: { containers: [{ name: 'app', image: 'argoproj/rollouts-demo:blue' }] } },
    strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }] } },
    ...extra.spec,
  },
  status: { currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-11-27T09:00:00Z' }], controllerPause: true, ...extra.status },
});

const patches = (r: Awaited<ReturnType<typeof runCli>>) => r.cluster.requests.filter((q) => q.verb === 'PATCH').map((q) => `${q.path} ${q.contentType} ${q.body}`);

describe('mutations', () => {
  it.each([
    { name: 'promote a paused canary', argv: ['promote', 'guestbook'], out: "rollout 'guestbook' promoted\n", sent: ['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook/status application/merge-patch+json {"status":{"pauseConditions":null}}'] },
    { name: 'promote --full', argv: ['promote', 'guestbook', '--full'], out: "rollout 'guestbook' fully promoted\n", sent: [] },
    { name: 'abort', argv: ['abort', 'guestbook'], out: "rollout 'guestbook' aborted\n", sent: ['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook/status application/merge-patch+json {"status":{"abort":true}}'] },
    { name: 'retry rollout (alias ro)', argv: ['retry', 'ro', 'guestbook'], out: "rollout 'guestbook' retried\n", sent: ['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook/status application/merge-patch+json {"status":{"abort":false}}'] },
    { name: 'pause', argv: ['pause', 'guestbook'], out: "rollout 'guestbook' paused\n", sent: ['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook application/merge-patch+json {"spec":{"paused":true}}'] },
    { name: 'restart now', argv: ['restart', 'guestbook'], out: "rollout 'guestbook' restarts in 0s\n", sent: ['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook application/merge-patch+json {"spec":{"restartAt":"2026-11-27T10:00:00Z"}}'] },
    { name: 'restart in 10m', argv: ['restart', 'guestbook', '--in', '10m'], out: "rollout 'guestbook' restarts in 10m\n", sent: ['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook application/merge-patch+json {"spec":{"restartAt":"2026-11-27T10:10:00Z"}}'] },
  ])('$name', async ({ argv, out, sent }) => {
    const r = await runCli(argv, { objects: [rollout()] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: out, stderr: '' });
    expect(patches(r)).toEqual(sent);
  });

  it.each([
    { flag: '-a', err: 'Flag shorthand -a has been deprecated, use --full instead\nFlag --skip-all-steps has been deprecated, use --full instead\n', sent: '{"status":{"currentStepIndex":3}}' },
    { flag: '--skip-all-steps', err: 'Flag --skip-all-steps has been deprecated, use --full instead\n', sent: '{"status":{"currentStepIndex":3}}' },
    { flag: '-c', err: 'Flag shorthand -c has been deprecated, use without the flag instead ex: promote ROLLOUT_NAME\nFlag --skip-current-step has been deprecated, use without the flag instead ex: promote ROLLOUT_NAME\n', sent: '{"status":{"currentStepIndex":2}}' },
  ])('promote $flag still works, after pflag’s deprecation notice(s) on stderr', async ({ flag, err, sent }) => {
    const r = await runCli(['promote', 'guestbook', flag], { objects: [rollout()] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: "rollout 'guestbook' promoted\n", stderr: err });
    expect(patches(r)).toEqual([`/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook/status application/merge-patch+json ${sent}`]);
  });

  it('promote --full on an unpromoted rollout sends promoteFull to /status', async () => {
    const r = await runCli(['promote', 'guestbook', '--full'], { objects: [rollout({ status: { currentPodHash: 'new', stableRS: 'old' } })] });
    expect(patches(r)).toEqual(['/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook/status application/merge-patch+json {"status":{"promoteFull":true}}']);
  });

  it('falls back to the unified body when the CRD has no status subresource', async () => {
    const r = await runCli(['promote', 'guestbook'], { objects: [rollout()], noStatusSubresource: true });
    expect(r.code).toBe(0);
    expect(patches(r)).toEqual([
      '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook/status application/merge-patch+json {"status":{"pauseConditions":null}}',
      '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook application/merge-patch+json {"spec":{"paused":false},"status":{"pauseConditions":null}}',
    ]);
  });

  const experiment = (name: string): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', metadata: { name, namespace: 'default' }, spec: {} });
  const run = (name: string): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name, namespace: 'default' }, spec: {} });
  const other = { ...rollout(), metadata: { name: 'other', namespace: 'default' } };

  // parity: argo-rollouts cmd/abort/abort.go, cmd/retry/retry.go, cmd/terminate/terminate.go — `for _, name := range args`
  it.each([
    { name: 'abort', argv: ['abort', 'guestbook', 'other'], out: "rollout 'guestbook' aborted\nrollout 'other' aborted\n" },
    { name: 'retry rollout', argv: ['retry', 'rollout', 'guestbook', 'other'], out: "rollout 'guestbook' retried\nrollout 'other' retried\n" },
    { name: 'retry experiment', argv: ['retry', 'experiment', 'e1', 'e2'], out: "experiment 'e1' retried\nexperiment 'e2' retried\n" },
    { name: 'terminate analysisrun', argv: ['terminate', 'analysisrun', 'r1', 'r2'], out: "analysisRun 'r1' terminated\nanalysisRun 'r2' terminated\n" },
    { name: 'terminate experiment', argv: ['terminate', 'experiment', 'e1', 'e2'], out: "experiment 'e1' retried\nexperiment 'e2' retried\n" },
  ])('$name accepts several names, one line each', async ({ argv, out }) => {
    const r = await runCli(argv, { objects: [rollout(), other, experiment('e1'), experiment('e2'), run('r1'), run('r2')] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: out, stderr: '' });
    expect(patches(r)).toHaveLength(2);
  });

  it.each([
    { name: 'abort', argv: ['abort', 'guestbook', 'nope', 'other'], out: "rollout 'guestbook' aborted\n", err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { name: 'retry rollout', argv: ['retry', 'ro', 'guestbook', 'nope', 'other'], out: "rollout 'guestbook' retried\n", err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { name: 'retry experiment', argv: ['retry', 'exp', 'e1', 'nope', 'e2'], out: "experiment 'e1' retried\n", err: 'Error: experiments.argoproj.io "nope" not found\n' },
    { name: 'terminate analysisrun', argv: ['terminate', 'ar', 'r1', 'nope', 'r2'], out: "analysisRun 'r1' terminated\n", err: 'Error: analysisruns.argoproj.io "nope" not found\n' },
    { name: 'terminate experiment', argv: ['terminate', 'exp', 'e1', 'nope', 'e2'], out: "experiment 'e1' retried\n", err: 'Error: experiments.argoproj.io "nope" not found\n' },
  ])('$name stops at the first failing name (earlier lines stay printed)', async ({ argv, out, err }) => {
    const r = await runCli(argv, { objects: [rollout(), other, experiment('e1'), experiment('e2'), run('r1'), run('r2')] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: out, stderr: err });
    expect(r.stdout).not.toMatch(/'(other|e2|r2)'/);
  });

  it.each([
    { name: 'abort', argv: ['abort'] },
    { name: 'retry rollout', argv: ['retry', 'rollout'] },
    { name: 'retry experiment', argv: ['retry', 'experiment'] },
    { name: 'terminate analysisrun', argv: ['terminate', 'analysisrun'] },
    { name: 'terminate experiment', argv: ['terminate', 'experiment'] },
  ])('$name without a name → usage, exit 1', async ({ argv }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`Usage:\n  kubectl-argo-rollouts ${argv.join(' ')} `)).toBe(true);
  });

  it('pause accepts several names', async () => {
    const second = { ...rollout(), metadata: { name: 'other', namespace: 'default' } };
    const r = await runCli(['pause', 'guestbook', 'other'], { objects: [rollout(), second] });
    expect(r.stdout).toBe("rollout 'guestbook' paused\nrollout 'other' paused\n");
  });

  it.each([
    { name: 'promote missing rollout', argv: ['promote', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    { name: 'abort missing rollout', argv: ['abort', 'nope'], err: 'Error: rollouts.argoproj.io "nope" not found\n' },
    // parity: pflag prints `Flag shorthand -c …` before `Flag --skip-current-step …` (promote.go MarkShorthandDeprecated)
    { name: 'both skip flags', argv: ['promote', 'guestbook', '-c', '-a'], err: 'Flag shorthand -c has been deprecated, use without the flag instead ex: promote ROLLOUT_NAME\nFlag --skip-current-step has been deprecated, use without the flag instead ex: promote ROLLOUT_NAME\nFlag shorthand -a has been deprecated, use --full instead\nFlag --skip-all-steps has been deprecated, use --full instead\nError: Cannot use skip-current-step and skip-all-steps flags at the same time\n' },
    { name: 'both long skip flags, in argv order', argv: ['promote', 'guestbook', '--skip-all-steps', '--skip-current-step'], err: 'Flag --skip-all-steps has been deprecated, use --full instead\nFlag --skip-current-step has been deprecated, use without the flag instead ex: promote ROLLOUT_NAME\nError: Cannot use skip-current-step and skip-all-steps flags at the same time\n' },
    { name: 'terminate missing run', argv: ['terminate', 'ar', 'nope'], err: 'Error: analysisruns.argoproj.io "nope" not found\n' },
    { name: 'retry missing experiment', argv: ['retry', 'experiment', 'nope'], err: 'Error: experiments.argoproj.io "nope" not found\n' },

  ])('error: $name', async ({ argv, err }) => {
    const r = await runCli(argv, { objects: [rollout()] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: err });
  });

  // parity: restart.go DurationString(in).Duration() = time.ParseDuration (no bare seconds); Go's error, no patch
  it.each([
    { name: 'without a unit', argv: ['restart', 'guestbook', '--in', '30'], err: 'Error: time: missing unit in duration "30"\n' },
    { name: 'with an unknown unit', argv: ['restart', 'guestbook', '-i', '1d'], err: 'Error: time: unknown unit "d" in duration "1d"\n' },
  ])('restart --in $name', async ({ argv, err }) => {
    const r = await runCli(argv, { objects: [rollout()] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: err });
    expect(patches(r)).toEqual([]);
  });

  it.each([
    { name: 'promote without a name', argv: ['promote'] },
    { name: 'set image without CONTAINER=IMAGE', argv: ['set', 'image', 'guestbook', 'app'] },
    { name: 'a group without subcommand', argv: ['retry'] },
  ])('usage: $name → usage on stderr, exit 1', async ({ argv }) => {
    const r = await runCli(argv, { objects: [rollout()] });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('Usage:\n  kubectl-argo-rollouts ')).toBe(true);
    expect(r.stderr).not.toContain('Error:');
  });
});

describe('set image', () => {
  it('PUTs the rollout with the new image and prints upstream’s message', async () => {
    const r = await runCli(['set', 'image', 'guestbook', 'app=argoproj/rollouts-demo:yellow'], { objects: [rollout()] });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: 'rollout "guestbook" image updated\n' });
    const put = r.cluster.requests.find((q) => q.verb === 'PUT');
    expect(JSON.parse(put?.body ?? '{}').spec.template.spec.containers[0].image).toBe('argoproj/rollouts-demo:yellow');
  });
  it('retries on conflict (up to 5 attempts)', async () => {
    const r = await runCli(['set', 'image', 'guestbook', '*=x:1'], { objects: [rollout()], conflicts: 2 });
    expect(r.code).toBe(0);
    expect(r.cluster.requests.filter((q) => q.verb === 'PUT')).toHaveLength(3);
  });
  it('unknown container', async () => {
    const r = await runCli(['set', 'image', 'guestbook', 'typo=x:1'], { objects: [rollout()] });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: 'Error: unable to find container named "typo"\n' });
  });
});

describe('undo', () => {
  const rs = (rev: number, image: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `guestbook-${rev}`, namespace: 'default', uid: `rs-${rev}`, annotations: { 'rollout.argoproj.io/revision': String(rev) }, labels: { app: 'guestbook' }, ownerReferences: [{ uid: 'ro-uid', kind: 'Rollout', name: 'guestbook', controller: true }] },
    spec: { template: { metadata: { labels: { app: 'guestbook', 'rollouts-pod-template-hash': `h${rev}` } }, spec: { containers: [{ name: 'app', image }] } } },
  });
  it('rolls back to the previous revision with a JSON patch', async () => {
    const r = await runCli(['undo', 'guestbook'], { objects: [rollout(), rs(1, 'argoproj/rollouts-demo:green'), rs(2, 'argoproj/rollouts-demo:blue')] });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: "rollout 'guestbook' undo\n" });
    expect(patches(r)).toEqual([
      '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/guestbook application/json-patch+json [{"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"guestbook"}},"spec":{"containers":[{"name":"app","image":"argoproj/rollouts-demo:green"}]}}}]',
    ]);
  });
  it('skips when the template already matches (no trailing newline)', async () => {
    const r = await runCli(['undo', 'guestbook', '--to-revision', '2'], { objects: [rollout(), rs(1, 'argoproj/rollouts-demo:green'), rs(2, 'argoproj/rollouts-demo:blue')] });
    expect(r.stdout).toBe('skipped rollback (current template already matches revision 2)');
  });
  it('unknown revision', async () => {
    const r = await runCli(['undo', 'guestbook', '--to-revision=7'], { objects: [rollout(), rs(1, 'a')] });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: 'Error: unable to find specified revision 7 in history\n' });
  });
});
