/**
 * The built binary (`bin/serin-controller` → dist/main.js) against the sandbox: it prints the ready
 * log, serves /healthz, and on SIGTERM exits 0 having released its Lease.
 * Needs `pnpm --filter "@serin/controller..." build` (npm test builds first).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Lease } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxFixture, repoRoot, startSandboxWithCrds, until } from './__fixtures__/sandbox.js';

const bin = join(repoRoot, 'packages/controller/bin/serin-controller');
const built = join(repoRoot, 'packages/controller/dist/main.js');

let fx: SandboxFixture;
let child: ChildProcess | undefined;

beforeEach(async () => {
  fx = await startSandboxWithCrds({ namespaces: ['argo-rollouts'] });
});
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await fx.sandbox.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

function spawnController(args: string[]): { proc: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, [bin, '--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', ...args], {
    env: { PATH: process.env['PATH'] ?? '', POD_NAMESPACE: 'argo-rollouts' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exit };
}

describe('bin/serin-controller', () => {
  it('is built (run `pnpm --filter "@serin/controller..." build`)', () => {
    expect(existsSync(built)).toBe(true);
  });

  it('prints the ready log, answers /healthz, and exits 0 on SIGTERM after releasing the Lease', async () => {
    const c = spawnController([]);
    await until(() => c.output().includes('msg="Started controller"'), () => `ready log; output so far:\n${c.output()}`, 30_000);
    const leases = fx.sandbox.api.type('coordination.k8s.io', 'v1', 'leases');
    const held = fx.sandbox.api.get(leases, 'argo-rollouts', 'argo-rollouts-controller-lock') as Lease;
    expect(held.spec?.holderIdentity).toBeTruthy();

    const port = /Starting Healthz Server at [\d.]+:(\d+)/.exec(c.output())?.[1];
    expect(port).toBeDefined();
    const res = await fetch(`http://127.0.0.1:${port ?? ''}/healthz`);
    expect([res.status, await res.text()]).toEqual([200, 'ok']);

    c.proc.kill('SIGTERM');
    expect(await c.exit).toBe(0);
    const released = fx.sandbox.api.get(leases, 'argo-rollouts', 'argo-rollouts-controller-lock') as Lease;
    expect(released.spec?.holderIdentity ?? '').toBe('');
    expect(c.output()).toContain('msg="Exiting Main Run function"');
  });

  it('exits 1 with a one-line error for an unknown flag', async () => {
    const c = spawnController(['--no-such-flag']);
    expect(await c.exit).toBe(1);
    expect(c.output()).toContain('Error: unknown flag: --no-such-flag');
  });
});
