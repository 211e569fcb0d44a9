/**
 * Test fixture (not built): a sandbox API server with Serin's CRDs installed, a kubeconfig file,
 * object builders and a polling helper. Tests count outcomes; `until` only bounds the wait.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { parseAllDocuments } from 'yaml';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface SandboxFixture {
  readonly sandbox: Sandbox;
  readonly kubeconfigPath: string;
  readonly dir: string;
}

/** Every CRD under crds/. */
export function crdDocuments(): unknown[] {
  const dir = join(repoRoot, 'crds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as unknown));
}

export async function startSandboxWithCrds(options: { podReadyMs?: number; namespaces?: readonly string[] } = {}): Promise<SandboxFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'serin-controller-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sandbox = await startSandbox({ port: 0, podReadyMs: options.podReadyMs ?? 50, kubeconfigPath });
  const crds = sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of crdDocuments()) sandbox.api.create(crds, undefined, crd);
  const namespaces = sandbox.api.type('', 'v1', 'namespaces');
  for (const name of options.namespaces ?? []) sandbox.api.create(namespaces, undefined, { metadata: { name } });
  return { sandbox, kubeconfigPath, dir };
}

/** Poll `cond` every 20 ms until true; fail after `timeoutMs` naming `what`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function aRollout(name: string, options: { replicas?: number; image?: string; steps?: unknown[]; labels?: Record<string, string> } = {}): Rollout {
  const labels = { app: name };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, ...(options.labels === undefined ? {} : { labels: options.labels }) },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: options.image ?? 'nginx:1.25' }] } },
      strategy: { canary: { steps: (options.steps ?? [{ setWeight: 50 }, { pause: {} }]) as never } },
    },
  } as Rollout;
}

/** A ReplicaSet as a Rollout owns it (hash label, controller ownerReference). */
export function anOwnedReplicaSet(name: string, owner: { kind: string; name: string; uid: string }, hash = 'abc123'): V1ReplicaSet {
  const labels = { app: owner.name, 'rollouts-pod-template-hash': hash };
  return {
    metadata: {
      name,
      labels,
      ownerReferences: [{ apiVersion: owner.kind === 'Rollout' ? 'argoproj.io/v1alpha1' : 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
  };
}
