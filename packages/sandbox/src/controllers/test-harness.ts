import { KubeConfig } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultOptions } from '../admin/index.js';
import type { Sandbox } from '../sandbox.js';
import { startSandbox } from '../sandbox.js';
import type { KubeObject } from '../types.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ClusterHarness {
  sandbox: Sandbox;
  kc: KubeConfig;
  /** Real kubectl with this sandbox's KUBECONFIG and a private --cache-dir. */
  kubectl(args: string[], opts?: { stdin?: string; timeoutMs?: number }): Promise<KubectlResult>;
  /** `kubectl apply -f -` of a YAML/JSON document. */
  apply(manifest: string): Promise<KubectlResult>;
  /** Objects of a store bucket (e.g. `/pods`) in `namespace`. */
  objects(bucket: string, namespace?: string): KubeObject[];
  close(): Promise<void>;
}

export async function clusterHarness(opts: { podReadyMs?: number; faults?: FaultOptions } = {}): Promise<ClusterHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'serin-cluster-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sandbox = await startSandbox({ port: 0, kubeconfigPath, podReadyMs: opts.podReadyMs ?? 100, ...(opts.faults !== undefined ? { faults: opts.faults } : {}) });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir, NO_COLOR: '1' };
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const kubectl = (args: string[], o: { stdin?: string; timeoutMs?: number } = {}): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = spawn('kubectl', ['--cache-dir', join(dir, 'cache'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGTERM'), o.timeoutMs ?? 20_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr });
      });
      child.stdin.end(o.stdin ?? '');
    });
  return {
    sandbox,
    kc,
    kubectl,
    apply: (manifest) => kubectl(['apply', '-f', '-'], { stdin: manifest }),
    objects: (bucket, namespace = 'default') => sandbox.store.list(bucket, namespace),
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A ReplicaSet manifest (YAML) with one container. */
export function replicaSetYaml(name: string, replicas: number, opts: { image?: string; minReadySeconds?: number; labels?: Record<string, string> } = {}): string {
  const labels = opts.labels ?? { app: name };
  const labelLines = (indent: string): string => Object.entries(labels).map(([k, v]) => `${indent}${k}: ${v}`).join('\n');
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
${opts.minReadySeconds !== undefined ? `  minReadySeconds: ${opts.minReadySeconds}\n` : ''}  selector:
    matchLabels:
${labelLines('      ')}
  template:
    metadata:
      labels:
${labelLines('        ')}
    spec:
      containers:
      - name: main
        image: ${opts.image ?? 'nginx:1.25'}
`;
}
