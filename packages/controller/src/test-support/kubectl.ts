/** Run the real kubectl against a kubeconfig (integration tests). */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function kubectlRunner(kubeconfigPath: string, dir: string): (args: string[]) => Promise<KubectlResult> {
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir, NO_COLOR: '1' };
  return (args) =>
    new Promise((resolve) => {
      const child = spawn('kubectl', ['--cache-dir', join(dir, 'cache'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
}

/** Poll `cond` every 20 ms until it holds or `limitMs` passes (then throws with `what`). */
export async function waitFor(what: string, cond: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
