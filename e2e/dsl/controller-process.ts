/**
 * `serin-controller` as a child process run from its TypeScript sources (tsx, `serin-source` condition), so the
 * suite always exercises exactly what `main.ts` wires today without a build. Output goes to a log file the
 * scenarios quote when something times out.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { controllerMain, repoRoot, tsxBin } from './paths.js';

export interface ControllerProcess {
  readonly logPath: string;
  /** Last `lines` lines of the controller's log. */
  tail(lines?: number): string;
  stop(): Promise<void>;
}

export function startControllerProcess(kubeconfig: string, logPath: string): ControllerProcess {
  const fd = openSync(logPath, 'a');
  const child: ChildProcess = spawn(
    tsxBin,
    [controllerMain, '--kubeconfig', kubeconfig, '--leader-elect=false', '--metricsPort', '0', '--healthzPort', '0'],
    { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '--conditions=serin-source' }, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    logPath,
    tail(lines = 30) {
      try {
        return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
