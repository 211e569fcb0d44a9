import { describe, expect, it } from 'vitest';
import { humanDuration } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    { name: 'future beyond a second', ms: -2 * s, text: '<invalid>' },
    { name: 'just in the future', ms: -500, text: '0s' },
    { name: 'seconds below two minutes', ms: 106 * s, text: '106s' },
    { name: 'minutes and seconds', ms: 3 * m + 14 * s, text: '3m14s' },
    { name: 'whole minutes', ms: 5 * m, text: '5m' },
    { name: 'minutes below three hours', ms: 121 * m, text: '121m' },
    { name: 'hours and minutes', ms: 3 * h + 59 * m, text: '3h59m' },
    { name: 'hours below two days', ms: 30 * h, text: '30h' },
    { name: 'days and hours', ms: 3 * d + 4 * h, text: '3d4h' },
    { name: 'whole days', ms: 7 * d, text: '7d' },
    { name: 'days below two years', ms: 400 * d, text: '400d' },
    { name: 'years and days', ms: 3 * 365 * d + 10 * d, text: '3y10d' },
    { name: 'years', ms: 9 * 365 * d, text: '9y' },
  ])('$name → $text', ({ ms, text }) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
