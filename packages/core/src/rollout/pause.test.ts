import { describe, expect, it } from 'vitest';
import type { RolloutStatus } from '@serin/api';
import { PauseContext } from './pause.js';
import { aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:00:09.500Z');
const cond = (reason: 'CanaryPauseStep' | 'InconclusiveAnalysisRun', startTime = '2026-01-01T00:00:00Z') => ({ reason, startTime });

describe('PauseContext.calculatePauseStatus', () => {
  it.each<{ name: string; stored: RolloutStatus; act: (p: PauseContext) => void; expected: RolloutStatus }>([
    { name: 'add a pause: stamped now (seconds), controllerPause set', stored: {}, act: (p) => p.addPauseCondition('CanaryPauseStep'), expected: { controllerPause: true, pauseConditions: [cond('CanaryPauseStep', '2026-01-01T00:00:09Z')] } },
    { name: 'adding an existing reason keeps its start time', stored: { controllerPause: true, pauseConditions: [cond('CanaryPauseStep')] }, act: (p) => p.addPauseCondition('CanaryPauseStep'), expected: { controllerPause: true, pauseConditions: [cond('CanaryPauseStep')] } },
    { name: 'remove one of two', stored: { controllerPause: true, pauseConditions: [cond('CanaryPauseStep'), cond('InconclusiveAnalysisRun')] }, act: (p) => p.removePauseCondition('CanaryPauseStep'), expected: { controllerPause: true, pauseConditions: [cond('InconclusiveAnalysisRun')] } },
    { name: 'remove the last: nothing set (controllerPause dropped)', stored: { controllerPause: true, pauseConditions: [cond('CanaryPauseStep')] }, act: (p) => p.removePauseCondition('CanaryPauseStep'), expected: {} },
    { name: 'clear', stored: { controllerPause: true, pauseConditions: [cond('CanaryPauseStep')] }, act: (p) => p.clearPauseConditions(), expected: {} },
    { name: 'stored abort: kept, abortedAt kept, pauses dropped', stored: { abort: true, abortedAt: '2025-12-31T00:00:00Z', pauseConditions: [cond('CanaryPauseStep')] }, act: () => undefined, expected: { abort: true, abortedAt: '2025-12-31T00:00:00Z' } },
    { name: 'new abort stamps abortedAt', stored: {}, act: (p) => p.addAbort('why'), expected: { abort: true, abortedAt: '2026-01-01T00:00:09Z' } },
    { name: 'removed abort clears both', stored: { abort: true, abortedAt: '2025-12-31T00:00:00Z' }, act: (p) => p.removeAbort(), expected: {} },
  ])('$name', ({ stored, act, expected }) => {
    const ctx = new PauseContext(aRollout({ status: stored }));
    act(ctx);
    const next: RolloutStatus = {};
    ctx.calculatePauseStatus(next, NOW);
    expect(next).toEqual(expected);
  });

  it.each([
    { name: 'stored abort', stored: { abort: true }, act: () => undefined, aborted: true },
    { name: 'removed', stored: { abort: true }, act: (p: PauseContext) => p.removeAbort(), aborted: false },
    { name: 'added', stored: {}, act: (p: PauseContext) => p.addAbort('x'), aborted: true },
  ])('isAborted: $name → $aborted', ({ stored, act, aborted }) => {
    const ctx = new PauseContext(aRollout({ status: stored }));
    act(ctx);
    expect(ctx.isAborted()).toBe(aborted);
  });
});
