import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

describe('retryAfterMs (client-go checkWait)', () => {
  it.each([
    { name: '429 with Retry-After: 1', status: 429, headers: { 'retry-after': '1' }, ms: 1000 },
    { name: '504 server timeout with Retry-After: 2', status: 504, headers: { 'Retry-After': '2' }, ms: 2000 },
    { name: '503 with Retry-After: 0', status: 503, headers: { 'retry-after': '0' }, ms: 0 },
    { name: '500 without Retry-After', status: 500, headers: {}, ms: undefined },
    { name: '409 Conflict with Retry-After', status: 409, headers: { 'retry-after': '1' }, ms: undefined },
    { name: '429 with an HTTP-date Retry-After', status: 429, headers: { 'retry-after': 'Fri, 27 Nov 2026 13:00:00 GMT' }, ms: undefined },
  ])('$name → $ms', ({ status, headers, ms }) => {
    expect(retryAfterMs(status, headers)).toBe(ms);
  });
});
