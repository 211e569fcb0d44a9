/**
 * Structural pruning: drops fields the schema does not declare, unless the node has
 * `x-kubernetes-preserve-unknown-fields: true`; `additionalProperties` (a map type) covers every key. At the root
 * and inside `x-kubernetes-embedded-resource` objects, `apiVersion` and `kind` are kept and `metadata` is pruned
 * to ObjectMeta's fields. Returns the dropped paths (`spec.foo`, `spec.items[0].bar`) in document order, which
 * is what fieldValidation=Strict reports as `unknown field "spec.foo"`.
 * parity: apiextensions-apiserver pkg/apiserver/schema/pruning (behaviour)
 */
import { child, index, isObject } from './paths.js';
import type { JSONSchemaPropsLike } from './types.js';

const OBJECT_META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers',
  'managedFields',
]);

function pruneMetadata(meta: unknown, path: string, unknown: string[]): void {
  if (!isObject(meta)) return;
  for (const k of Object.keys(meta)) {
    if (!OBJECT_META_FIELDS.has(k)) {
      unknown.push(child(path, k));
      delete meta[k];
    }
  }
}

function pruneValue(value: unknown, schema: JSONSchemaPropsLike | undefined, path: string, unknown: string[], embedded: boolean): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => pruneValue(item, schema.items, index(path, i), unknown, schema.items?.['x-kubernetes-embedded-resource'] === true));
    return;
  }
  if (!isObject(value)) return;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const props = schema.properties ?? {};
  const additional = schema.additionalProperties;
  for (const key of Object.keys(value)) {
    const path2 = child(path, key);
    if (embedded && (key === 'apiVersion' || key === 'kind')) continue;
    if (embedded && key === 'metadata') {
      pruneMetadata(value[key], path2, unknown);
      continue;
    }
    const sub = props[key] ?? (isObject(additional) ? additional : undefined);
    if (sub) {
      pruneValue(value[key], sub, path2, unknown, sub['x-kubernetes-embedded-resource'] === true);
    } else if (!preserve && additional !== true) {
      unknown.push(path2);
      delete value[key];
    }
  }
}

/** Prunes `obj` in place against the root schema; returns the pruned field paths. */
export function pruneUnknownFields(obj: unknown, schema: JSONSchemaPropsLike): string[] {
  const unknown: string[] = [];
  pruneValue(obj, schema, '', unknown, true);
  return unknown;
}
