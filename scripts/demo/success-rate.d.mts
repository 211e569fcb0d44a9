// Types for success-rate.mjs (used by the e2e suite and its own tests).
export interface Totals {
  total: number;
  ok: number;
}
export interface Sample {
  atMs: number;
  totals: Map<string, Totals>;
}
export function parseIstioTotals(text: string): Map<string, Totals>;
export function windowRate(samples: readonly Sample[], key: string, windowMs: number): { requests: number; successRate: number | undefined } | undefined;
