// The Ink live view: places pre-built lines; an update rewrites only the rows that changed.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { render as renderTesting } from 'ink-testing-library';
import { LiveView, visibleLines } from './live-view.js';

const frame1 = 'Name:            demo\nStatus:          ◌ Progressing\n\nNAME    KIND\n⟳ demo  Rollout\n';
const frame2 = 'Name:            demo\nStatus:          ✔ Healthy\n\nNAME    KIND\n⟳ demo  Rollout\n';

const probe = fileURLToPath(new URL('../test-support/live-probe.tsx', import.meta.url));

/** Runs the probe with CI detection variables removed (Ink only redraws live outside CI). */
function probeWrites(a: string, b: string): { initial: string; update: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_')));
  const out = execFileSync(process.execPath, ['--conditions=serin-source', '--import', 'tsx', probe, JSON.stringify([a, b])], { env, encoding: 'utf8' });
  return JSON.parse(out) as { initial: string; update: string };
}

describe('LiveView', () => {
  it('initial frame shows every line (blank lines kept)', () => {
    const { lastFrame, unmount } = renderTesting(<LiveView text={frame1} />);
    expect(lastFrame()?.split('\n').map((l) => l.trimEnd())).toEqual(['Name:            demo', 'Status:          ◌ Progressing', '', 'NAME    KIND', '⟳ demo  Rollout']);
    unmount();
  });

  it('rerender replaces the changed row', () => {
    const { lastFrame, rerender, unmount } = renderTesting(<LiveView text={frame1} />);
    rerender(<LiveView text={frame2} />);
    expect(lastFrame()).toContain('Status:          ✔ Healthy');
    expect(lastFrame()).not.toContain('Progressing');
    unmount();
  });

  it('keeps the header in view when the tree is taller than the terminal', () => {
    const text = Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\n');
    expect(visibleLines(text, 10)).toEqual([...Array.from({ length: 8 }, (_, i) => `row ${i}`), '… 22 more lines']);
    expect(visibleLines(text, 40)).toHaveLength(30);
  });

  it('on a terminal, an update writes only the changed row (no screen clear)', () => {
    const { initial, update } = probeWrites(frame1, frame2);
    expect(initial).toContain('⟳ demo  Rollout');
    expect(update).toContain('✔ Healthy');
    expect(update).not.toContain('Name:            demo');
    expect(update).not.toContain('⟳ demo  Rollout');
    expect(update).not.toContain('\x1b[2J');
  });
});
