// cobra's "Did you mean this?" for an unknown root command.
// parity: spf13/cobra Command.SuggestionsFor / findSuggestions (SuggestionsMinimumDistance 2, case-insensitive
// Levenshtein or prefix match; the help command is never suggested), in argo-rollouts cmd.go AddCommand order.

/** The order upstream's root adds its commands (cmd/cmd.go), which is the order suggestions are listed in. */
export const UpstreamCommandOrder = ['create', 'get', 'lint', 'list', 'pause', 'promote', 'restart', 'version', 'abort', 'retry', 'terminate', 'set', 'undo', 'dashboard', 'status', 'notifications', 'completion'] as const;

/** Levenshtein distance (insert, delete, substitute each cost 1), compared lower-cased. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[t.length] ?? 0;
}

/** Names (from `available`, in upstream's order) within distance 2 of `typed` or starting with it. */
export function suggestionsFor(typed: string, available: readonly string[]): string[] {
  const order = (n: string) => {
    const i = UpstreamCommandOrder.indexOf(n as (typeof UpstreamCommandOrder)[number]);
    return i < 0 ? UpstreamCommandOrder.length : i;
  };
  return [...available]
    .sort((x, y) => order(x) - order(y))
    .filter((n) => levenshtein(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()));
}

/** `\n\nDid you mean this?\n\t<name>\n…`, or '' without suggestions. */
export function suggestionsText(typed: string, available: readonly string[]): string {
  const found = suggestionsFor(typed, available);
  return found.length === 0 ? '' : `\n\nDid you mean this?\n${found.map((n) => `\t${n}\n`).join('')}`;
}
