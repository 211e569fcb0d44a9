import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../sandbox.js';
import { startSandbox } from '../sandbox.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlHarness {
  sandbox: Sandbox;
  dir: string;
  /** Runs the real kubectl with this sandbox's kubeconfig and a private --cache-dir. */
  kubectl(args: string[], opts?: { stdin?: string; timeoutMs?: number; stopWhen?: (stdout: string) => boolean }): Promise<KubectlResult>;
  /** Writes `text` to a file in the temp dir and returns its path. */
  file(name: string, text: string): string;
  close(): Promise<void>;
}

/** A fresh sandbox with its own kubeconfig and kubectl discovery cache. */
export async function kubectlHarness(): Promise<KubectlHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'serin-sandbox-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sandbox = await startSandbox({ port: 0, kubeconfigPath });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir, NO_COLOR: '1' };
  return {
    sandbox,
    dir,
    kubectl(args, opts = {}) {
      return new Promise((resolve) => {
        const child = spawn('kubectl', ['--cache-dir', join(dir, 'cache'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (opts.stopWhen?.(stdout) === true) child.kill('SIGTERM');
        });
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs ?? 15_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code: code ?? -1, stdout, stderr });
        });
        child.stdin.end(opts.stdin ?? '');
      });
    },
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Masks the parts of kubectl output that change per run (ages, uids, timestamps, resourceVersions). */
export function normalise(text: string): string {
  return text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/resourceVersion: "\d+"/g, 'resourceVersion: "<rv>"');
}
