// lint, create, version, completion, dashboard. parity: argo-rollouts cmd/{lint,create,version,completion,dashboard}
import type { Command } from 'commander';
import { lint } from '../actions/lint.js';
import { create, createAnalysisRun } from '../actions/create.js';
import { getExperiment, getRollout } from '../actions/get.js';
import { UserError } from '../actions/context.js';
import { defineCommand } from './spec.js';
import { UpstreamText as T } from './help-texts.js';
import { anyArgs, handle } from './runner.js';
import type { ProgramDeps } from './runner.js';
import { completionScript } from './completion.js';

export function registerOthers(root: Command, deps: ProgramDeps): void {
  const lintCmd = defineCommand(root, { use: 'lint', short: 'Lint and validate a Rollout', long: 'This command lints and validates a new Rollout resource from a file.', example: T.lintExample }, [
    { long: 'filename', short: 'f', type: 'string', usage: 'File to lint' },
  ]);
  handle(lintCmd, deps, anyArgs, (_a, o, ctx) => lint(ctx, typeof o['filename'] === 'string' ? o['filename'] : undefined, deps.read));

  const createCmd = defineCommand(
    root,
    {
      use: 'create',
      short: 'Create a Rollout, Experiment, AnalysisTemplate, ClusterAnalysisTemplate, or AnalysisRun resource',
      long: 'This command creates a new Rollout, Experiment, AnalysisTemplate, ClusterAnalysisTemplate, or AnalysisRun resource from a file.',
      example: T.createExample,
    },
    [
      { long: 'filename', short: 'f', type: 'stringArray', usage: 'Files to use to create the resource' },
      { long: 'watch', short: 'w', type: 'bool', usage: 'Watch live updates to the resource after creating' },
      { long: 'no-color', type: 'bool', usage: 'Do not colorize output' },
    ],
  );
  handle(createCmd, deps, {}, (_a, o, ctx) => {
    const noColor = o['color'] === false;
    const live = deps.live && deps.isTTY ? { live: deps.live } : {};
    return create(ctx, {
      files: Array.isArray(o['filename']) ? (o['filename'] as string[]) : [],
      watch: o['watch'] === true,
      ...(deps.read ? { read: deps.read } : {}),
      watchCreated: (kind, name) => (kind === 'Rollout' ? getRollout(ctx, name, { watch: true, noColor, ...live }) : getExperiment(ctx, name, { watch: true, noColor, ...live })),
    });
  });
  const ar = defineCommand(
    createCmd,
    { use: 'analysisrun', short: 'Create an AnalysisRun from an AnalysisTemplate or a ClusterAnalysisTemplate', long: 'This command creates a new AnalysisRun from an existing AnalysisTemplate resources or from an AnalysisTemplate file.', example: T.createAnalysisRunExample, aliases: ['ar'] },
    [
      { long: 'name', type: 'string', usage: 'Use the specified name for the run' },
      { long: 'generate-name', type: 'string', usage: 'Use the specified generateName for the run' },
      { long: 'instance-id', type: 'string', usage: 'Instance-ID for the AnalysisRun' },
      { long: 'argument', short: 'a', type: 'stringArray', usage: 'Arguments to the parameter template' },
      { long: 'from', type: 'string', usage: 'Create an AnalysisRun from an AnalysisTemplate or ClusterAnalysisTemplate in the cluster' },
      { long: 'from-file', type: 'string', usage: 'Create an AnalysisRun from an AnalysisTemplate or ClusterAnalysisTemplate in a local file' },
      { long: 'global', type: 'bool', usage: 'Use a ClusterAnalysisTemplate instead of a AnalysisTemplate' },
    ],
  );
  handle(ar, deps, anyArgs, (_a, o, ctx) => {
    const s = (k: string) => (typeof o[k] === 'string' && o[k] !== '' ? { [k]: o[k] as string } : {});
    return createAnalysisRun(ctx, {
      ...s('name'),
      ...s('generateName'),
      ...s('instanceId'),
      ...s('from'),
      ...s('fromFile'),
      args: Array.isArray(o['argument']) ? (o['argument'] as string[]) : [],
      global: o['global'] === true,
      ...(deps.read ? { read: deps.read } : {}),
    });
  });

  const version = defineCommand(root, { use: 'version', short: 'Print version', long: 'Show the version and build information of the Argo Rollouts plugin.', example: T.versionExample }, [
    { long: 'short', type: 'bool', usage: 'print just the version number' },
  ]);
  handle(version, deps, anyArgs, async (_a, o, ctx) => {
    const b = deps.build;
    let out = `kubectl-argo-rollouts: ${b.version}\n`;
    if (o['short'] !== true) {
      out += `  BuildDate: ${b.buildDate}\n  GitCommit: ${b.gitCommit}\n  GitTreeState: ${b.gitTreeState}\n  GoVersion: ${b.runtimeVersion}\n  Compiler: esbuild\n  Platform: ${b.platform}\n`;
    }
    ctx.io.out(out);
  });

  // parity: completion.go — ValidArgs bash|zsh|fish|powershell, Args: cobra.ExactValidArgs(1) (errors, not usage)
  const completion = defineCommand(root, { use: 'completion [bash|zsh|fish|powershell]', short: 'Generate completion script', long: T.completionLong, disableFlagsInUseLine: true });
  handle(completion, deps, {}, async (args, _o, ctx) => {
    if (args.length !== 1) throw new UserError(`accepts 1 arg(s), received ${args.length}`);
    const script = completionScript(root, args[0] ?? '');
    if (script === undefined) throw new UserError(`invalid argument "${args[0] ?? ''}" for "kubectl-argo-rollouts completion"`);
    ctx.io.out(script);
  });

  const dashboard = defineCommand(root, { use: 'dashboard', short: 'Start UI dashboard', example: T.dashBoardExample }, [
    { long: 'root-path', type: 'string', usage: 'changes the root path of the dashboard', defaultValue: 'rollouts' },
    { long: 'port', short: 'p', type: 'int', usage: 'port to listen on', defaultValue: 3100 },
  ]);
  handle(dashboard, deps, anyArgs, async () => {
    throw new UserError('the dashboard is not available yet in Serin; use `kubectl argo rollouts get rollout NAME --watch`');
  });
}
