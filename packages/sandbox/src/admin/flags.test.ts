import { describe, expect, it } from 'vitest';
import { parseAdminFlags } from './flags.js';

describe('parseAdminFlags', () => {
  it.each([
    { name: 'defaults', flags: {}, want: { controllers: true, kubeletPaused: false } },
    {
      name: 'all fault flags',
      flags: { 'fail-writes': '0.2', 'fail-writes-code': '500', 'fail-resources': 'pods, configmaps', 'latency-ms': '25' },
      want: { controllers: true, kubeletPaused: false, faults: { writeFailureRate: 0.2, writeFailureCode: 500, resources: ['pods', 'configmaps'], latencyMs: 25 } },
    },
    { name: 'switches', flags: { 'kubelet-paused': true, 'no-controllers': true }, want: { controllers: false, kubeletPaused: true } },
  ])('$name', ({ flags, want }) => {
    expect(parseAdminFlags(flags)).toEqual(want);
  });

  it.each([
    { flags: { 'fail-writes': '1.5' }, message: '--fail-writes takes a fraction within 0..1, got "1.5"' },
    { flags: { 'fail-writes': 'x' }, message: '--fail-writes takes a non-negative number, got "x"' },
    { flags: { 'fail-writes-code': '404' }, message: '--fail-writes-code takes 409 or 500, got "404"' },
    { flags: { 'latency-ms': '-3' }, message: '--latency-ms takes a non-negative number, got "-3"' },
  ])('rejects $flags', ({ flags, message }) => {
    expect(() => parseAdminFlags(flags)).toThrow(message);
  });
});
