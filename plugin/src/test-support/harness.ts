// Runs the CLI in-process against a FakeCluster and captures stdout/stderr/exit code.
import { run } from '../commands/program.js';
import type { ProgramDeps } from '../commands/runner.js';
import type { KubeObject } from '../kube/cluster.js';
import type { ClientFlags } from '../kube/http-cluster.js';
import { FakeCluster } from './fake-cluster.js';
import type { FakeClusterOptions } from './fake-cluster.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly cluster: FakeCluster;
  readonly connectFlags: ClientFlags[];
}

export interface HarnessOptions extends FakeClusterOptions {
  readonly objects?: readonly KubeObject[];
  readonly nowMs?: number;
  readonly files?: Readonly<Record<string, string>>;
  readonly env?: Record<string, string>;
  readonly deps?: Partial<ProgramDeps>;
  /** Called on every (virtual) sleep with the cluster and the clock after it advanced. */
  readonly onSleep?: (cluster: FakeCluster, nowMs: number) => void;
}

export async function runCli(argv: readonly string[], opts: HarnessOptions = {}): Promise<CliResult> {
  const cluster = new FakeCluster(opts.objects ?? [], opts);
  let stdout = '';
  let stderr = '';
  let now = opts.nowMs ?? Date.parse('2026-11-27T10:00:00Z');
  const connectFlags: ClientFlags[] = [];
  const code = await run(argv, {
    io: { out: (s) => (stdout += s), err: (s) => (stderr += s) },
    env: opts.env ?? { TERM: 'xterm' },
    now: () => now,
    isTTY: false,
    signal: new AbortController().signal,
    // Virtual time: sleeping advances the clock instantly.
    sleep: async (ms) => {
      now += ms;
      opts.onSleep?.(cluster, now);
    },
    connect: async (flags) => {
      connectFlags.push(flags);
      return cluster;
    },
    read: async (path) => {
      const text = opts.files?.[path];
      if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
      return text;
    },
    build: { version: 'v1.2.3', buildDate: '2026-11-27T00:00:00Z', gitCommit: 'abc', gitTreeState: 'clean', runtimeVersion: 'node20', platform: 'linux/amd64' },
    home: '/home/u',
    ...opts.deps,
  });
  return { code, stdout, stderr, cluster, connectFlags };
}
