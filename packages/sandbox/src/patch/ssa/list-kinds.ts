/**
 * How server-side apply treats each list: `map` lists (list-maps) merge element by key, `set` lists merge by
 * value, `atomic` lists are owned and replaced as a whole. Built-in kinds take this from the patch metadata (a
 * `merge` list with a merge key is a list-map keyed by it; without a key, a set); custom resources have no
 * schema here, so every list is atomic (the Rollout CRD marks its pod-spec lists atomic anyway).
 */
import { lookupField, parseStrategy, rootTypeFor, supportsStrategicMerge } from '../strategic/patch-meta.js';

export type ListKind = { kind: 'atomic' } | { kind: 'set' } | { kind: 'map'; keys: readonly string[] };

export interface FieldType {
  /** struct type for nested lookups (undefined = untyped) */
  readonly type: string | undefined;
  readonly list: ListKind;
}

const ATOMIC: ListKind = { kind: 'atomic' };

export function fieldType(parent: string | undefined, field: string): FieldType {
  const meta = lookupField(parent, field);
  const { strategy } = parseStrategy(meta.strategy);
  if (strategy !== 'merge') return { type: meta.type, list: ATOMIC };
  return { type: meta.type, list: meta.key ? { kind: 'map', keys: [meta.key] } : { kind: 'set' } };
}

/** Root struct of an object from its apiVersion/kind (undefined for custom resources). */
export function rootTypeOf(obj: Record<string, unknown>): string | undefined {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const slash = apiVersion.indexOf('/');
  const gvk = { group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
  return supportsStrategicMerge(gvk) ? rootTypeFor(gvk) : undefined;
}
