import { describe, expect, it } from 'vitest';
import type { RolloutStatus } from '@serin/api';
import { PauseContext, completedCanaryPauseStep, pauseRemainingMs } from './pause.js';
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

describe('pauseRemainingMs and completedCanaryPauseStep agree at every instant', () => {
  const started = '2026-01-01T00:00:00Z';
  const expiresMs = Date.parse(started) + 10_000;
  const paused = aRollout({ steps: [{ pause: { duration: '10s' } }], status: { currentStepIndex: 0, controllerPause: true, pauseConditions: [cond('CanaryPauseStep', started)] } });
  it.each([
    { name: '1 s before expiry: wait 1001 ms', nowMs: expiresMs - 1000, remaining: 1001, completed: false },
    { name: 'exactly at expiry: wait 1 ms (not stuck)', nowMs: expiresMs, remaining: 1, completed: false },
    { name: '1 ms after expiry: completed, nothing to wait for', nowMs: expiresMs + 1, remaining: undefined, completed: true },
  ])('$name', ({ nowMs, remaining, completed }) => {
    expect(pauseRemainingMs(paused, nowMs)).toBe(remaining);
    expect(completedCanaryPauseStep(paused, { duration: '10s' }, nowMs)).toBe(completed);
  });
});
