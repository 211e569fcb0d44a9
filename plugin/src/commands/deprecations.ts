// pflag's deprecation notices, printed (stderr) for every use of a deprecated flag or shorthand, in argv order.
// parity: spf13/pflag flag.go (FlagSet.Set prints `Flag --<long> has been deprecated, <msg>`; parseSingleShortArg
// first prints `Flag shorthand -<c> has been deprecated, <msg>` for a MarkShorthandDeprecated shorthand);
// cobra Command.ParseFlags prints them after a successful parse. Used by argo-rollouts promote.go (-c, -a).
import type { FlagSpec } from './spec.js';

const longNotice = (f: FlagSpec): string[] => (f.deprecated !== undefined ? [`Flag --${f.long} has been deprecated, ${f.deprecated}\n`] : []);
const shortNotice = (f: FlagSpec): string[] => (f.shorthandDeprecated !== undefined ? [`Flag shorthand -${f.short ?? ''} has been deprecated, ${f.shorthandDeprecated}\n`] : []);

/**
 * Notices for the flags used in `argv` (pflag token rules: `--long[=v]`, `-abc` bool shorthands chained,
 * `-t v` / `-tv` / `-t=v` for value flags, a value flag without inline value takes the next token, `--` ends
 * flags). Each use prints again: `-c` → shorthand notice then the long notice; `--skip-current-step` → long only.
 */
export function deprecationNotices(argv: readonly string[], flags: readonly FlagSpec[]): string[] {
  const out: string[] = [];
  const byLong = new Map(flags.map((f) => [f.long, f]));
  const byShort = new Map(flags.filter((f) => f.short !== undefined).map((f) => [f.short, f]));
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] ?? '';
    if (tok === '--') break;
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      const f = byLong.get(eq < 0 ? tok.slice(2) : tok.slice(2, eq));
      if (f === undefined) continue;
      out.push(...longNotice(f));
      if (f.type !== 'bool' && eq < 0) i++;
      continue;
    }
    if (!tok.startsWith('-') || tok.length < 2) continue;
    for (let rest = tok.slice(1); rest !== ''; ) {
      const f = byShort.get(rest.slice(0, 1));
      if (f === undefined) break;
      out.push(...shortNotice(f), ...longNotice(f));
      if (rest[1] === '=') break;
      if (f.type !== 'bool') {
        if (rest.length === 1) i++;
        break;
      }
      rest = rest.slice(1);
    }
  }
  return out;
}
