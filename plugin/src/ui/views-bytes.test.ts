// Byte-level rules the stripped goldens cannot show: padding on empty cells, and ANSI colour.
import { describe, expect, it } from 'vitest';
import { newRolloutInfo } from '@serin/core';
import { FixtureNow, loadFixture } from '../test-support/fixtures.js';
import { renderRollout } from './views.js';
import { colorEnabled } from './color.js';

function render(color: boolean): string {
  const f = loadFixture('TestGetCanaryRollout');
  return renderRollout(newRolloutInfo(f.rollout, f.objects), { nowMs: FixtureNow, color });
}

describe('get rollout bytes', () => {
  const lines = render(false).split('\n');

  it.each([
    { row: 'rollout row (empty INFO keeps the AGE padding)', line: '⟳ canary-demo                            Rollout     ✖ Degraded          7d   ' },
    { row: 'revision row (empty cells padded to 41+12+20+5 columns)', line: '├──# revision:31'.padEnd(41 + 12 + 20 + 5) },
    { row: 'header row ends at INFO', line: 'NAME                                     KIND        STATUS              AGE  INFO' },
    { row: 'empty Step keeps no trailing label padding beyond %-17s', line: '  Step:          0/8' },
  ])('$row', ({ line }) => {
    expect(lines).toContain(line);
  });

  it('ends with exactly one newline', () => {
    expect(render(false).endsWith('7d   \n')).toBe(true);
  });

  it('coloured output wraps icons, tags and RS names, and aligns as if uncoloured', () => {
    const out = render(true);
    expect(out).toContain('Status:          \x1b[31m✖\x1b[0m Degraded\n');
    expect(out).toContain('argoproj/rollouts-demo:does-not-exist (\x1b[33mcanary\x1b[0m)\n');
    expect(out).toContain('│  └──⧉ \x1b[33mcanary-demo-65fb5ffc84\x1b[0m           ReplicaSet  \x1b[94m◌\x1b[0m Progressing       7d   \x1b[33mcanary\x1b[0m\n');
    expect(out).toContain('\x1b[0m•\x1b[0m ScaledDown');
    expect(out.replace(/\x1b\[[0-9;]*m/g, '')).toBe(render(false));
  });
});

describe('colour decision', () => {
  it.each([
    { name: 'default on, even without a TTY', flag: false, env: {}, want: true },
    { name: '--no-color', flag: true, env: {}, want: false },
    { name: 'TERM=dumb', flag: false, env: { TERM: 'dumb' }, want: false },
    { name: 'NO_COLOR set', flag: false, env: { NO_COLOR: '1' }, want: false },
    { name: 'NO_COLOR empty is ignored', flag: false, env: { NO_COLOR: '' }, want: true },
  ])('$name', ({ flag, env, want }) => {
    expect(colorEnabled(flag, env)).toBe(want);
  });
});
