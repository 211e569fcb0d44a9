// get, list, status. parity: argo-rollouts cmd/get, cmd/list, cmd/status
import type { Command } from 'commander';
import { getExperiment, getRollout } from '../actions/get.js';
import { listExperiments, listRollouts } from '../actions/list.js';
import { rolloutStatus } from '../actions/status.js';
import { defineCommand } from './spec.js';
import { UpstreamText as T } from './help-texts.js';
import { anyArgs, group, handle } from './runner.js';
import type { ProgramDeps } from './runner.js';

const treeIcons = T.getUsageCommon;

const watchFlag = (usage: string) => ({ long: 'watch', short: 'w', type: 'bool' as const, usage });
const noColor = { long: 'no-color', type: 'bool' as const, usage: 'Do not colorize output' };

export function registerGet(root: Command, deps: ProgramDeps): void {
  const get = defineCommand(root, {
    use: 'get <rollout|experiment> RESOURCE_NAME',
    short: 'Get details about rollouts and experiments',
    long: T.getUsage,
    example: T.getExample,
  });
  group(get, deps);
  const ro = defineCommand(
    get,
    { use: 'rollout ROLLOUT_NAME', short: 'Get details about a rollout', long: `Get details about and visual representation of a rollout. ${treeIcons}`, example: T.getRolloutExample, aliases: ['ro', 'rollouts'] },
    [watchFlag('Watch live updates to the rollout'), noColor, { long: 'timeout-seconds', type: 'int', usage: 'Timeout after specified seconds' }],
  );
  handle(ro, deps, { min: 1, max: 1 }, (args, o, ctx) =>
    getRollout(ctx, args[0] ?? '', {
      watch: o['watch'] === true,
      noColor: o['color'] === false || o['noColor'] === true,
      timeoutSeconds: typeof o['timeoutSeconds'] === 'number' ? o['timeoutSeconds'] : 0,
      ...(deps.live && deps.isTTY ? { live: deps.live } : {}),
    }),
  );
  const exp = defineCommand(
    get,
    { use: 'experiment EXPERIMENT_NAME', short: 'Get details about an Experiment', long: `Get details about and visual representation of a experiment. ${treeIcons}`, example: T.experimentExample, aliases: ['exp', 'experiments'] },
    [watchFlag('Watch live updates to the rollout'), noColor],
  );
  handle(exp, deps, { min: 1, max: 1 }, (args, o, ctx) =>
    getExperiment(ctx, args[0] ?? '', { watch: o['watch'] === true, noColor: o['color'] === false || o['noColor'] === true, ...(deps.live && deps.isTTY ? { live: deps.live } : {}) }),
  );
}

export function registerList(root: Command, deps: ProgramDeps): void {
  const list = defineCommand(root, {
    use: 'list <rollout|experiment>',
    short: 'List rollouts or experiments',
    long: T.listUsage,
    example: T.listExample,
  });
  group(list, deps);
  const ro = defineCommand(list, { use: 'rollouts', short: 'List rollouts', long: 'This command lists all of the rollouts for a specified namespace (uses current namespace context if namespace not specified).', example: T.listRolloutsExample, aliases: ['ro', 'rollout'] }, [
    { long: 'name', type: 'string', usage: 'Only show rollout with specified name' },
    { long: 'all-namespaces', short: 'A', type: 'bool', usage: 'Include all namespaces' },
    watchFlag('Watch for changes'),
    { long: 'timestamps', type: 'bool', usage: 'Print timestamps on updates' },
  ]);
  handle(ro, deps, anyArgs, (_a, o, ctx) =>
    listRollouts(ctx, { ...(typeof o['name'] === 'string' ? { name: o['name'] } : {}), allNamespaces: o['allNamespaces'] === true, watch: o['watch'] === true, timestamps: o['timestamps'] === true }),
  );
  const exp = defineCommand(list, { use: 'experiments', short: 'List experiments', long: 'This command lists all of the experiments for a specified namespace (uses current namespace context if namespace not specified).', example: T.listExperimentsExample, aliases: ['exp', 'experiment'] }, [
    { long: 'all-namespaces', short: 'A', type: 'bool', usage: 'Include all namespaces' },
  ]);
  handle(exp, deps, anyArgs, (_a, o, ctx) => listExperiments(ctx, { allNamespaces: o['allNamespaces'] === true }));
}

export function registerStatus(root: Command, deps: ProgramDeps): void {
  const status = defineCommand(
    root,
    {
      use: 'status ROLLOUT_NAME',
      short: 'Show the status of a rollout',
      long: T.statusLong,
      example: T.statusExample,
    },
    [
      { long: 'watch', short: 'w', type: 'bool', usage: "Watch the status of the rollout until it's done", defaultValue: true },
      { long: 'timeout', short: 't', type: 'duration', usage: 'The length of time to watch before giving up. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). Zero means wait forever', defaultValue: '0s' },
    ],
  );
  handle(status, deps, { min: 1, max: 1 }, (args, o, ctx) => {
    // `-t/--timeout` was parsed (and rejected with pflag's wording) by the duration flag type
    const timeoutMs = typeof o['timeout'] === 'number' ? o['timeout'] : 0;
    return rolloutStatus(ctx, args[0] ?? '', { watch: o['watch'] !== false, timeoutMs });
  });
}
