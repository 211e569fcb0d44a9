// Cobra-style command metadata on top of commander: Use line, aliases, long text, examples and typed flags,
// kept beside each commander Command so help/usage can be printed the way upstream's cobra prints them.
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseGoDurationResult } from '@serin/core';
import { goQuote, parseGoInt64 } from './go-strconv.js';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly type: FlagType;
  readonly usage: string;
  /** Shown as `(default …)` when not the zero value. */
  readonly defaultValue?: string | number | boolean;
  readonly hidden?: boolean;
  /** Deprecated flags are accepted but hidden from help (pflag MarkDeprecated). */
  readonly deprecated?: string;
  /** The shorthand alone is deprecated (pflag MarkShorthandDeprecated): it still works, with a notice. */
  readonly shorthandDeprecated?: string;
}

export interface CommandMeta {
  /** Cobra Use line, e.g. `promote ROLLOUT_NAME`. */
  readonly use: string;
  readonly short: string;
  readonly long?: string;
  readonly example?: string;
  readonly aliases?: readonly string[];
  /** cobra DisableFlagsInUseLine: no ` [flags]` after the Use line. */
  readonly disableFlagsInUseLine?: boolean;
  readonly flags: FlagSpec[];
}

const metas = new WeakMap<Command, CommandMeta>();

export function metaOf(cmd: Command): CommandMeta | undefined {
  return metas.get(cmd);
}

/** camelCase key commander uses for a long flag name. */
export const optKey = (long: string) => long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** How pflag names a flag in errors: `-t, --timeout`, or `--timeout` without a (non-deprecated) shorthand. */
export function flagDisplayName(f: FlagSpec): string {
  return f.short !== undefined && f.shorthandDeprecated === undefined ? `-${f.short}, --${f.long}` : `--${f.long}`;
}

/** pflag InvalidValueError: `invalid argument "<v>" for "<flag>" flag: <cause>` (value and name `%q`-quoted). */
export function invalidValueMessage(f: FlagSpec, v: string, cause: string): string {
  return `invalid argument ${goQuote(v)} for ${goQuote(flagDisplayName(f))} flag: ${cause}`;
}

const invalidValue = (f: FlagSpec, v: string, cause: string) => new InvalidArgumentError(invalidValueMessage(f, v, cause));

/** pflag intValue/int64Value: strconv.ParseInt(v, 0, 64) (so `0x10`, `1_000` are accepted as Go accepts them). */
function parseIntFlag(f: FlagSpec) {
  return (v: string) => {
    const r = parseGoInt64(v);
    if ('error' in r) throw invalidValue(f, v, r.error);
    return r.value;
  };
}

/** pflag durationValue: Go time.ParseDuration at parse time; the option value becomes milliseconds. */
function parseDurationFlag(f: FlagSpec) {
  return (v: string) => {
    const r = parseGoDurationResult(v);
    if ('error' in r) throw invalidValue(f, v, r.error);
    return r.ms;
  };
}

/** Add a flag to commander and to the help metadata. */
export function addFlag(cmd: Command, f: FlagSpec): void {
  const meta = metas.get(cmd);
  meta?.flags.push(f);
  const names = `${f.short ? `-${f.short}, ` : ''}--${f.long}`;
  if (f.type === 'bool') {
    const opt = new Option(names, f.usage);
    if (f.defaultValue === true) opt.default(true);
    cmd.addOption(opt);
    // `--flag=false` is rewritten to `--no-flag` (see argv.ts); `--no-…` flags are commander negations already.
    if (!f.long.startsWith('no-')) cmd.addOption(new Option(`--no-${f.long}`).hideHelp());
    return;
  }
  const opt = new Option(`${names} <${f.type}>`, f.usage);
  if (f.type === 'int') opt.argParser(parseIntFlag(f));
  if (f.type === 'duration') opt.argParser(parseDurationFlag(f));
  if (f.type === 'stringArray') opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  if (f.defaultValue !== undefined) opt.default(f.defaultValue);
  cmd.addOption(opt);
}

/** Create a subcommand from its cobra-style metadata (name = first word of `use`). */
export function defineCommand(parent: Command, meta: Omit<CommandMeta, 'flags'>, flags: readonly FlagSpec[] = []): Command {
  const name = meta.use.split(' ')[0] ?? meta.use;
  const cmd = new Command(name);
  cmd.copyInheritedSettings(parent);
  cmd.description(meta.short);
  for (const a of meta.aliases ?? []) cmd.alias(a);
  cmd.argument('[args...]');
  cmd.allowExcessArguments(true);
  metas.set(cmd, { ...meta, flags: [] });
  addFlag(cmd, { long: 'help', short: 'h', type: 'bool', usage: `help for ${name}` });
  for (const f of flags) addFlag(cmd, f);
  parent.addCommand(cmd);
  return cmd;
}

/** The root command's metadata (global flags are registered with addFlag on it). */
export function defineRoot(cmd: Command, meta: Omit<CommandMeta, 'flags'>): void {
  metas.set(cmd, { ...meta, flags: [] });
}
