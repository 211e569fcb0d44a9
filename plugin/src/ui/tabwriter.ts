// Column alignment as Go's text/tabwriter (minwidth 0, tabwidth 0, padding 2, pad ' ', no flags) behind an
// ANSI-aware writer: every cell but the last of a row is padded to the widest cell of its column + 2.
// Widths count Unicode code points and ignore ANSI SGR sequences.
// parity: argo-rollouts cmd/get/get_rollout.go (ansiterm.NewTabWriter(out, 0, 0, 2, ' ', 0))

const ansiSgr = /\x1b\[[0-9;]*m/g;

/** Display width: code points after removing ANSI SGR sequences. */
export function displayWidth(s: string): number {
  return [...s.replace(ansiSgr, '')].length;
}

/**
 * Lay out rows of cells; each row's cells except the last are "tab-terminated" and aligned. Columns are
 * computed per block of consecutive rows that have a cell in that column (Go tabwriter's rule).
 */
export function tabulate(rows: readonly (readonly string[])[], padding = 2): string {
  const widths: number[][] = rows.map(() => []);
  const maxCols = Math.max(0, ...rows.map((r) => r.length - 1));
  for (let col = 0; col < maxCols; col++) {
    let start = 0;
    while (start < rows.length) {
      if ((rows[start]?.length ?? 0) - 1 <= col) {
        start++;
        continue;
      }
      let end = start;
      let width = 0;
      while (end < rows.length && (rows[end]?.length ?? 0) - 1 > col) {
        width = Math.max(width, displayWidth(rows[end]?.[col] ?? ''));
        end++;
      }
      for (let i = start; i < end; i++) (widths[i] as number[])[col] = width + padding;
      start = end;
    }
  }
  return rows
    .map((cells, r) =>
      cells
        .map((cell, c) => {
          if (c === cells.length - 1) return cell;
          const w = widths[r]?.[c] ?? 0;
          return cell + ' '.repeat(Math.max(0, w - displayWidth(cell)));
        })
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
