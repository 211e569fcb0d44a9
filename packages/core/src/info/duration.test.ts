import { describe, expect, it } from 'vitest';
import { humanDuration } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    { name: 'more than 1 s in the future', ms: -2 * s, want: '<invalid>' },
    { name: 'clock skew under 2 s', ms: -1500, want: '0s' },
    { name: 'seconds below 2 minutes', ms: 106 * s, want: '106s' },
    { name: 'minutes and seconds below 10 minutes', ms: 3 * m + 14 * s, want: '3m14s' },
    { name: 'whole minutes below 10 minutes', ms: 5 * m, want: '5m' },
    { name: 'minutes below 3 hours', ms: 121 * m, want: '121m' },
    { name: 'hours and minutes below 8 hours', ms: 3 * h + 59 * m, want: '3h59m' },
    { name: 'whole hours below 8 hours', ms: 4 * h, want: '4h' },
    { name: 'hours below 48 hours', ms: 47 * h, want: '47h' },
    { name: 'days and hours below 8 days', ms: 2 * d + 5 * h, want: '2d5h' },
    { name: 'a week', ms: 7 * d, want: '7d' },
    { name: 'days below 2 years', ms: 400 * d, want: '400d' },
    { name: 'years and days below 8 years', ms: 3 * 365 * d + 10 * d, want: '3y10d' },
    { name: 'years beyond 8', ms: 10 * 365 * d, want: '10y' },
  ])('$name → $want', ({ ms, want }) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
