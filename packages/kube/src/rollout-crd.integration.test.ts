/**
 * Typed Rollout client and instance-id filtered informers against the sandbox, with the real CRD
 * (crds/rollout-crd.yaml) and an upstream e2e manifest applied by the real kubectl.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Rollout } from '@serin/api';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeClient, createKubeClient } from './client-factory.js';
import { systemClock } from './clock.js';
import { InformerFactory } from './informer-factory.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const upstreamBasic = '/work/shared/upstream/argo-rollouts/e2e-manifests/functional/rollout-basic.yaml';

let sandbox: Sandbox;
let client: KubeClient;
let dir: string;

async function kubectl(...args: string[]): Promise<string> {
  const env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir };
  const { stdout } = await run('kubectl', ['--cache-dir', join(dir, 'cache'), ...args], { env, timeout: 30_000 });
  return stdout;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-kube-crd-'));
  sandbox = await startSandbox({ port: 0, kubeconfigPath: join(dir, 'kubeconfig') });
  client = createKubeClient({ kubeconfigPath: join(dir, 'kubeconfig') });
  await kubectl('apply', '-f', join(repoRoot, 'crds', 'rollout-crd.yaml'));
  await kubectl('apply', '-n', 'default', '-f', upstreamBasic);
}, 60_000);

afterAll(async () => {
  await sandbox.close();
});

describe('Rollout client on the sandbox', () => {
  it('reads the upstream manifest as applied by kubectl', async () => {
    const ro = await client.clients.rollouts.get('default', 'basic');
    expect(ro.spec.strategy?.canary?.steps).toEqual([{ setWeight: 50 }, { pause: {} }]);
  });

  it('merge-patches spec, and status only through /status', async () => {
    const paused = await client.clients.rollouts.patchMerge('default', 'basic', { spec: { paused: true } });
    expect(paused.spec.paused).toBe(true);
    const withStatus = await client.clients.rollouts.patchStatusMerge('default', 'basic', { status: { phase: 'Paused', message: 'manually paused' } });
    expect(withStatus.status).toMatchObject({ phase: 'Paused', message: 'manually paused' });
    const ignored = await client.clients.rollouts.patchMerge('default', 'basic', { status: { phase: 'Healthy' } });
    expect(ignored.status?.phase).toBe('Paused');
    expect(client.requests.total({ kind: 'rollouts', verb: 'Patch', statusCode: '200' })).toBe(3);
  });

  it('shards by --instance-id: each controller caches only its own Rollouts', async () => {
    const basic = await client.clients.rollouts.get('default', 'basic');
    const sharded: Rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'sharded', labels: { 'argo-rollouts.argoproj.io/controller-instance-id': 'shard-1' } },
      spec: basic.spec,
    };
    await client.clients.rollouts.create('default', sharded);
    const unsharded = new InformerFactory({ transport: client.transport, clock: systemClock() });
    const shard1 = new InformerFactory({ transport: client.transport, clock: systemClock(), instanceId: 'shard-1' });
    const a = unsharded.rollouts();
    const b = shard1.rollouts();
    unsharded.start();
    shard1.start();
    await Promise.all([unsharded.waitForCacheSync(), shard1.waitForCacheSync()]);
    try {
      expect(a.lister.list().map((r) => r.metadata?.name)).toEqual(['basic']);
      expect(b.lister.list().map((r) => r.metadata?.name)).toEqual(['sharded']);
    } finally {
      unsharded.stop();
      shard1.stop();
    }
  });
});
