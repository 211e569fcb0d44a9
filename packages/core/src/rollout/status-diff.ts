/**
 * Two-way JSON merge patch (RFC 7386) between the stored and the computed status, after normalising both the
 * way Go marshals `RolloutStatus` (omitempty zero values and empty structs dropped), so that an unchanged rollout
 * yields an empty patch.
 * parity: argo-rollouts utils/diff/diff.go CreateTwoWayMergePatch (as used by persistRolloutStatus)
 */
import type { RolloutStatus } from '@serin/api';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields whose zero value is marshalled (Go pointers and non-omitempty ints): kept. */
const POINTER_FIELDS = new Set(['currentStepIndex', 'collisionCount', 'verified', 'totalManualPauseDurationSeconds', 'weight', 'index']);

/** Drops undefined/null, empty strings, `false`, zero numbers (except pointer fields), empty arrays and objects. */
export function normalizeGoStatus(value: unknown, key = ''): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalizeGoStatus(v) ?? null);
    return items.length === 0 ? undefined : items;
  }
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalizeGoStatus(v, k);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (POINTER_FIELDS.has(key)) return value as Json;
  // RolloutAnalysisRunStatus.status has no omitempty (and the CRD requires it): a run without a phase yet is ""
  if (value === '' && key === 'status') return value;
  if (value === false || value === '' || value === 0) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

function equalJson(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mergeDiff(current: Record<string, Json>, next: Record<string, Json>): Record<string, Json> {
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(current)) if (!(key in next)) patch[key] = null;
  for (const [key, value] of Object.entries(next)) {
    const old = current[key];
    if (isObject(old) && isObject(value)) {
      const sub = mergeDiff(old as Record<string, Json>, value as Record<string, Json>);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!equalJson(old, value)) {
      patch[key] = value;
    }
  }
  return patch;
}

/**
 * `{status: …}` merge patch turning `current` into `next`; `{}` when they marshal identically.
 * Example: current `{replicas: 1, abort: false}`, next `{replicas: 2}` → `{status: {replicas: 2}}`.
 */
export function diffStatus(current: RolloutStatus | undefined, next: RolloutStatus): { status?: Record<string, Json> } {
  const a = normalizeGoStatus(current ?? {});
  const b = normalizeGoStatus(next);
  const patch = mergeDiff(isObject(a) ? (a as Record<string, Json>) : {}, isObject(b) ? (b as Record<string, Json>) : {});
  return Object.keys(patch).length === 0 ? {} : { status: patch };
}
