// pflag accepts `--flag=true|false` for booleans; commander does not. Rewrite them before parsing:
// `--x=true` → `--x`, `--x=false` → `--no-x` (every bool flag has a hidden negation).

const boolShorts: Readonly<Record<string, string>> = { w: 'watch', A: 'all-namespaces', a: 'skip-all-steps', c: 'skip-current-step', h: 'help' };

export function normalizeArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const [i, a] of argv.entries()) {
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const m = /^(--([a-z][a-z0-9-]*)|-([a-zA-Z]))=(true|false)$/.exec(a);
    const long = m?.[2] ?? (m?.[3] !== undefined ? boolShorts[m[3]] : undefined);
    if (m === null || long === undefined) {
      out.push(a);
      continue;
    }
    out.push(m[4] === 'true' ? `--${long}` : long.startsWith('no-') ? `--${long.slice(3)}` : `--no-${long}`);
  }
  return out;
}
