/**
 * The real `kubectl` (and through it the `kubectl argo rollouts` plugin from plugin/bin) against one
 * kubeconfig: `KUBECONFIG` in the environment, a private `--cache-dir` (discovery cached for another
 * server on the same port must never leak in), plugin/bin first on PATH.
 */
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { pluginBinDir } from './paths.js';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** ANSI colour sequences removed: assertions read the text the user reads. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

export interface Kubectl {
  /** `kubectl --cache-dir <dir> ARGS` (stdin optional). */
  run(args: readonly string[], stdin?: string): Promise<CommandResult>;
  /** `kubectl argo rollouts ARGS` (kubectl rejects global flags before the plugin name, so none are added). */
  plugin(args: readonly string[]): Promise<CommandResult>;
}

export function kubectlFor(kubeconfig: string, workDir: string): Kubectl {
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    HOME: workDir,
    NO_COLOR: '1',
    PATH: `${pluginBinDir}${delimiter}${process.env['PATH'] ?? ''}`,
  };
  const exec = (args: readonly string[], stdin?: string): Promise<CommandResult> =>
    new Promise((resolve) => {
      const child = spawn('kubectl', [...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (err) => resolve({ code: -1, stdout, stderr: `${stderr}${err.message}` }));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: stripAnsi(stdout), stderr: stripAnsi(stderr) }));
      child.stdin.end(stdin ?? '');
    });
  return {
    run: (args, stdin) => exec(['--cache-dir', join(workDir, 'kube-cache'), ...args], stdin),
    plugin: (args) => exec(['argo', 'rollouts', ...args]),
  };
}

/** Throws with the command and its output unless it exited 0. */
export function mustSucceed(what: string, r: CommandResult): CommandResult {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  return r;
}
