// What every action gets: output streams, a clock, the cluster (connected lazily) and cancellation.
import type { Cluster } from '../kube/cluster.js';

export interface Io {
  /** stdout */
  readonly out: (s: string) => void;
  /** stderr */
  readonly err: (s: string) => void;
}

export interface ActionContext {
  readonly io: Io;
  /** Epoch ms. */
  readonly now: () => number;
  /** Connects on first use (kubeconfig + flags); actions that need no API server never call it. */
  readonly cluster: () => Promise<Cluster>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stdout is a terminal (enables the Ink live view for `-w`). */
  readonly isTTY: boolean;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Resolves after `ms`, or early when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Terminal size for the live view. */
  readonly terminalRows?: () => number;
}

/** A user-facing failure: printed as `Error: <message>` on stderr, exit 1. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Wrong arguments: the command's usage goes to stderr, exit 1, no `Error:` line. */
export class UsageError extends Error {
  constructor() {
    super('usage');
    this.name = 'UsageError';
  }
}

/** Promise-based sleep that wakes early on abort. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
