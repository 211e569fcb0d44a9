import { describe, expect, it } from 'vitest';
import { FNV32_OFFSET_BASIS, fnv32a } from './fnv.js';

// Reference vectors from the FNV specification (draft-eastlake-fnv, FNV-1a 32-bit test suite).
describe('fnv32a', () => {
  it.each([
    { name: 'empty input is the offset basis', input: '', hash: 0x811c9dc5 },
    { name: '"a"', input: 'a', hash: 0xe40c292c },
    { name: '"foobar"', input: 'foobar', hash: 0xbf9cf968 },
  ])('$name', ({ input, hash }) => {
    expect(fnv32a(input)).toBe(hash);
    expect(fnv32a(new TextEncoder().encode(input))).toBe(hash);
  });

  it('continues from a seed exactly as hashing the concatenation', () => {
    const whole = fnv32a('foobar');
    expect(fnv32a('bar', fnv32a('foo'))).toBe(whole);
    expect(fnv32a('', FNV32_OFFSET_BASIS)).toBe(FNV32_OFFSET_BASIS);
  });

  it('hashes strings as UTF-8 bytes (é is 0xC3 0xA9)', () => {
    expect(fnv32a('é')).toBe(fnv32a(Uint8Array.of(0xc3, 0xa9)));
  });
});
