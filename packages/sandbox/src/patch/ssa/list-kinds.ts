/**
 * How server-side apply treats each field. Lists: `map` lists (list-maps) merge element by key, `set` lists merge
 * by value, `atomic` lists are owned and replaced as a whole. Built-in kinds take this from the upstream
 * `+listType`/`+listMapKey` markers, falling back to the patch strategy (a `merge` list with a merge key is a
 * list-map keyed by it, without key a set); structs and maps marked atomic (`+structType=atomic`, e.g.
 * LabelSelector) are owned as a whole. Custom resources follow their CRD schema when one is given
 * (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`; lists without a list type are
 * atomic, as upstream); without a schema every list is atomic and every map granular.
 */
import type { JSONSchemaPropsLike } from '../../schema/index.js';
import { lookupField, parseStrategy, rootTypeFor, supportsStrategicMerge } from '../strategic/patch-meta.js';

/** Type context of a value: a built-in struct name, a CRD schema node, or undefined (untyped). */
export type TypeRef = string | JSONSchemaPropsLike | undefined;

export type ListKind = { kind: 'atomic' } | { kind: 'set' } | { kind: 'map'; keys: readonly string[] };

export interface FieldType {
  /** type of the value (of its elements, for lists) for nested lookups */
  readonly type: TypeRef;
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

function schemaFieldType(parent: JSONSchemaPropsLike, field: string): FieldType {
  const additional = parent.additionalProperties;
  const sub = parent.properties?.[field] ?? (typeof additional === 'object' ? additional : undefined);
  if (sub === undefined) return { type: undefined, list: ATOMIC, atomic: false };
  const listType = sub['x-kubernetes-list-type'];
  const keys = sub['x-kubernetes-list-map-keys'];
  const list: ListKind = listType === 'map' && keys && keys.length > 0 ? { kind: 'map', keys } : listType === 'set' ? { kind: 'set' } : ATOMIC;
  const isList = sub.type === 'array' || sub.items !== undefined;
  return { type: isList ? sub.items : sub, list, atomic: sub['x-kubernetes-map-type'] === 'atomic' };
}

export function fieldType(parent: TypeRef, field: string): FieldType {
  // object metadata inside a CR (and its embedded templates) is ObjectMeta, whatever the schema says
  if (typeof parent === 'object' && field === 'metadata') return { type: 'meta.ObjectMeta', list: ATOMIC, atomic: false };
  if (typeof parent === 'object') return schemaFieldType(parent, field);
  const meta = lookupField(parent, field);
  const { strategy } = parseStrategy(meta.strategy);
  return { type: meta.type, list: listKind(meta.listType, meta.listMapKeys, strategy, meta.key), atomic: meta.atomic === true };
}

/** Root type of an object: the CRD schema when given, else the built-in struct for its apiVersion/kind. */
export function rootTypeOf(obj: Record<string, unknown>, schema?: JSONSchemaPropsLike): TypeRef {
  if (schema !== undefined) return schema;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const slash = apiVersion.indexOf('/');
  const gvk = { group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
  return supportsStrategicMerge(gvk) ? rootTypeFor(gvk) : undefined;
}
