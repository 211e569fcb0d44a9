import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Sandbox } from './sandbox.js';
import { startSandbox } from './sandbox.js';

const crd: unknown = parse(readFileSync(new URL('./__fixtures__/rollout-crd.yaml', import.meta.url), 'utf8'));
const ROLLOUTS = { group: 'argoproj.io', version: 'v1alpha1', namespace: 'default', plural: 'rollouts' } as const;
const ROLLOUTS_PATH = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';

interface Rollout extends KubernetesObject {
  spec: { replicas?: number };
  status?: Record<string, unknown>;
}

const rollout = (name: string, replicas = 1): Rollout => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name },
  spec: { replicas },
});

let sandbox: Sandbox;
let dir: string;
let kc: KubeConfig;
let custom: CustomObjectsApi;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-sandbox-cn-'));
  sandbox = await startSandbox({ port: 0, kubeconfigPath: join(dir, 'kubeconfig') });
  sandbox.api.create(sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'), undefined, crd);
  kc = new KubeConfig();
  kc.loadFromFile(join(dir, 'kubeconfig'));
  custom = kc.makeApiClient(CustomObjectsApi);
});
afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function rolloutInformer() {
  const list = (): Promise<KubernetesListObject<Rollout>> => custom.listNamespacedCustomObject(ROLLOUTS) as Promise<KubernetesListObject<Rollout>>;
  return makeInformer<Rollout>(kc, ROLLOUTS_PATH, list);
}

describe('@kubernetes/client-node against the sandbox', () => {
  it('keeps an informer on a CRD in sync through add, update and delete', async () => {
    const informer = rolloutInformer();
    const events: string[] = [];
    informer.on('add', (o) => events.push(`add ${o.metadata?.name ?? ''}`));
    informer.on('update', (o) => events.push(`update ${o.metadata?.name ?? ''} ${o.spec.replicas ?? 0}`));
    informer.on('delete', (o) => events.push(`delete ${o.metadata?.name ?? ''}`));
    await custom.createNamespacedCustomObject({ ...ROLLOUTS, body: rollout('before') });
    await informer.start();
    await custom.createNamespacedCustomObject({ ...ROLLOUTS, body: rollout('after') });
    await until(() => events.length === 2, 'two adds');
    await custom.patchNamespacedCustomObject({ ...ROLLOUTS, name: 'after', body: { spec: { replicas: 4 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await custom.deleteNamespacedCustomObject({ ...ROLLOUTS, name: 'before' });
    await until(() => events.length === 4, 'update and delete');
    await informer.stop();
    expect(events).toEqual(['add before', 'add after', 'update after 4', 'delete before']);
    expect(informer.list('default').map((o) => o.metadata?.name)).toEqual(['after']);
  });

  it('relists after a forced 410 Gone and reports objects deleted meanwhile', async () => {
    await custom.createNamespacedCustomObject({ ...ROLLOUTS, body: rollout('kept') });
    await custom.createNamespacedCustomObject({ ...ROLLOUTS, body: rollout('dropped') });
    const requests: string[] = [];
    sandbox.onRequest((r) => {
      if (r.path === ROLLOUTS_PATH) requests.push(r.query.includes('watch=true') ? 'watch' : 'list');
    });
    const informer = rolloutInformer();
    const deleted: string[] = [];
    informer.on('delete', (o) => deleted.push(o.metadata?.name ?? ''));
    informer.on('error', () => undefined);
    await informer.start();
    await until(() => sandbox.watches.activeWatches === 1, 'the informer watch');
    // while the informer is disconnected: a delete it cannot see, then history compaction → its resume point is gone
    sandbox.watches.closeAll();
    sandbox.api.delete(sandbox.api.type('argoproj.io', 'v1alpha1', 'rollouts'), 'default', 'dropped');
    sandbox.store.compact();
    await until(() => deleted.length === 1, 'the relist to notice the deletion');
    await informer.stop();
    expect(deleted).toEqual(['dropped']);
    expect(requests.filter((r) => r === 'list')).toHaveLength(2);
    expect(informer.list('default').map((o) => o.metadata?.name)).toEqual(['kept']);
  });

  it('patches status with a merge patch on the status subresource only', async () => {
    await custom.createNamespacedCustomObject({ ...ROLLOUTS, body: rollout('demo', 2) });
    const patched = (await custom.patchNamespacedCustomObjectStatus(
      { ...ROLLOUTS, name: 'demo', body: { spec: { replicas: 9 }, status: { phase: 'Healthy', HPAReplicas: 2 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Rollout;
    expect(patched.status).toEqual({ phase: 'Healthy', HPAReplicas: 2 });
    expect(patched.spec.replicas).toBe(2);
    expect(patched.metadata?.generation).toBe(1);
    const again = (await custom.patchNamespacedCustomObjectStatus(
      { ...ROLLOUTS, name: 'demo', body: { status: { phase: 'Healthy' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Rollout;
    expect(again.metadata?.resourceVersion).toBe(patched.metadata?.resourceVersion);
  });

  it('surfaces a 409 AlreadyExists as an ApiException carrying the Status body', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'twice' } } });
    const err: unknown = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'twice' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    const api = err as ApiException<unknown>;
    expect(api.code).toBe(409);
    expect(JSON.parse(String(api.body))).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', details: { name: 'twice', kind: 'configmaps' } });
  });
});
