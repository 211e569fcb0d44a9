// Glue between commander and actions: builds the ActionContext for an invocation and wraps handlers so
// `-h/--help`, usage errors and arity checks behave like cobra.
import type { Command } from 'commander';
import type { ActionContext, Io } from '../actions/context.js';
import { UsageError, UserError } from '../actions/context.js';
import type { LiveSink } from '../actions/watch.js';
import type { ReadText } from '../actions/files.js';
import type { Cluster } from '../kube/cluster.js';
import type { ClientFlags } from '../kube/http-cluster.js';
import { helpText } from './help.js';
import { readClientFlags } from './globals.js';
import { deprecationNotices } from './deprecations.js';
import { flagsInScope } from './argv.js';
import { logLevelError } from './log-level.js';

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

/** The argv each program was run with, as typed (before argv.ts rewrites `--x=false`). */
const typedArgv = new WeakMap<Command, readonly string[]>();

export function rememberArgv(root: Command, argv: readonly string[]): void {
  typedArgv.set(root, argv);
}

function rootOf(cmd: Command): Command {
  let c = cmd;
  while (c.parent !== null) c = c.parent;
  return c;
}

/** Attach a handler: pflag's deprecation notices go to stderr first (cobra prints them right after parsing); `--help` prints help; wrong arity is a usage error; otherwise run with a fresh context. */
export function handle(cmd: Command, deps: ProgramDeps, arity: Arity, handler: Handler): void {
  cmd.action(async (args: string[], _opts: unknown, self: Command) => {
    const opts = self.optsWithGlobals();
    for (const notice of deprecationNotices(typedArgv.get(rootOf(self)) ?? [], flagsInScope(self))) deps.io.err(notice);
    if (opts['help'] === true) {
      deps.io.out(helpText(self));
      return;
    }
    // cobra runs the root's PersistentPreRunE (logrus.ParseLevel of --loglevel) before the command's RunE
    const levelError = logLevelError(typeof opts['loglevel'] === 'string' ? opts['loglevel'] : 'info');
    if (levelError !== undefined) throw new UserError(levelError);
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

/**
 * No arity rule: upstream leaves `Args` nil on list rollouts|experiments, lint, create analysisrun, version and
 * dashboard, and cobra then accepts (and ignores) any positional arguments (ArbitraryArgs / legacyArgs).
 */
export const anyArgs: Arity = {};

/** A command group: runs only to print help or usage (cobra `o.UsageErr`). */
export function group(cmd: Command, deps: ProgramDeps): void {
  handle(cmd, deps, {}, async () => {
    throw new UsageError();
  });
}
