/**
 * Merging an applied configuration into the live object: maps merge field by field, list-maps merge elements by
 * key (new elements appended in applied order), sets take the union, atomic lists and scalars take the applied
 * value.
 */
import { cloneJson, isJsonObject, jsonEqual } from '../json-value.js';
import { keyToken } from './field-path.js';
import type { ListKind } from './list-kinds.js';
import type { TypeRef } from './list-kinds.js';
import { fieldType } from './list-kinds.js';

function mergeList(live: unknown, applied: unknown[], kind: ListKind, type: TypeRef): unknown[] {
  if (!Array.isArray(live) || kind.kind === 'atomic') return cloneJson(applied);
  const out = cloneJson(live);
  for (const el of applied) {
    if (kind.kind === 'set') {
      if (!out.some((x) => jsonEqual(x, el))) out.push(cloneJson(el));
      continue;
    }
    if (!isJsonObject(el)) continue;
    const token = keyToken(el, kind.keys);
    const at = out.findIndex((x) => isJsonObject(x) && keyToken(x, kind.keys) === token);
    if (at >= 0) out[at] = mergeObject(out[at], el, type);
    else out.push(mergeObject(undefined, el, type));
  }
  return out;
}

export function mergeObject(live: unknown, applied: Record<string, unknown>, type: TypeRef): Record<string, unknown> {
  const out: Record<string, unknown> = isJsonObject(live) ? cloneJson(live) : {};
  for (const [k, v] of Object.entries(applied)) {
    if (v === null || v === undefined) continue;
    const ft = fieldType(type, k);
    if (isJsonObject(v)) out[k] = ft.atomic ? cloneJson(v) : mergeObject(out[k], v, ft.type);
    else if (Array.isArray(v)) out[k] = mergeList(out[k], v, ft.list, ft.type);
    else out[k] = v;
  }
  return out;
}
