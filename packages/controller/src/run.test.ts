/**
 * The controller process in-process against the sandbox: listeners, leader election on the Lease,
 * graceful shutdown releasing the Lease, flag errors.
 */
import { rmSync } from 'node:fs';
import type { Lease } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxFixture, aRollout, startSandboxWithCrds, until } from './__fixtures__/sandbox.js';
import type { RolloutReconcilerLike } from './manager/manager.js';
import { type RunOptions, controllerNamespace, runController, serinLogLevel } from './run.js';

let fx: SandboxFixture;
beforeEach(async () => {
  fx = await startSandboxWithCrds({ namespaces: ['argo-rollouts'] });
});
afterEach(async () => {
  await fx.sandbox.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

interface Harness {
  readonly done: Promise<number>;
  readonly lines: string[];
  readonly reconciled: string[];
  ports(): { healthzPort: number; metricsPort: number } | undefined;
  terminate(): void;
}

function start(argv: string[], extra: Partial<RunOptions> = {}): Harness {
  let terminate: () => void = () => undefined;
  const terminated = new Promise<void>((resolve) => (terminate = resolve));
  const lines: string[] = [];
  const reconciled: string[] = [];
  let ports: { healthzPort: number; metricsPort: number } | undefined;
  const reconciler: RolloutReconcilerLike = { reconcile: async (ns, name) => void reconciled.push(`${ns}/${name}`) };
  const done = runController({
    argv: ['--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', ...argv],
    env: {},
    version: 'v0.1.0-test',
    createRolloutReconciler: () => reconciler,
    terminated,
    host: '127.0.0.1',
    stdout: (t) => lines.push(t),
    stderr: (l) => lines.push(l),
    onListening: (p) => (ports = p),
    ...extra,
  });
  return { done, lines, reconciled, ports: () => ports, terminate };
}

const lease = (name = 'argo-rollouts-controller-lock'): Lease | undefined =>
  fx.sandbox.api.get(fx.sandbox.api.type('coordination.k8s.io', 'v1', 'leases'), 'argo-rollouts', name) as Lease | undefined;

const safeLease = (name?: string): Lease | undefined => {
  try {
    return lease(name);
  } catch {
    return undefined;
  }
};

describe('runController', () => {
  it('takes the Lease, serves /healthz and /metrics, reconciles, and on termination drains, releases the Lease and returns 0', async () => {
    const h = start(['--loglevel', 'debug']);
    await until(() => h.lines.some((l) => l.includes('msg="Started controller"')), () => `ready log in:\n${h.lines.join('\n')}`);
    const held = safeLease();
    expect(held?.spec?.holderIdentity).toMatch(/_[0-9a-f-]{36}$/);
    expect(held?.spec?.leaseDurationSeconds).toBe(15);

    const ports = h.ports();
    expect(ports).toBeDefined();
    const health = await fetch(`http://127.0.0.1:${ports?.healthzPort ?? 0}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);

    await fetch(`${fx.sandbox.url}/apis/argoproj.io/v1alpha1/namespaces/default/rollouts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(aRollout('web')) });
    await until(() => h.reconciled.includes('default/web'), 'reconcile of default/web');
    const metrics = await (await fetch(`http://127.0.0.1:${ports?.metricsPort ?? 0}/metrics`)).text();
    expect(metrics).toContain('rollout_info{namespace="default",name="web",strategy="canary",traffic_router="",phase="Progressing"} 1');
    expect(metrics).toContain('argo_rollouts_controller_info{version="v0.1.0-test"} 1');
    expect(metrics).toMatch(/controller_clientset_k8s_request_total\{kind="leases",namespace="argo-rollouts",name="argo-rollouts-controller-lock",verb="(Get|Create|Update)"/);

    h.terminate();
    expect(await h.done).toBe(0);
    expect(safeLease()?.spec?.holderIdentity ?? '').toBe('');
    expect(h.lines.some((l) => l.includes('msg="Shutting down workers"'))).toBe(true);
    await expect(fetch(`http://127.0.0.1:${ports?.healthzPort ?? 0}/healthz`)).rejects.toThrow();
  });

  it('--instance-id names the Lease argo-rollouts-controller-lock-<id>; POD_NAMESPACE places it', async () => {
    const nsType = fx.sandbox.api.type('', 'v1', 'namespaces');
    fx.sandbox.api.create(nsType, undefined, { metadata: { name: 'ops' } });
    const h = start(['--instance-id', 'shard-a', '--logformat=json'], { env: { POD_NAMESPACE: 'ops' } });
    await until(() => h.lines.some((l) => l.includes('"msg":"Started controller"')), 'ready log');
    const leases = fx.sandbox.api.type('coordination.k8s.io', 'v1', 'leases');
    expect((fx.sandbox.api.get(leases, 'ops', 'argo-rollouts-controller-lock-shard-a') as Lease).spec?.holderIdentity).toBeTruthy();
    const startLine = h.lines.find((l) => l.includes('Argo Rollouts controller starting')) ?? '';
    expect(JSON.parse(startLine)).toMatchObject({ level: 'info', instanceID: 'shard-a', version: 'v0.1.0-test', namespace: '' });
    h.terminate();
    expect(await h.done).toBe(0);
  });

  it('--leader-elect=false runs without a Lease', async () => {
    const h = start(['--leader-elect=false']);
    await until(() => h.lines.some((l) => l.includes('msg="Started controller"')), 'ready log');
    expect(h.lines.some((l) => l.includes('Leader election is turned off. Running in single-instance mode'))).toBe(true);
    expect(safeLease()).toBeUndefined();
    h.terminate();
    expect(await h.done).toBe(0);
  });

  it('a second candidate waits while the first holds the Lease', async () => {
    const first = start([]);
    await until(() => first.lines.some((l) => l.includes('msg="Started controller"')), 'first ready');
    const second = start(['--leader-election-retry-period=100ms', '--leader-election-renew-deadline=200ms', '--leader-election-lease-duration=15s']);
    await until(() => second.lines.some((l) => l.includes('New leader elected')), 'second observes the leader');
    expect(second.lines.some((l) => l.includes('Started controller'))).toBe(false);
    second.terminate();
    first.terminate();
    expect(await Promise.all([first.done, second.done])).toEqual([0, 0]);
  });

  it('hands over at once: after the leader exits (Lease released), a standby leads without waiting out the lease duration', async () => {
    const slow = ['--leader-election-lease-duration=300s', '--leader-election-renew-deadline=10s', '--leader-election-retry-period=100ms'];
    const first = start(slow);
    await until(() => first.lines.some((l) => l.includes('msg="Started controller"')), 'first ready');
    const second = start(slow);
    await until(() => second.lines.some((l) => l.includes('New leader elected')), 'standby sees the leader');
    first.terminate();
    expect(await first.done).toBe(0);
    // without the release the standby would wait 300 s; the deadline here is far shorter
    await until(() => second.lines.some((l) => l.includes('msg="Started controller"')), 'standby takes over', 20_000);
    expect(lease()?.spec?.leaseTransitions).toBe(1);
    second.terminate();
    expect(await second.done).toBe(0);
  });

  it('exits 1 when another holder takes the Lease (leadership lost)', async () => {
    const h = start(['--leader-election-lease-duration=2s', '--leader-election-renew-deadline=500ms', '--leader-election-retry-period=100ms']);
    await until(() => h.lines.some((l) => l.includes('msg="Started controller"')), 'ready log');
    const leases = fx.sandbox.api.type('coordination.k8s.io', 'v1', 'leases');
    const current = lease();
    fx.sandbox.api.update(leases, 'argo-rollouts', 'argo-rollouts-controller-lock', {
      ...current,
      spec: { ...current?.spec, holderIdentity: 'intruder', leaseDurationSeconds: 3600, renewTime: new Date().toISOString().replace('Z', '000Z') },
    });
    expect(await h.done).toBe(1);
    expect(h.lines.join('\n')).toContain('leader election lost');
    expect(lease()?.spec?.holderIdentity).toBe('intruder');
  });

  it('--namespaced reconciles only the kubeconfig namespace (or -n)', async () => {
    const nsType = fx.sandbox.api.type('', 'v1', 'namespaces');
    fx.sandbox.api.create(nsType, undefined, { metadata: { name: 'team-a' } });
    const rollouts = fx.sandbox.api.type('argoproj.io', 'v1alpha1', 'rollouts');
    fx.sandbox.api.create(rollouts, 'team-a', aRollout('mine'));
    fx.sandbox.api.create(rollouts, 'default', aRollout('theirs'));
    const h = start(['--namespaced', '-n', 'team-a', '--leader-elect=false']);
    await until(() => h.reconciled.includes('team-a/mine'), 'reconcile of team-a/mine');
    h.terminate();
    expect(await h.done).toBe(0);
    expect(h.reconciled).toEqual(['team-a/mine']);
  });

  it('--instance-id reconciles only Rollouts labelled with that id; without it, only unlabelled ones', async () => {
    const rollouts = fx.sandbox.api.type('argoproj.io', 'v1alpha1', 'rollouts');
    const label = 'argo-rollouts.argoproj.io/controller-instance-id';
    fx.sandbox.api.create(rollouts, 'default', aRollout('shard-a', { labels: { [label]: 'a' } }));
    fx.sandbox.api.create(rollouts, 'default', aRollout('shard-b', { labels: { [label]: 'b' } }));
    fx.sandbox.api.create(rollouts, 'default', aRollout('unsharded'));
    const a = start(['--instance-id=a', '--leader-elect=false']);
    const none = start(['--leader-elect=false']);
    await until(() => a.reconciled.length > 0 && none.reconciled.length > 0, 'both reconciled something');
    a.terminate();
    none.terminate();
    expect(await Promise.all([a.done, none.done])).toEqual([0, 0]);
    expect(a.reconciled).toEqual(['default/shard-a']);
    expect(none.reconciled).toEqual(['default/unsharded']);
  });

  it.each([
    { name: 'unknown flag', argv: ['--bogus'], stderr: 'Error: unknown flag: --bogus' },
    { name: 'bad number', argv: ['--qps=fast'], stderr: 'Error: invalid argument "fast" for "--qps" flag' },
    { name: 'bad log level', argv: ['--loglevel=loud'], stderr: 'Error: invalid log level: loud' },
    { name: 'bad instance id', argv: ['--instance-id=-bad-'], stderr: 'invalid instance id' },
  ])('$name exits 1 with a one-line error', async ({ argv, stderr }) => {
    const h = start(argv);
    expect(await h.done).toBe(1);
    expect(h.lines.join('\n')).toContain(stderr);
  });

  it('an Argo manifest passing clientcmd overrides (--request-timeout, --as) or a stray positional argument starts, warning that Serin ignores them', async () => {
    const h = start(['--leader-elect=false', '--request-timeout=30s', '--as', 'system:serviceaccount:argo-rollouts:argo-rollouts', 'stray']);
    await until(() => h.ports() !== undefined, 'listeners bound');
    h.terminate();
    expect(await h.done).toBe(0);
    const warnings = h.lines.filter((l) => l.includes('ignored by Serin'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('--request-timeout');
    expect(warnings[1]).toContain('--as ');
    expect(h.lines.filter((l) => l.includes('Ignoring positional arguments: stray'))).toHaveLength(1);
  });

  it.each([
    { level: 'trace', expected: 'debug' },
    { level: 'TRACE', expected: 'debug' },
    { level: 'panic', expected: 'error' },
    { level: 'Fatal', expected: 'error' },
    { level: 'warning', expected: 'warning' },
    { level: 'loud', expected: 'loud' },
  ])('logrus level $level runs Serin at $expected', ({ level, expected }) => {
    expect(serinLogLevel(level)).toBe(expected);
  });

  it('--loglevel=trace (valid for logrus) starts instead of exiting 1', async () => {
    const h = start(['--leader-elect=false', '--loglevel=trace']);
    await until(() => h.ports() !== undefined, 'listeners bound');
    h.terminate();
    expect(await h.done).toBe(0);
    expect(h.lines.join('\n')).not.toContain('invalid log level');
  });

  it('--version prints the version and exits 0', async () => {
    const h = start(['--version']);
    expect(await h.done).toBe(0);
    expect(h.lines).toEqual(['v0.1.0-test\n']);
  });

  it.each([
    { env: {}, ns: 'argo-rollouts' },
    { env: { POD_NAMESPACE: '' }, ns: 'argo-rollouts' },
    { env: { POD_NAMESPACE: 'ops' }, ns: 'ops' },
  ])('controllerNamespace($env) = $ns', ({ env, ns }) => {
    expect(controllerNamespace(env)).toBe(ns);
  });
});
