/**
 * How server-side apply treats each field. Lists: `map` lists (list-maps) merge element by key, `set` lists merge
 * by value, `atomic` lists are owned and replaced as a whole. Built-in kinds take this from the upstream
 * `+listType`/`+listMapKey` markers, falling back to the patch strategy (a `merge` list with a merge key is a
 * list-map keyed by it, without key a set); structs and maps marked atomic (`+structType=atomic`, e.g.
 * LabelSelector) are owned as a whole. Custom resources have no schema here, so every list is atomic (the
 * Rollout CRD marks its pod-spec lists atomic anyway) and every map granular.
 */
import { lookupField, parseStrategy, rootTypeFor, supportsStrategicMerge } from '../strategic/patch-meta.js';

export type ListKind = { kind: 'atomic' } | { kind: 'set' } | { kind: 'map'; keys: readonly string[] };

export interface FieldType {
  /** struct type for nested lookups (undefined = untyped) */
  readonly type: string | undefined;
  readonly list: ListKind;
  /** an object value is owned as one leaf */
  readonly atomic: boolean;
}

const ATOMIC: ListKind = { kind: 'atomic' };

function listKind(listType: string | undefined, keys: readonly string[] | undefined, strategy: string, mergeKey: string | undefined): ListKind {
  if (listType === 'map' && keys && keys.length > 0) return { kind: 'map', keys };
  if (listType === 'set') return { kind: 'set' };
  if (listType === 'atomic') return ATOMIC;
  if (strategy !== 'merge') return ATOMIC;
  return mergeKey ? { kind: 'map', keys: [mergeKey] } : { kind: 'set' };
}

export function fieldType(parent: string | undefined, field: string): FieldType {
  const meta = lookupField(parent, field);
  const { strategy } = parseStrategy(meta.strategy);
  return { type: meta.type, list: listKind(meta.listType, meta.listMapKeys, strategy, meta.key), atomic: meta.atomic === true };
}

/** Root struct of an object from its apiVersion/kind (undefined for custom resources). */
export function rootTypeOf(obj: Record<string, unknown>): string | undefined {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const slash = apiVersion.indexOf('/');
  const gvk = { group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
  return supportsStrategicMerge(gvk) ? rootTypeFor(gvk) : undefined;
}
