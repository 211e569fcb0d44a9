// Help text as cobra prints it from upstream's Use/Short/Long/Example (tabs and stray whitespace included).
// parity: argo-rollouts cmd/{retry,terminate,status,abort,completion}.go, cmd/cmd.go; cobra defaultHelpFunc/UsageFunc
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';

/** Help up to (not including) the Global Flags block, which every command shares. */
async function helpHead(argv: string[]): Promise<string> {
  const r = await runCli([...argv, '--help']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout.split('\n\nGlobal Flags:\n')[0] ?? '';
}

describe('help texts match upstream byte for byte', () => {
  it.each([
    {
      name: 'retry experiment: Long, aliases, tab-indented example',
      argv: ['retry', 'experiment'],
      want: 'Retry a failed experiment.\n\nUsage:\n  kubectl-argo-rollouts retry experiment EXPERIMENT_NAME [flags]\n\nAliases:\n  experiment, exp, experiments\n\nExamples:\n\t# Retry an experiment\n\tkubectl argo rollouts retry experiment my-experiment\n\nFlags:\n  -h, --help   help for experiment',
    },
    {
      name: 'retry rollout: no Long, so the Short heads the help',
      argv: ['retry', 'rollout'],
      want: 'Retry an aborted rollout\n\nUsage:\n  kubectl-argo-rollouts retry rollout ROLLOUT_NAME [flags]\n\nAliases:\n  rollout, ro, rollouts\n\nExamples:\n\t# Retry an aborted rollout\n\tkubectl argo rollouts retry rollout guestbook\n\nFlags:\n  -h, --help   help for rollout',
    },
    {
      name: 'terminate analysisrun',
      argv: ['terminate', 'analysisrun'],
      want: 'This command terminates an AnalysisRun.\n\nUsage:\n  kubectl-argo-rollouts terminate analysisrun ANALYSISRUN_NAME [flags]\n\nAliases:\n  analysisrun, ar, analysisruns\n\nExamples:\n\t# Terminate an AnalysisRun\n\tkubectl argo rollouts terminate analysisrun guestbook-877894d5b-4-success-rate.1\n\nFlags:\n  -h, --help   help for analysisrun',
    },
    {
      name: 'terminate experiment',
      argv: ['terminate', 'experiment'],
      want: 'This command terminates an Experiment.\n\nUsage:\n  kubectl-argo-rollouts terminate experiment EXPERIMENT_NAME [flags]\n\nAliases:\n  experiment, exp, experiments\n\nExamples:\n\t# Terminate an experiment\n\tkubectl argo rollouts terminate experiment my-experiment\n\nFlags:\n  -h, --help   help for experiment',
    },
    {
      name: 'retry group example lists both subcommands',
      argv: ['retry'],
      want: 'This command consists of multiple subcommands which can be used to restart an aborted rollout or a failed experiment.\n\nUsage:\n  kubectl-argo-rollouts retry <rollout|experiment> RESOURCE_NAME [flags]\n  kubectl-argo-rollouts retry [command]\n\nExamples:\n\t# Retry an aborted rollout\n\tkubectl argo rollouts retry rollout guestbook\n\n\t# Retry a failed experiment\n\tkubectl argo rollouts retry experiment my-experiment\n\nAvailable Commands:\n  experiment  Retry an experiment\n  rollout     Retry an aborted rollout\n\nFlags:\n  -h, --help   help for retry',
    },
    {
      name: 'status: two-line Long, `--watch=false` example (4-space line) and the trailing tab line',
      argv: ['status'],
      want:
        'Watch rollout until it finishes or the timeout is exceeded. Returns success if\nthe rollout is healthy upon completion and an error otherwise.\n\nUsage:\n  kubectl-argo-rollouts status ROLLOUT_NAME [flags]\n\nExamples:\n' +
        '\t# Watch the rollout until it succeeds\n\tkubectl argo rollouts status guestbook\n\n\t# Show the rollout status\n    kubectl argo rollouts status guestbook --watch=false\n\n\t# Watch the rollout until it succeeds, fail if it takes more than 60 seconds\n\tkubectl argo rollouts status --timeout 60s guestbook\n\t\n\n' +
        "Flags:\n  -h, --help               help for status\n  -t, --timeout duration   The length of time to watch before giving up. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). Zero means wait forever\n  -w, --watch              Watch the status of the rollout until it's done (default true)",
    },
    {
      name: 'abort: Long keeps upstream’s line break (and the space before it)',
      argv: ['abort'],
      want: "This command stops progressing the current rollout and reverts all steps. The previous ReplicaSet will be active.\n\nNote the 'spec.template' still represents the new rollout version. If the Rollout leaves the aborted state, it will try to go to the new version. \nUpdating the 'spec.template' back to the previous version will fully revert the rollout.\n\nUsage:\n  kubectl-argo-rollouts abort ROLLOUT_NAME [flags]\n\nExamples:\n  # Abort a rollout\n  kubectl argo rollouts abort guestbook\n\nFlags:\n  -h, --help   help for abort",
    },
  ])('$name', async ({ argv, want }) => {
    expect(await helpHead(argv)).toBe(want);
  });

  it('root: Use line `kubectl-argo-rollouts COMMAND`, example ends with `retry rollout guestbook`', async () => {
    const head = await helpHead([]);
    expect(head).toContain('Usage:\n  kubectl-argo-rollouts COMMAND [flags]\n  kubectl-argo-rollouts [command]\n\nExamples:\n  # Get guestbook rollout and watch progress\n');
    expect(head).toContain('  # Retry the guestbook rollout\n  kubectl argo rollouts retry rollout guestbook\n\nAvailable Commands:\n');
  });

  it('completion: DisableFlagsInUseLine, all four shells, upstream’s Long', async () => {
    const head = await helpHead(['completion']);
    expect(head.startsWith('To load completions:\n\t\n\tBash:\n\t\n\t  $ source <(yourprogram completion bash)\n')).toBe(true);
    expect(head).toContain('\tPowerShell:\n\t\n\t  PS> yourprogram completion powershell | Out-String | Invoke-Expression\n');
    expect(head).toContain('\t  # and source this file from your PowerShell profile.\n\nUsage:\n  kubectl-argo-rollouts completion [bash|zsh|fish|powershell]\n\nFlags:\n  -h, --help   help for completion');
  });

  it.each([
    { cmd: ['get', 'rollout'], line: '\t# Watch the rollout, fail if it takes more than 60 seconds\n\tkubectl argo rollouts get rollout guestbook -w --timeout-seconds 60\n\nFlags:' },
    { cmd: ['get', 'experiment'], line: '\t# Watch experiment progress\n\tkubectl argo rollouts get experiment my-experiment -w\n\nFlags:' },
    { cmd: ['list', 'rollouts'], line: '\t# List rollouts and watch for changes\n\tkubectl argo rollouts list rollouts --watch\n\nFlags:' },
    { cmd: ['list', 'experiments'], line: '\t# List rollouts and watch for changes\n\tkubectl argo rollouts list experiments --watch\n\nFlags:' },
    { cmd: ['list'], line: 'lists all of the \nrollouts or experiments for a specified namespace' },
    { cmd: ['set'], line: 'Examples:\n  # Set rollout image\n  kubectl argo rollouts set image my-rollout demo=argoproj/rollouts-demo:yellow\n\nAvailable Commands:' },
    { cmd: ['set', 'image'], line: "  # Set rollout image for all containers\n  kubectl argo rollouts set image my-rollout *=imageName\n\nFlags:" },
    { cmd: ['create', 'analysisrun'], line: 'Examples:\n  \t# Create an AnalysisRun from a local AnalysisTemplate file\n' },
    { cmd: ['dashboard'], line: 'Start UI dashboard\n\nUsage:\n  kubectl-argo-rollouts dashboard [flags]\n\nExamples:\n\t# Start UI dashboard\n' },
    { cmd: ['get'], line: '\t# Watch a rollouts progress\n\tkubectl argo rollouts get rollout guestbook -w\n  \n\t# Get an experiment\n' },
  ])('$cmd example/long as upstream', async ({ cmd, line }) => {
    expect(await helpHead(cmd)).toContain(line);
  });

  it('get rollout Long: the tree-icon text keeps upstream’s tab line', async () => {
    expect(await helpHead(['get', 'rollout'])).toContain('created by the parent.\n\t\nTree view icons\n');
  });
});

describe('completion arguments (cobra.ExactValidArgs(1): errors, not usage)', () => {
  it.each([
    { argv: ['completion'], err: 'Error: accepts 1 arg(s), received 0\n' },
    { argv: ['completion', 'bash', 'zsh'], err: 'Error: accepts 1 arg(s), received 2\n' },
    { argv: ['completion', 'tcsh'], err: 'Error: invalid argument "tcsh" for "kubectl-argo-rollouts completion"\n' },
  ])('$argv', async ({ argv, err }) => {
    const r = await runCli(argv);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: err });
  });
});

describe('help command', () => {
  it('help <command path> prints that command’s help on stdout', async () => {
    const r = await runCli(['help', 'retry', 'experiment']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout.startsWith('Retry a failed experiment.\n\nUsage:\n')).toBe(true);
  });

  // parity: cobra InitDefaultHelpCmd (`c.Printf("Unknown help topic %#q\n", args)` then root usage)
  it('an unknown topic → `Unknown help topic` and the root usage on stderr, exit 0', async () => {
    const r = await runCli(['help', 'bogus', 'x']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: '' });
    expect(r.stderr.startsWith('Unknown help topic [`bogus` `x`]\nUsage:\n  kubectl-argo-rollouts COMMAND [flags]\n')).toBe(true);
  });
});
