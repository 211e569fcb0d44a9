// pflag value parsing seen through the CLI: bool spellings, bool-only rewriting, Go int literals and their errors.
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import type { KubeObject } from '../kube/cluster.js';

const rollout: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'guestbook', namespace: 'default', uid: 'ro-uid' },
  spec: { replicas: 1, strategy: { canary: { steps: [{ pause: {} }] } } },
  status: { phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-11-27T09:00:00Z' }] },
};

describe('pflag value parsing', () => {
  // parity: pflag boolValue.Set → strconv.ParseBool
  it.each(['--watch=0', '--watch=f', '--watch=FALSE', '-w=False'])('status %s is --watch=false', async (flag) => {
    const [plain, spelled] = await Promise.all([runCli(['status', 'guestbook', '--watch=false'], { objects: [rollout] }), runCli(['status', 'guestbook', flag], { objects: [rollout] })]);
    expect(spelled.stderr).toBe(plain.stderr);
    expect({ code: spelled.code, stdout: spelled.stdout }).toEqual({ code: plain.code, stdout: plain.stdout });
    expect(plain.stdout).not.toBe('');
  });

  it.each([
    // parity: pflag InvalidValueError wrapping strconv's error
    { argv: ['status', 'guestbook', '--watch=yes'], err: 'Error: invalid argument "yes" for "-w, --watch" flag: strconv.ParseBool: parsing "yes": invalid syntax\n' },
    { argv: ['status', 'guestbook', '-w=2'], err: 'Error: invalid argument "2" for "-w, --watch" flag: strconv.ParseBool: parsing "2": invalid syntax\n' },
    { argv: ['promote', 'guestbook', '--full=maybe'], err: 'Error: invalid argument "maybe" for "--full" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n' },
    { argv: ['get', 'rollout', 'guestbook', '--timeout-seconds=99999999999999999999'], err: 'Error: invalid argument "99999999999999999999" for "--timeout-seconds" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range\n' },
    { argv: ['undo', 'guestbook', '--to-revision', '1.5'], err: 'Error: invalid argument "1.5" for "--to-revision" flag: strconv.ParseInt: parsing "1.5": invalid syntax\n' },
  ])('$argv → pflag’s error', async ({ argv, err }) => {
    const r = await runCli(argv, { objects: [rollout] });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: err });
  });

  it('an int flag takes Go literals: --to-revision=0x7 is revision 7', async () => {
    const r = await runCli(['undo', 'guestbook', '--to-revision=0x7'], { objects: [rollout] });
    expect(r.stderr).toBe('Error: unable to find specified revision 7 in history\n');
  });

  it('only boolean flags are rewritten: create analysisrun -a=k=v stays an argument (-a is skip-all-steps only on promote)', async () => {
    const r = await runCli(['create', 'analysisrun', '-a=foo=bar', '--from', 'pass'], { objects: [rollout] });
    expect(r.stderr).toBe('Error: analysistemplates.argoproj.io "pass" not found\n');
  });

  it('a string flag given =false keeps the value: list rollouts --name=false', async () => {
    const r = await runCli(['list', 'rollouts', '--name=false'], { objects: [rollout] });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: 'No resources found.\n' });
  });

  it('a value flag before the command does not hide the command: -n default promote guestbook --full=false', async () => {
    const r = await runCli(['-n', 'default', 'promote', 'guestbook', '--full=false'], { objects: [rollout] });
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: "rollout 'guestbook' promoted\n" });
  });
});
