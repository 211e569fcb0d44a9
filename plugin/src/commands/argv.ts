// pflag accepts `--flag=<bool>` / `-f=<bool>` for booleans (any strconv.ParseBool spelling); commander does not.
// Rewrite them before parsing: true → `--x`, false → `--no-x` (every bool flag has a hidden negation; a `no-…`
// flag's false is the positive form). Only flags that are booleans of the addressed command (or its ancestors)
// are rewritten, so `create analysisrun -a=k=v` and `--name=false` stay values.
// parity: spf13/pflag boolValue.Set (strconv.ParseBool), InvalidValueError; cobra Command.Find (subcommand walk)
import type { Command } from 'commander';
import { parseGoBool } from './go-strconv.js';
import { invalidValueMessage, metaOf } from './spec.js';
import type { FlagSpec } from './spec.js';

export interface NormalizedArgv {
  readonly argv: string[];
  /** pflag's error for the first unparsable boolean value, e.g. `invalid argument "x" for "-w, --watch" flag: …`. */
  readonly error?: string;
}

/** The command's own flags and every ancestor's (persistent) flags. */
export function flagsInScope(cmd: Command): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) out.push(...(metaOf(c)?.flags ?? []));
  return out;
}

/** Does this value-flag token take the following argv word as its value? (`--ns x`, `-n x`, not `-nx`/`--ns=x`) */
function takesNext(tok: string, flags: readonly FlagSpec[]): boolean {
  if (tok.startsWith('--')) {
    if (tok.includes('=')) return false;
    const f = flags.find((x) => x.long === tok.slice(2));
    return f !== undefined && f.type !== 'bool';
  }
  for (let i = 1; i < tok.length; i++) {
    const f = flags.find((x) => x.short === tok[i]);
    if (f === undefined || tok[i + 1] === '=') return false;
    if (f.type !== 'bool') return i === tok.length - 1;
  }
  return false;
}

/**
 * The command argv addresses, as cobra's Find walks it: skip flags (and the values they take), then the first
 * remaining word must name a subcommand (or alias) to go deeper; any other word ends the walk.
 */
export function addressedCommand(root: Command, argv: readonly string[]): Command {
  let cmd = root;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] ?? '';
    if (tok === '--') break;
    if (tok.startsWith('-') && tok.length > 1) {
      if (takesNext(tok, flagsInScope(cmd))) i++;
      continue;
    }
    const next = cmd.commands.find((c) => c.name() === tok || c.aliases().includes(tok));
    if (next === undefined) break;
    cmd = next;
  }
  return cmd;
}

export function normalizeArgv(argv: readonly string[], root: Command): NormalizedArgv {
  const bools = flagsInScope(addressedCommand(root, argv)).filter((f) => f.type === 'bool');
  const out: string[] = [];
  for (const [i, a] of argv.entries()) {
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const m = /^(?:--([a-z][a-z0-9-]*)|-([a-zA-Z]))=(.*)$/s.exec(a);
    const f = m === null ? undefined : bools.find((x) => (m[1] !== undefined ? x.long === m[1] : x.short === m[2]));
    if (m === null || f === undefined) {
      out.push(a);
      continue;
    }
    const value = m[3] ?? '';
    const parsed = parseGoBool(value);
    if ('error' in parsed) return { argv: out, error: invalidValueMessage(f, value, parsed.error) };
    out.push(parsed.value ? `--${f.long}` : f.long.startsWith('no-') ? `--${f.long.slice(3)}` : `--no-${f.long}`);
  }
  return { argv: out };
}
