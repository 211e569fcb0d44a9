// promote, pause, abort, retry, terminate, restart, set image, undo.
// parity: argo-rollouts cmd/{promote,pause,abort,retry,terminate,restart,set,undo}
import type { Command } from 'commander';
import { parseGoDurationResult, parseImageArg } from '@serin/core';
import { abort, pause, promote, restart, retryExperiment, retryRollout, terminateAnalysisRun, terminateExperiment } from '../actions/mutations.js';
import { setImage } from '../actions/set-image.js';
import { undo } from '../actions/undo.js';
import { UsageError, UserError } from '../actions/context.js';
import { defineCommand } from './spec.js';
import { UpstreamText as T } from './help-texts.js';
import { group, handle } from './runner.js';
import type { ProgramDeps } from './runner.js';

/** `len(args) != 1` → usage (promote, restart, undo). */
const one = { min: 1, max: 1 };
/** `len(args) == 0` → usage, then every name in turn (pause, abort, retry, terminate). */
const some = { min: 1 };

const skipCurrent = 'use without the flag instead ex: promote ROLLOUT_NAME';
const skipAll = 'use --full instead';

export function registerMutations(root: Command, deps: ProgramDeps): void {
  const promoteCmd = defineCommand(
    root,
    {
      use: 'promote ROLLOUT_NAME',
      short: 'Promote a rollout',
      long: T.promoteUsage,
      example: T.promoteExample,
    },
    [
      // parity: promote.go MarkDeprecated and MarkShorthandDeprecated on both (notices: deprecations.ts)
      { long: 'skip-current-step', short: 'c', type: 'bool', usage: 'Skip currently running canary step', deprecated: skipCurrent, shorthandDeprecated: skipCurrent },
      { long: 'skip-all-steps', short: 'a', type: 'bool', usage: 'Skip remaining steps', deprecated: skipAll, shorthandDeprecated: skipAll },
      { long: 'full', type: 'bool', usage: 'Perform a full promotion, skipping analysis, pauses, and steps' },
    ],
  );
  handle(promoteCmd, deps, one, (args, o, ctx) =>
    promote(ctx, args[0] ?? '', { full: o['full'] === true, skipCurrentStep: o['skipCurrentStep'] === true, skipAllSteps: o['skipAllSteps'] === true }),
  );

  const pauseCmd = defineCommand(root, { use: 'pause ROLLOUT_NAME', short: 'Pause a rollout', long: "Set the rollout paused state to 'true'", example: T.pauseExample });
  handle(pauseCmd, deps, some, (args, _o, ctx) => pause(ctx, args));

  const abortCmd = defineCommand(root, {
    use: 'abort ROLLOUT_NAME',
    short: 'Abort a rollout',
    long: T.abortUsage,
    example: T.abortExample,
  });
  handle(abortCmd, deps, some, (args, _o, ctx) => abort(ctx, args));

  const retry = defineCommand(root, { use: 'retry <rollout|experiment> RESOURCE_NAME', short: 'Retry a rollout or experiment', long: 'This command consists of multiple subcommands which can be used to restart an aborted rollout or a failed experiment.', example: T.retryExample });
  group(retry, deps);
  const retryRo = defineCommand(retry, { use: 'rollout ROLLOUT_NAME', short: 'Retry an aborted rollout', example: T.retryRolloutExample, aliases: ['ro', 'rollouts'] });
  handle(retryRo, deps, some, (args, _o, ctx) => retryRollout(ctx, args));
  const retryExp = defineCommand(retry, { use: 'experiment EXPERIMENT_NAME', short: 'Retry an experiment', long: 'Retry a failed experiment.', example: T.retryExperimentExample, aliases: ['exp', 'experiments'] });
  handle(retryExp, deps, some, (args, _o, ctx) => retryExperiment(ctx, args));

  const terminate = defineCommand(root, { use: 'terminate <analysisrun|experiment> RESOURCE_NAME', short: 'Terminate an AnalysisRun or Experiment', long: 'This command consists of multiple subcommands which can be used to terminate an AnalysisRun or Experiment that is in progress.', example: T.terminateExample });
  group(terminate, deps);
  const termAr = defineCommand(terminate, { use: 'analysisrun ANALYSISRUN_NAME', short: 'Terminate an AnalysisRun', long: 'This command terminates an AnalysisRun.', example: T.terminateAnalysisRunExample, aliases: ['ar', 'analysisruns'] });
  handle(termAr, deps, some, (args, _o, ctx) => terminateAnalysisRun(ctx, args));
  const termExp = defineCommand(terminate, { use: 'experiment EXPERIMENT_NAME', short: 'Terminate an experiment', long: 'This command terminates an Experiment.', example: T.terminateExperimentExample, aliases: ['exp', 'experiments'] });
  handle(termExp, deps, some, (args, _o, ctx) => terminateExperiment(ctx, args));

  const restartCmd = defineCommand(
    root,
    { use: 'restart ROLLOUT', short: 'Restart the pods of a rollout', example: T.restartExample },
    [{ long: 'in', short: 'i', type: 'string', usage: 'Amount of time before a restart. (e.g. 30s, 5m, 1h)' }],
  );
  handle(restartCmd, deps, one, (args, o, ctx) => {
    const inText = typeof o['in'] === 'string' ? o['in'] : undefined;
    // DurationString(in).Duration() is time.ParseDuration (`--in 30` has no unit); upstream panics with Go's
    // error text, Serin reports the same text as an error (exit 1) and patches nothing.
    const parsed = inText !== undefined && inText !== '' ? parseGoDurationResult(inText) : { ms: 0 };
    if ('error' in parsed) throw new UserError(parsed.error);
    const inMs = parsed.ms;
    return restart(ctx, args[0] ?? '', inText, inMs);
  });

  const set = defineCommand(root, { use: 'set COMMAND', short: 'Update various values on resources', long: 'This command consists of multiple subcommands which can be used to update rollout resources.', example: T.setExample });
  group(set, deps);
  const image = defineCommand(set, { use: 'image ROLLOUT_NAME CONTAINER=IMAGE', short: 'Update the image of a rollout', example: T.setImageExample });
  handle(image, deps, { min: 2, max: 2 }, (args, _o, ctx) => {
    const parsed = parseImageArg(args[1] ?? '');
    if (parsed === undefined) throw new UsageError();
    return setImage(ctx, args[0] ?? '', parsed.container, parsed.image);
  });

  const undoCmd = defineCommand(
    root,
    { use: 'undo ROLLOUT_NAME', short: 'Undo a rollout', long: 'Rollback to the previous rollout.', example: T.undoExample },
    [{ long: 'to-revision', type: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  );
  handle(undoCmd, deps, one, (args, o, ctx) => undo(ctx, args[0] ?? '', typeof o['toRevision'] === 'number' ? o['toRevision'] : 0));
}
