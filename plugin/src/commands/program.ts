// The root command and `run(argv)`: parse with commander, map every failure to cobra's output and exit code.
import { Command, CommanderError } from 'commander';
import { UsageError, UserError } from '../actions/context.js';
import { ApiError } from '../kube/cluster.js';
import { addressedCommand, normalizeArgv } from './argv.js';
import { suggestionsText } from './suggest.js';
import { addGlobalFlags } from './globals.js';
import { helpText, usageText } from './help.js';
import { addFlag, defineCommand, defineRoot } from './spec.js';
import { handle, rememberArgv } from './runner.js';
import { UpstreamText as T } from './help-texts.js';
import type { ProgramDeps } from './runner.js';
import { registerGet, registerList, registerStatus } from './get-commands.js';
import { registerMutations } from './mutation-commands.js';
import { registerOthers } from './other-commands.js';

export const RootName = 'kubectl-argo-rollouts';

export function buildProgram(deps: ProgramDeps): Command {
  const root = new Command(RootName);
  root.helpOption(false).helpCommand(false).exitOverride().allowExcessArguments(true).argument('[args...]');
  root.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  defineRoot(root, {
    use: `${RootName} COMMAND`,
    short: 'Manage argo rollouts',
    long: 'This command consists of multiple subcommands which can be used to manage Argo Rollouts.',
    example: T.rootExample,
  });
  addGlobalFlags(root, deps.home);
  addFlag(root, { long: 'help', short: 'h', type: 'bool', usage: `help for ${RootName}` });
  registerOthers(root, deps);
  registerGet(root, deps);
  registerList(root, deps);
  registerStatus(root, deps);
  registerMutations(root, deps);
  const help = defineCommand(root, { use: 'help [command]', short: 'Help about any command', long: 'Help provides help for any command in the application.\nSimply type kubectl-argo-rollouts help [path to command] for full details.' });
  handle(help, deps, {}, async (args) => {
    // parity: cobra InitDefaultHelpCmd — a first word that is no command: `Unknown help topic [`a` `b`]` and the
    // root usage, both on stderr, exit 0 (deeper unknown words just stop the walk)
    if (args.length > 0 && !root.commands.some((c) => c.name() === args[0] || c.aliases().includes(args[0] ?? ''))) {
      deps.io.err(`Unknown help topic [${args.map((a) => `\`${a}\``).join(' ')}]\n${usageText(root)}`);
      return;
    }
    let target: Command = root;
    for (const a of args) {
      const next = target.commands.find((c) => c.name() === a || c.aliases().includes(a));
      if (next === undefined) break;
      target = next;
    }
    deps.io.out(helpText(target));
  });
  root.action(async (args: string[], opts: Record<string, unknown>) => {
    if (opts['help'] === true) return deps.io.out(helpText(root));
    if (args.length > 0) {
      const names = root.commands.map((c) => c.name()).filter((n) => n !== 'help');
      const typed = args[0] ?? '';
      throw new UserError(`unknown command "${typed}" for "${RootName}"${suggestionsText(typed, names)}\nRun '${RootName} --help' for usage.`);
    }
    throw new UsageError();
  });
  return root;
}

/** commander's messages in pflag/cobra wording. */
function flagError(e: CommanderError): string {
  const m = /'(-[^']*)'/.exec(e.message);
  const flag = m?.[1] ?? '';
  if (e.code === 'commander.unknownOption') {
    return flag.startsWith('--') ? `unknown flag: ${flag}` : `unknown shorthand flag: '${flag.slice(1, 2)}' in ${flag}`;
  }
  if (e.code === 'commander.optionMissingArgument') {
    const long = /--([a-z0-9-]+)/.exec(e.message)?.[1] ?? '';
    const short = /'-([a-zA-Z]),/.exec(e.message)?.[1];
    return short !== undefined ? `flag needs an argument: '${short}' in -${short}` : `flag needs an argument: --${long}`;
  }
  if (e.code === 'commander.invalidArgument') return e.message.replace(/^error: option '[^']*' argument '[^']*' is invalid\. /, '');
  return e.message.replace(/^error: /, '');
}

/** Run the CLI; resolves to the process exit code. */
export async function run(argv: readonly string[], deps: ProgramDeps): Promise<number> {
  const root = buildProgram(deps);
  rememberArgv(root, argv);
  const normalized = normalizeArgv(argv, root);
  const args = normalized.argv;
  if (normalized.error !== undefined) {
    deps.io.err(`Error: ${normalized.error}\n`);
    return 1;
  }
  try {
    await root.parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      deps.io.err(usageText(addressedCommand(root, args)));
      return 1;
    }
    if (e instanceof UserError || e instanceof ApiError) {
      deps.io.err(`Error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof CommanderError) {
      deps.io.err(`Error: ${flagError(e)}\n`);
      return 1;
    }
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError) && !(e instanceof ReferenceError)) {
      deps.io.err(`Error: ${e.message}\n`);
      return 1;
    }
    deps.io.err(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

