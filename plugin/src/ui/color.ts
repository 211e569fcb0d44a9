// ANSI colouring as upstream's `get` output: `ESC[<code>m<text>ESC[0m`; words without a colour are still
// wrapped with code 0. parity: argo-rollouts cmd/get/get.go (colorMapping, ansiFormat)
import { Icon, InfoTag } from '@serin/core';

export const Sgr = { None: 0, Red: 31, Green: 32, Yellow: 33, HiBlue: 94 } as const;

const colorMapping: Readonly<Record<string, number>> = {
  [Icon.Waiting]: Sgr.Yellow,
  [Icon.Progressing]: Sgr.HiBlue,
  [Icon.Warning]: Sgr.Red,
  [Icon.Unknown]: Sgr.Yellow,
  [Icon.OK]: Sgr.Green,
  [Icon.Bad]: Sgr.Red,
  [InfoTag.Canary]: Sgr.Yellow,
  [InfoTag.Stable]: Sgr.Green,
  [InfoTag.Active]: Sgr.Green,
  [InfoTag.Preview]: Sgr.HiBlue,
  [InfoTag.Ping]: Sgr.HiBlue,
  [InfoTag.Pong]: Sgr.HiBlue,
  Pending: Sgr.HiBlue,
  Running: Sgr.HiBlue,
};

export interface Colorizer {
  /** Colour a well-known word (icon, tag) by its own mapping. */
  readonly word: (s: string) => string;
  /** Colour `s` with the colour mapped for `key` (a tag or an analysis phase). */
  readonly as: (s: string, key: string) => string;
}

export function makeColorizer(enabled: boolean): Colorizer {
  const wrap = (s: string, key: string) => (enabled ? `\x1b[${colorMapping[key] ?? Sgr.None}m${s}\x1b[0m` : s);
  return { word: (s) => wrap(s, s), as: wrap };
}

/**
 * Colour decision: off with `--no-color`, `TERM=dumb` or a non-empty `NO_COLOR`; otherwise on, even into a
 * pipe (upstream has no TTY check — kept, see ADR 0006).
 */
export function colorEnabled(noColorFlag: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (noColorFlag || env['TERM'] === 'dumb') return false;
  return (env['NO_COLOR'] ?? '') === '';
}
