/**
 * FieldsV1 (the `fieldsV1` of a managedFields entry) ⇄ field sets. A node is a JSON object whose keys are path
 * tokens; `{}` marks an owned leaf and a `".": {}` member marks an owned interior node (a list-map element).
 */
import { isJsonObject } from '../json-value.js';
import type { FieldSet } from './field-path.js';
import { pathFromKey, pathKey } from './field-path.js';

export function fieldSetToFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const keys = [...set].sort();
  for (const key of keys) {
    let node = root;
    for (const token of pathFromKey(key)) {
      const next = node[token];
      node = isJsonObject(next) ? next : (node[token] = {}) as Record<string, unknown>;
    }
  }
  // interior nodes that are owned themselves get ".": {}
  for (const key of keys) {
    let node: Record<string, unknown> = root;
    for (const token of pathFromKey(key)) node = node[token] as Record<string, unknown>;
    if (Object.keys(node).length > 0 && !Object.hasOwn(node, '.')) node['.'] = {};
  }
  return root;
}

export function fieldsV1ToFieldSet(fields: unknown): FieldSet {
  const out: FieldSet = new Set();
  const walk = (node: unknown, path: string[]): void => {
    if (!isJsonObject(node)) return;
    const children = Object.keys(node).filter((k) => k !== '.');
    if (path.length > 0 && (children.length === 0 || Object.hasOwn(node, '.'))) out.add(pathKey(path));
    for (const k of children) walk(node[k], [...path, k]);
  };
  walk(fields, []);
  return out;
}
