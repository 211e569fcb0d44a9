import { describe, expect, it } from 'vitest';
import { diffFields, eventually } from './eventually.js';

describe('diffFields', () => {
  it.each([
    { name: 'equal fields → undefined', got: { phase: 'Healthy', step: 2 }, want: { phase: 'Healthy' }, differs: false },
    { name: 'a differing field is reported', got: { phase: 'Paused' }, want: { phase: 'Healthy' }, differs: true },
    { name: 'arrays compare by value', got: { w: [75, 25] }, want: { w: [75, 25] }, differs: false },
    { name: 'an undefined expectation is ignored', got: { phase: 'Paused' }, want: { phase: undefined }, differs: false },
  ])('$name', ({ got, want, differs }) => {
    expect(diffFields(got, want) !== undefined).toBe(differs);
  });

  it('names the field, the value seen and the value wanted', () => {
    expect(diffFields({ phase: 'Paused' }, { phase: 'Healthy' })).toContain('phase: got "Paused", want "Healthy"');
  });
});

describe('eventually', () => {
  it('returns once the check passes, counting the reads', async () => {
    let reads = 0;
    await eventually('third read', async () => (++reads < 3 ? 'not yet' : undefined), { intervalMs: 1 });
    expect(reads).toBe(3);
  });

  it('fails with the last difference and the diagnostics', async () => {
    await expect(eventually('never', async () => 'still Paused', { timeoutMs: 20, intervalMs: 5, diagnostics: () => 'controller log' })).rejects.toThrow(
      /waiting for never\nlast difference: still Paused\ncontroller log/,
    );
  });
});
