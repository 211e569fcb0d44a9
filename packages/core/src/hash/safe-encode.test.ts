import { describe, expect, it } from 'vitest';
import { SAFE_ENCODE_ALPHABET, safeEncodeString } from './safe-encode.js';

describe('safeEncodeString', () => {
  // '0' is code point 48; 48 mod 27 = 21 → alphabet[21] = '4'; '9' = 57 mod 27 = 3 → 'f'.
  it.each([
    { name: 'every decimal digit', input: '0123456789', encoded: '456789bcdf' },
    { name: 'a 10-digit FNV sum', input: '1234567890', encoded: '56789bcdf4' },
    { name: 'empty', input: '', encoded: '' },
    { name: 'letters wrap modulo 27 (a = 97 → 97 mod 27 = 16 → v)', input: 'a', encoded: 'v' },
  ])('$name', ({ input, encoded }) => {
    expect(safeEncodeString(input)).toBe(encoded);
  });

  it('uses the 27-character vowel-free alphabet of k8s.io/apimachinery util/rand', () => {
    expect(SAFE_ENCODE_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
    expect(SAFE_ENCODE_ALPHABET).toHaveLength(27);
  });
});
