import { describe, expect, it } from 'vitest';
import { ItemExponentialBackoff, backoffDelayMs } from './backoff.js';

describe('ItemExponentialBackoff (1 ms → 10 s)', () => {
  it.each([
    { failures: 0, delay: 1 },
    { failures: 1, delay: 2 },
    { failures: 10, delay: 1024 },
    { failures: 13, delay: 8192 },
    { failures: 14, delay: 10_000 },
    { failures: 100, delay: 10_000 },
  ])('after $failures failures waits $delay ms', ({ failures, delay }) => {
    expect(backoffDelayMs(failures, 1, 10_000)).toBe(delay);
  });

  it('tracks each key separately and forget resets', () => {
    const b = new ItemExponentialBackoff();
    expect([b.when('a'), b.when('a'), b.when('a'), b.when('b')]).toEqual([1, 2, 4, 1]);
    expect(b.numRequeues('a')).toBe(3);
    b.forget('a');
    expect([b.numRequeues('a'), b.when('a')]).toEqual([0, 1]);
  });
});
