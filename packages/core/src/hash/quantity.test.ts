import { describe, expect, it } from 'vitest';
import { QuantityError, goQuantityString, quantitiesEqual, roundQuantityUpToMilli } from './quantity.js';

// Expected strings follow k8s.io/apimachinery resource.Quantity: ParseQuantity keeps the input text when it
// already looks canonical, otherwise MarshalJSON prints CanonicalizeBytes (see quantity.ts header).
describe('goQuantityString', () => {
  it.each([
    { name: '"0" is special-cased', input: '0', out: '0' },
    { name: 'canonical milli kept', input: '5m', out: '5m' },
    { name: 'binary kept when mantissa not divisible by 8', input: '100Mi', out: '100Mi' },
    { name: 'binary re-canonicalised: 16 divisible by 8, but 16Mi is already minimal', input: '16Mi', out: '16Mi' },
    { name: '1024Mi is exactly 1Gi (mantissa divisible by 8 → recomputed)', input: '1024Mi', out: '1Gi' },
    { name: '2048Ki → 2Mi', input: '2048Ki', out: '2Mi' },
    { name: 'fractional binary → largest exact binary suffix', input: '1.5Gi', out: '1536Mi' },
    { name: 'fraction → milli (0.5 = 500 × 10⁻³)', input: '0.5', out: '500m' },
    { name: 'the seed tutorial cpu 0.02 → 20m', input: '0.02', out: '20m' },
    { name: 'JSON number 0.5 (raw bytes "0.5")', input: 0.5, out: '500m' },
    { name: 'trailing "000" is not canonical: 1000 → 1k', input: '1000', out: '1k' },
    { name: 'JSON number 1000 → 1k', input: 1000, out: '1k' },
    { name: '1.5 → 1500m (scale −1 is not a multiple of 3)', input: '1.5', out: '1500m' },
    { name: 'exponent form kept: 1e3 (scale 3, digits "1")', input: '1e3', out: '1e3' },
    { name: 'exponent form recomputed keeps exponent format: 2e4 → 20e3', input: '2e4', out: '20e3' },
    { name: 'exponent form to exponent 0 prints no suffix: 1.5e3 → 1500', input: '1.5e3', out: '1500' },
    { name: 'upstream keeps odd-but-"canonical" text verbatim: +1', input: '+1', out: '+1' },
    { name: 'leading zeros of the integer part are skipped by the check: 05 kept', input: '05', out: '05' },
    { name: '1.500 kept (digits 1500 do not end in 000, scale −3)', input: '1.500', out: '1.500' },
    { name: 'values below 1n round up to 1n', input: '0.0000000001', out: '1n' },
    { name: 'negative fraction', input: '-0.5', out: '-500m' },
    { name: 'zero with a suffix prints 0', input: '0Mi', out: '0' },
    { name: 'surrounding spaces are trimmed', input: ' 2Gi ', out: '2Gi' },
    { name: 'binary below 1024 prints as decimal: 0.5Ki = 512', input: '0.5Ki', out: '512' },
  ])('$name: $input → $out', ({ input, out }) => {
    expect(goQuantityString(input)).toBe(out);
  });

  it.each(['', 'abc', '1Zi', '1.2.3', '5 m'])('rejects %j as Go’s decoder does', (input) => {
    expect(() => goQuantityString(input)).toThrow(QuantityError);
  });
});

describe('quantitiesEqual (Semantic.DeepEqual compares quantities by value)', () => {
  it.each([
    { a: '1Gi', b: '1073741824', equal: true },
    { a: '0.5', b: '500m', equal: true },
    { a: '1k', b: 1000, equal: true },
    { a: '1', b: '1001m', equal: false },
  ])('$a vs $b → $equal', ({ a, b, equal }) => {
    expect(quantitiesEqual(a, b)).toBe(equal);
  });
});

describe('roundQuantityUpToMilli (SetDefaults_ResourceList)', () => {
  it.each([
    { input: '1n', out: '1m' },
    { input: '1500u', out: '2m' },
    { input: '250m', out: '250m' },
    { input: '1Gi', out: '1Gi' },
  ])('$input → $out', ({ input, out }) => {
    expect(quantitiesEqual(roundQuantityUpToMilli(input), out)).toBe(true);
  });
});
