// Glue between commander and actions: builds the ActionContext for an invocation and wraps handlers so
// `-h/--help`, usage errors and arity checks behave like cobra.
import type { Command } from 'commander';
import type { ActionContext, Io } from '../actions/context.js';
import { UsageError } from '../actions/context.js';
import type { LiveSink } from '../actions/watch.js';
import type { ReadText } from '../actions/files.js';
import type { Cluster } from '../kube/cluster.js';
import type { ClientFlags } from '../kube/http-cluster.js';
import { helpText } from './help.js';
import { readClientFlags } from './globals.js';

export interface BuildInfo {
  readonly version: string;
  readonly buildDate: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly runtimeVersion: string;
  readonly platform: string;
}

export interface ProgramDeps {
  readonly io: Io;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  readonly isTTY: boolean;
  readonly signal: AbortSignal;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly connect: (flags: ClientFlags) => Promise<Cluster>;
  readonly live?: (initial: string) => LiveSink;
  readonly read?: ReadText;
  readonly build: BuildInfo;
  readonly home: string;
}

export type Handler = (args: string[], opts: Record<string, unknown>, ctx: ActionContext, cmd: Command) => Promise<void>;

export interface Arity {
  readonly min?: number;
  readonly max?: number;
}

/** Attach a handler: `--help` prints help; wrong arity is a usage error; otherwise run with a fresh context. */
export function handle(cmd: Command, deps: ProgramDeps, arity: Arity, handler: Handler): void {
  cmd.action(async (args: string[], _opts: unknown, self: Command) => {
    const opts = self.optsWithGlobals();
    if (opts['help'] === true) {
      deps.io.out(helpText(self));
      return;
    }
    if ((arity.min !== undefined && args.length < arity.min) || (arity.max !== undefined && args.length > arity.max)) throw new UsageError();
    let cluster: Promise<Cluster> | undefined;
    const ctx: ActionContext = {
      io: deps.io,
      now: deps.now,
      env: deps.env,
      isTTY: deps.isTTY,
      signal: deps.signal,
      sleep: deps.sleep,
      cluster: () => (cluster ??= deps.connect(readClientFlags(opts))),
    };
    await handler(args, opts, ctx, self);
  });
}

/** A command group: runs only to print help or usage (cobra `o.UsageErr`). */
export function group(cmd: Command, deps: ProgramDeps): void {
  handle(cmd, deps, {}, async () => {
    throw new UsageError();
  });
}
