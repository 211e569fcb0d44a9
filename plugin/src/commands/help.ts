// Cobra's help and usage text. parity: spf13/cobra default UsageTemplate/HelpTemplate, spf13/pflag FlagUsages
import type { Command } from 'commander';
import { metaOf } from './spec.js';
import type { FlagSpec } from './spec.js';

/** options.go Example(): `%[1]s` → the CLI name, then leading/trailing newlines trimmed (other whitespace kept). */
export function exampleText(raw: string): string {
  return raw.replace(/%\[1\]s/g, 'kubectl argo rollouts').replace(/^\n+|\n+$/g, '');
}

/** Full command path: `kubectl-argo-rollouts get rollout`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function visibleSubcommands(cmd: Command): Command[] {
  return cmd.commands.filter((c) => metaOf(c) !== undefined).sort((a, b) => (a.name() < b.name() ? -1 : 1));
}

function flagDefault(f: FlagSpec): string {
  // pflag omits zero values (including a `0s` duration)
  if (f.defaultValue === undefined || f.defaultValue === false || f.defaultValue === '' || f.defaultValue === 0 || (f.type === 'duration' && f.defaultValue === '0s')) return '';
  if (f.type === 'string') return ` (default "${String(f.defaultValue)}")`;
  return ` (default ${String(f.defaultValue)})`;
}

/** pflag FlagUsages: `  -n, --name type   usage (default …)`, usage column aligned. */
export function flagUsages(flags: readonly FlagSpec[]): string {
  const shown = flags.filter((f) => f.hidden !== true && f.deprecated === undefined).sort((a, b) => (a.long < b.long ? -1 : 1));
  const lefts = shown.map((f) => `${f.short ? `  -${f.short}, ` : '      '}--${f.long}${f.type === 'bool' ? '' : ` ${f.type}`}`);
  const width = Math.max(0, ...lefts.map((l) => l.length));
  return shown.map((f, i) => `${(lefts[i] ?? '').padEnd(width)}   ${f.usage}${flagDefault(f)}\n`).join('');
}

function inheritedFlags(cmd: Command): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (let c = cmd.parent; c !== null; c = c.parent) out.push(...(metaOf(c)?.flags ?? []).filter((f) => f.long !== 'help'));
  return out;
}

/** Cobra UsageString(). */
export function usageText(cmd: Command): string {
  const meta = metaOf(cmd);
  const subs = visibleSubcommands(cmd);
  const path = commandPath(cmd);
  const parentPath = cmd.parent ? `${commandPath(cmd.parent)} ` : '';
  let out = 'Usage:';
  const runnable = meta !== undefined;
  if (runnable) out += `\n  ${parentPath}${meta.use}${meta.flags.length > 0 && meta.disableFlagsInUseLine !== true ? ' [flags]' : ''}`;
  if (subs.length > 0) out += `\n  ${path} [command]`;
  if ((meta?.aliases ?? []).length > 0) out += `\n\nAliases:\n  ${[cmd.name(), ...(meta?.aliases ?? [])].join(', ')}`;
  const example = exampleText(meta?.example ?? '');
  if (example !== '') out += `\n\nExamples:\n${example}`;
  if (subs.length > 0) {
    // cobra NamePadding: the longest sibling name, at least 11
    const pad = Math.max(11, ...subs.map((s) => s.name().length));
    out += `\n\nAvailable Commands:${subs.map((s) => `\n  ${s.name().padEnd(pad)} ${metaOf(s)?.short ?? ''}`).join('')}`;
  }
  const local = meta?.flags ?? [];
  if (local.length > 0) out += `\n\nFlags:\n${flagUsages(local).trimEnd()}`;
  const inherited = inheritedFlags(cmd);
  if (inherited.length > 0) out += `\n\nGlobal Flags:\n${flagUsages(inherited).trimEnd()}`;
  if (subs.length > 0) out += `\n\nUse "${path} [command] --help" for more information about a command.`;
  return `${out}\n`;
}

/** Cobra help: long (or short) description, blank line, usage. */
export function helpText(cmd: Command): string {
  const meta = metaOf(cmd);
  const desc = (meta?.long ?? meta?.short ?? '').trimEnd();
  return `${desc === '' ? '' : `${desc}\n\n`}${usageText(cmd)}`;
}
