// Ink view for `get -w`: places pre-built text lines (byte-exact rendering stays in the pure builders).
// One <Text> per line so Ink's incremental renderer rewrites only the lines that changed — no full-screen
// clear, no flicker. When the tree is taller than the terminal, the top (header) stays in view.
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';

export interface LiveViewProps {
  readonly text: string;
  /** Terminal rows; undefined = unlimited. */
  readonly rows?: number;
}

/** Lines to show: all of them, or the first rows−2 plus a `… N more lines` marker when the frame is too tall. */
export function visibleLines(text: string, rows?: number): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  if (rows === undefined || rows <= 2 || lines.length <= rows - 1) return lines;
  const keep = rows - 2;
  return [...lines.slice(0, keep), `… ${lines.length - keep} more lines`];
}

export function LiveView({ text, rows }: LiveViewProps): ReactElement {
  return (
    <Box flexDirection="column">
      {visibleLines(text, rows).map((line, i) => (
        // Row position is the identity: a changed row re-renders in place.
        // Truncated, not wrapped: one text line per terminal row keeps the incremental diff row-aligned.
        <Text key={i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
