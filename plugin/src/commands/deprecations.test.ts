// pflag deprecation notices: which lines, in which order.
import { describe, expect, it } from 'vitest';
import { deprecationNotices } from './deprecations.js';
import type { FlagSpec } from './spec.js';

const c = 'use without the flag instead ex: promote ROLLOUT_NAME';
const a = 'use --full instead';
// parity: argo-rollouts promote.go MarkDeprecated + MarkShorthandDeprecated for both skip flags
const flags: FlagSpec[] = [
  { long: 'skip-current-step', short: 'c', type: 'bool', usage: '', deprecated: c, shorthandDeprecated: c },
  { long: 'skip-all-steps', short: 'a', type: 'bool', usage: '', deprecated: a, shorthandDeprecated: a },
  { long: 'full', type: 'bool', usage: '' },
  { long: 'namespace', short: 'n', type: 'string', usage: '' },
];
const shortC = `Flag shorthand -c has been deprecated, ${c}\n`;
const longC = `Flag --skip-current-step has been deprecated, ${c}\n`;
const shortA = `Flag shorthand -a has been deprecated, ${a}\n`;
const longA = `Flag --skip-all-steps has been deprecated, ${a}\n`;

describe('deprecationNotices', () => {
  it.each([
    { name: 'no deprecated flag', argv: ['promote', 'x', '--full'], want: [] },
    { name: 'long flag: long notice only', argv: ['promote', 'x', '--skip-current-step'], want: [longC] },
    { name: 'long flag with =false still notices', argv: ['promote', 'x', '--skip-all-steps=false'], want: [longA] },
    { name: 'shorthand: shorthand notice first, then long', argv: ['promote', 'x', '-c'], want: [shortC, longC] },
    { name: 'argv order, not declaration order', argv: ['promote', '-a', 'x', '-c'], want: [shortA, longA, shortC, longC] },
    { name: 'chained shorthands', argv: ['promote', 'x', '-ca'], want: [shortC, longC, shortA, longA] },
    { name: 'shorthand with =value', argv: ['promote', 'x', '-c=false'], want: [shortC, longC] },
    { name: 'each use prints again', argv: ['promote', 'x', '-c', '--skip-current-step'], want: [shortC, longC, longC] },
    { name: 'a value flag swallows the next token', argv: ['promote', '-n', '-c', 'x'], want: [] },
    { name: 'an inline value is not a flag', argv: ['promote', '-nc', 'x'], want: [] },
    { name: 'after -- nothing is a flag', argv: ['promote', '--', '-c'], want: [] },
  ])('$name', ({ argv, want }) => {
    expect(deprecationNotices(argv, flags)).toEqual(want);
  });
});
