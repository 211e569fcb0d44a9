// `completion bash|zsh|fish|powershell`: static scripts generated from the command tree (commands, aliases, flags).
// parity: argo-rollouts cmd/completion/completion.go (ValidArgs bash, zsh, fish, powershell)
import type { Command } from 'commander';
import { metaOf } from './spec.js';

interface Node {
  readonly path: string[];
  readonly words: string[];
}

/** Every command path with the words that may follow it (subcommands, aliases, flags). */
export function completionTable(root: Command): Node[] {
  const out: Node[] = [];
  const walk = (cmd: Command, path: string[], inherited: string[]) => {
    const meta = metaOf(cmd);
    const flags = (meta?.flags ?? []).filter((f) => f.hidden !== true && f.deprecated === undefined).flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);
    const subs = cmd.commands.filter((c) => metaOf(c) !== undefined);
    const nextInherited = path.length === 0 ? flags : inherited;
    out.push({ path, words: [...subs.flatMap((s) => [s.name(), ...s.aliases()]), ...flags, ...(path.length > 0 ? inherited : [])] });
    for (const s of subs) for (const name of [s.name(), ...s.aliases()]) walk(s, [...path, name], nextInherited);
  };
  walk(root, [], []);
  return out;
}

const prog = 'kubectl-argo-rollouts';

function bash(table: Node[]): string {
  const cases = table
    .map((n) => `    "${n.path.join(' ')}") words="${n.words.join(' ')}" ;;`)
    .join('\n');
  const known = table.map((n) => n.path.join(' ')).filter((p) => p !== '').join('|');
  return `# bash completion for ${prog}
_${prog.replace(/-/g, '_')}() {
  local cur path="" w words next known="|${known}|"
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) continue ;; esac
    next="\${path:+$path }$w"
    [[ "$known" == *"|$next|"* ]] && path="$next"
  done
  case "$path" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _${prog.replace(/-/g, '_')} ${prog}
complete -F _${prog.replace(/-/g, '_')} kubectl_argo_rollouts
`;
}

function zsh(table: Node[]): string {
  return `#compdef ${prog}
autoload -U +X bashcompinit && bashcompinit
${bash(table)}`;
}

function fish(table: Node[]): string {
  return (
    `# fish completion for ${prog}\n` +
    table
      .filter((n) => n.path.length <= 1)
      .map((n) =>
        n.words
          .filter((w) => !w.startsWith('-'))
          .map((w) => `complete -c ${prog} -f -n '${n.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${n.path[0]}`}' -a ${w}`)
          .join('\n'),
      )
      .filter((s) => s !== '')
      .join('\n') +
    '\n'
  );
}

/** PowerShell single-quoted literal (a `'` is doubled). */
const psQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * PowerShell: the same path → words table as a hashtable; the completer walks the words before the cursor
 * (skipping flags) to the deepest known command path and offers that path's words matching the current prefix.
 */
function powershell(table: Node[]): string {
  const entries = table.map((n) => `  ${psQuote(n.path.join(' '))} = @(${n.words.map(psQuote).join(', ')})`).join('\n');
  return `# powershell completion for ${prog}
$__kubectlArgoRolloutsWords = @{
${entries}
}
$__kubectlArgoRolloutsCompleter = {
  param($wordToComplete, $commandAst, $cursorPosition)
  $path = ''
  foreach ($element in ($commandAst.CommandElements | Select-Object -Skip 1)) {
    if ($element.Extent.EndOffset -ge $cursorPosition) { break }
    $w = $element.ToString()
    if ($w.StartsWith('-')) { continue }
    $next = if ($path -eq '') { $w } else { "$path $w" }
    if ($__kubectlArgoRolloutsWords.ContainsKey($next)) { $path = $next }
  }
  $__kubectlArgoRolloutsWords[$path] | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    $kind = if ($_.StartsWith('-')) { 'ParameterName' } else { 'ParameterValue' }
    [System.Management.Automation.CompletionResult]::new($_, $_, $kind, $_)
  }
}
Register-ArgumentCompleter -Native -CommandName ${psQuote(prog)} -ScriptBlock $__kubectlArgoRolloutsCompleter
Register-ArgumentCompleter -Native -CommandName 'kubectl_argo_rollouts' -ScriptBlock $__kubectlArgoRolloutsCompleter
`;
}

export const CompletionShells = ['bash', 'zsh', 'fish', 'powershell'] as const;

export function completionScript(root: Command, shell: string): string | undefined {
  const table = completionTable(root);
  if (shell === 'bash') return bash(table);
  if (shell === 'zsh') return zsh(table);
  if (shell === 'fish') return fish(table);
  if (shell === 'powershell') return powershell(table);
  return undefined;
}
