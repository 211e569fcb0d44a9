/**
 * The field set an object (or an applied configuration) specifies: every leaf (scalar, atomic list, empty
 * map), every list-map element (its own path plus its fields) and every set element. Server-owned fields are
 * left out: apiVersion, kind, status (unless asked for), and metadata other than labels, annotations,
 * finalizers and ownerReferences.
 */
import { isJsonObject, jsonEqual } from '../json-value.js';
import type { FieldPath, FieldSet } from './field-path.js';
import { keyToken, pathKey, stableJson, valueAt } from './field-path.js';
import type { ListKind } from './list-kinds.js';
import type { TypeRef } from './list-kinds.js';
import { fieldType } from './list-kinds.js';

const TRACKED_METADATA = new Set(['labels', 'annotations', 'finalizers', 'ownerReferences', 'generateName']);

export interface ExtractOptions {
  /** include `.status` (writes to the status subresource) */
  status?: boolean;
  /** include only `.status` */
  statusOnly?: boolean;
}

function collectList(list: unknown[], kind: ListKind, type: TypeRef, path: string[], out: FieldSet): void {
  if (list.length === 0 || kind.kind === 'atomic') {
    out.add(pathKey(path));
    return;
  }
  if (kind.kind === 'set') {
    for (const v of list) out.add(pathKey([...path, `v:${stableJson(v)}`]));
    return;
  }
  for (const el of list) {
    if (!isJsonObject(el)) continue;
    const elPath = [...path, keyToken(el, kind.keys)];
    out.add(pathKey(elPath));
    collectObject(el, type, elPath, out);
  }
}

function collectObject(obj: Record<string, unknown>, type: TypeRef, path: string[], out: FieldSet): void {
  const entries = Object.entries(obj).filter(([, v]) => v !== null && v !== undefined);
  if (entries.length === 0 && path.length > 0) {
    out.add(pathKey(path));
    return;
  }
  for (const [k, v] of entries) {
    const ft = fieldType(type, k);
    const child = [...path, `f:${k}`];
    if (isJsonObject(v) && ft.atomic) out.add(pathKey(child));
    else if (isJsonObject(v)) collectObject(v, ft.type, child, out);
    else if (Array.isArray(v)) collectList(v, ft.list, ft.type, child, out);
    else out.add(pathKey(child));
  }
}

/** Fields an object specifies, under root struct `type` (undefined for custom resources). */
export function extractFieldSet(obj: Record<string, unknown>, type: TypeRef, opts: ExtractOptions = {}): FieldSet {
  const out: FieldSet = new Set();
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || k === 'apiVersion' || k === 'kind') continue;
    if (opts.statusOnly ? k !== 'status' : k === 'status' && !opts.status) continue;
    const ft = fieldType(type, k);
    if (k === 'metadata' && isJsonObject(v)) {
      const meta = Object.fromEntries(Object.entries(v).filter(([mk]) => TRACKED_METADATA.has(mk)));
      collectObject(meta, ft.type, ['f:metadata'], out);
      if (Object.keys(meta).length === 0) out.delete(pathKey(['f:metadata']));
    } else if (isJsonObject(v)) collectObject(v, ft.type, [`f:${k}`], out);
    else if (Array.isArray(v)) collectList(v, ft.list, ft.type, [`f:${k}`], out);
    else out.add(pathKey([`f:${k}`]));
  }
  return out;
}

/** Paths of `after` whose value differs from `before` (new or changed). */
export function changedFields(before: unknown, after: FieldSet, afterObj: unknown): FieldSet {
  const out: FieldSet = new Set();
  for (const key of after) {
    const path: FieldPath = key.split('\u0000');
    const last = path[path.length - 1] ?? '';
    const isElement = last.startsWith('k:') || last.startsWith('v:');
    const was = valueAt(before, path);
    if (isElement ? was === undefined : !jsonEqual(was, valueAt(afterObj, path))) out.add(key);
  }
  return out;
}
