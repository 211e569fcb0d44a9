// Cobra-style command metadata on top of commander: Use line, aliases, long text, examples and typed flags,
// kept beside each commander Command so help/usage can be printed the way upstream's cobra prints them.
import { Command, InvalidArgumentError, Option } from 'commander';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly type: FlagType;
  readonly usage: string;
  /** Shown as `(default …)` when not the zero value. */
  readonly defaultValue?: string | number | boolean;
  readonly hidden?: boolean;
  /** Deprecated flags are accepted but hidden from help (cobra MarkDeprecated). */
  readonly deprecated?: string;
}

export interface CommandMeta {
  /** Cobra Use line, e.g. `promote ROLLOUT_NAME`. */
  readonly use: string;
  readonly short: string;
  readonly long?: string;
  readonly example?: string;
  readonly aliases?: readonly string[];
  readonly flags: FlagSpec[];
}

const metas = new WeakMap<Command, CommandMeta>();

export function metaOf(cmd: Command): CommandMeta | undefined {
  return metas.get(cmd);
}

/** camelCase key commander uses for a long flag name. */
export const optKey = (long: string) => long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function parseIntFlag(long: string) {
  return (v: string) => {
    if (!/^[+-]?\d+$/.test(v)) throw new InvalidArgumentError(`invalid argument "${v}" for "--${long}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
    return Number.parseInt(v, 10);
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
  if (f.type === 'int') opt.argParser(parseIntFlag(f.long));
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
