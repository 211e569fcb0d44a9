/**
 * The Experiment status patch: Experiments have no status subresource and upstream sends a two-way JSON merge patch
 * of `status` on the main resource (empty strings and zero counts kept, as Go marshals them).
 * parity: argo-rollouts experiments/controller.go persistExperimentStatus (diff.CreateTwoWayMergePatch)
 */
import type { JsonObject } from './plan.js';

/** RFC 7386 merge patch turning `from` into `to` (undefined fields dropped); `{}` when equal. */
export function jsonMergeDiff(from: unknown, to: unknown): JsonObject {
  const a = JSON.parse(JSON.stringify(from ?? {})) as Record<string, unknown>;
  const b = JSON.parse(JSON.stringify(to ?? {})) as Record<string, unknown>;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(a)) if (!(k in b)) patch[k] = null;
  for (const [k, v] of Object.entries(b)) {
    const old = a[k];
    if (isObj(old) && isObj(v)) {
      const sub = jsonMergeDiff(old, v);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (JSON.stringify(old) !== JSON.stringify(v)) patch[k] = v;
  }
  return patch;
}

