/**
 * Strategic merge patch (application/strategic-merge-patch+json) for built-in kinds, applied the way the API
 * server applies it (merge parallel lists, ignore unmatched nulls):
 * - maps merge key by key; `null` deletes; a field tagged `patchStrategy: replace` is replaced wholesale;
 * - lists replace, except lists tagged `merge`: objects merge by `patchMergeKey`, scalars form a set;
 * - directives: `$patch: replace|delete` (in a map: replace it / empty it; as a list element: replace the list /
 *   delete the element with that key), `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`,
 *   `$retainKeys` (drop live keys not listed).
 * Deviation: directive keys left in newly added subtrees are stripped (upstream leaves them for the typed decoder
 * to drop), so stored objects never carry `$…` keys.
 * parity: apimachinery pkg/util/strategicpatch/patch.go (mergeMap, mergeSlice, mergePatchIntoOriginal)
 */
import { PatchError, STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE } from '../errors.js';
import { cloneJson, isJsonObject } from '../json-value.js';
import { identity, orderMergedList } from './list-order.js';
import type { FieldPatchMeta, GroupVersionKind } from './patch-meta.js';
import { lookupField, parseStrategy, rootTypeFor, supportsStrategicMerge } from './patch-meta.js';
import { badRequest, goFormat, internal, noMergeKey, SMP_MESSAGES, unprocessable } from './smp-errors.js';

type Obj = Record<string, unknown>;
/** Field metadata lookup: (struct type, field name) → strategy/merge key/element type. */
export type PatchMetaLookup = (type: string | undefined, field: string) => FieldPatchMeta;

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function isDirectiveKey(key: string): boolean {
  return key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER) || key.startsWith(DELETE_PRIMITIVE);
}

/** Go reflect kind of a decoded JSON value; a type mismatch means "replace" in mergeMap. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (isJsonObject(v)) return 'map';
  return v === null ? 'nil' : typeof v;
}

/** Strips directives from a value that is copied in as-is; a map carrying `$patch` is dropped entirely. */
function removeDirectives(v: unknown): { value: unknown; keep: boolean } {
  if (Array.isArray(v)) {
    return { value: v.map(removeDirectives).filter((r) => r.keep).map((r) => r.value), keep: true };
  }
  if (!isJsonObject(v)) return { value: v, keep: true };
  if (Object.hasOwn(v, PATCH)) return { value: undefined, keep: false };
  const out: Obj = {};
  for (const [k, child] of Object.entries(v)) {
    if (isDirectiveKey(k) || child === null) continue;
    const r = removeDirectives(child);
    if (r.keep) out[k] = r.value;
  }
  return { value: out, keep: true };
}

function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest(SMP_MESSAGES.badRetainKeys);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVE)) continue;
    if (!list.includes(k)) throw badRequest(SMP_MESSAGES.badRetainKeys);
  }
  for (const k of Object.keys(original)) if (!list.includes(k)) delete original[k];
}

/** Checks that the non-deleted patch items appear in the `$setElementOrder` list in the same relative order. */
function validateSetOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  const items = patchList.filter((p) => !(isJsonObject(p) && Object.hasOwn(p, PATCH)));
  let p = 0;
  for (let o = 0; p < items.length && o < order.length; o++) {
    const a = items[p];
    const b = order[o];
    if (mergeKey !== '') {
      if (!isJsonObject(a) || !isJsonObject(b)) throw internal('expected a map[string]interface {}, but received a string');
      if (!Object.hasOwn(a, mergeKey)) throw noMergeKey(a, mergeKey);
      if (!Object.hasOwn(b, mergeKey)) throw noMergeKey(b, mergeKey);
    }
    if (identity(a, mergeKey) === identity(b, mergeKey)) p++;
  }
  if (p < items.length) {
    throw internal(`The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`);
  }
}

/** Handles every `$setElementOrder/<field>` key: merges that list now and fixes its order. */
function applySetElementOrder(original: Obj, patch: Obj, type: string | undefined, lookup: PatchMetaLookup): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    const field = key.slice(SET_ORDER.length);
    if (field === '') throw badRequest(SMP_MESSAGES.badSetElementOrder);
    if (!Array.isArray(order)) throw internal(`expected a []interface {}, but received a ${kindOf(order)}`);
    const meta = lookup(type, field);
    const mergeKey = meta.key ?? '';
    const liveV = original[field];
    const patchV = patch[field];
    if (liveV !== undefined && !Array.isArray(liveV)) throw internal(`expected a []interface {}, but received a ${kindOf(liveV)}`);
    if (patchV !== undefined && !Array.isArray(patchV)) throw internal(`expected a []interface {}, but received a ${kindOf(patchV)}`);
    if (Array.isArray(patchV)) validateSetOrder(patchV, order, mergeKey);
    let merged: unknown[];
    const trace: ListMergeTrace = {};
    if (liveV === undefined && patchV === undefined) continue;
    if (patchV === undefined) merged = liveV as unknown[];
    else if (liveV === undefined) merged = removeDirectives(patchV).value as unknown[];
    else merged = mergeListField(liveV, patchV, meta.type, parseStrategy(meta.strategy).strategy, mergeKey, false, lookup, trace);
    original[field] = orderMergedList(merged, order, trace.serverOrder ?? (liveV as unknown[] | undefined) ?? [], mergeKey);
    delete patch[field];
  }
}

function elementKind(lists: unknown[][]): string | undefined {
  let kind: string | undefined;
  for (const item of lists.flat()) {
    const k = kindOf(item);
    if (k === 'slice') throw unprocessable(SMP_MESSAGES.noListOfLists);
    if (kind !== undefined && kind !== k) throw internal(`list element types are not identical: ${goFormat(lists)}`);
    kind = k;
  }
  return kind;
}

/** Applies `$patch` list elements: deletes by key, or `replace` (the rest of the patch becomes the list). */
function applyListDirectives(live: unknown[], patch: unknown[], mergeKey: string, elemType: string | undefined, lookup: PatchMetaLookup): { live: unknown[]; patch: unknown[] } {
  let rest = live;
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch) {
    const obj = item as Obj;
    if (!Object.hasOwn(obj, PATCH)) {
      plain.push(item);
      continue;
    }
    const directive = obj[PATCH];
    if (directive === 'delete') {
      if (!Object.hasOwn(obj, mergeKey)) throw noMergeKey(obj, mergeKey);
      rest = rest.filter((l) => !(isJsonObject(l) && l[mergeKey] === obj[mergeKey]));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw internal(SMP_MESSAGES.listMergeDirective);
    } else {
      throw internal(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(obj)}`);
    }
  }
  return replace ? { live: plain.map((p) => mergeMap(undefined, p as Obj, elemType, lookup)), patch: [] } : { live: rest, patch: plain };
}

/**
 * Upstream orders a `$setElementOrder` list against the live list *as its Go slice reads after the merge*: deleting
 * elements shifts the backing array and appended elements fill the freed slots, so the live order it sees is
 * (live minus deletions, then new elements) cut to the live length. Reproduced here for identical ordering.
 */
interface ListMergeTrace {
  serverOrder?: unknown[];
}

/** Merges a list field with the `merge` strategy (or a `$deleteFromPrimitiveList`); other lists are replaced. */
function mergeListField(
  live: unknown[],
  patch: unknown[],
  elemType: string | undefined,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  lookup: PatchMetaLookup,
  trace: ListMergeTrace = {},
): unknown[] {
  if (strategy !== 'merge' && !isDeleteList) return removeDirectives(patch).value as unknown[];
  if (live.length === 0 && patch.length === 0) return live;
  const kind = elementKind([live, patch]);
  if (kind !== 'map') {
    if (isDeleteList) return live.filter((l) => !patch.includes(l));
    const merged = [...live, ...patch].filter((v, i, all) => all.indexOf(v) === i);
    return orderMergedList(merged, patch, live, '');
  }
  if (mergeKey === '') throw internal(`cannot merge lists without merge key for ${elemType ?? ''}`);
  const split = applyListDirectives(live, patch, mergeKey, elemType, lookup);
  const merged = [...split.live];
  const appended: unknown[] = [];
  for (const item of split.patch) {
    const obj = item as Obj;
    if (!Object.hasOwn(obj, mergeKey)) throw noMergeKey(obj, mergeKey);
    const at = merged.findIndex((m) => isJsonObject(m) && m[mergeKey] === obj[mergeKey]);
    if (at >= 0) merged[at] = mergeMap(merged[at] as Obj, obj, elemType, lookup);
    else {
      const added = mergeMap(undefined, obj, elemType, lookup);
      merged.push(added);
      appended.push(added);
    }
  }
  trace.serverOrder = [...split.live, ...appended].slice(0, live.length);
  return orderMergedList(merged, split.patch, split.live, mergeKey);
}

/** Merges `patch` into a copy of `original` (a struct of type `type`, undefined = untyped). */
function mergeMap(original: Obj | undefined, patch: Obj, type: string | undefined, lookup: PatchMetaLookup): Obj {
  const p: Obj = { ...patch };
  if (Object.hasOwn(p, PATCH)) {
    const directive = p[PATCH];
    if (directive === 'replace') {
      delete p[PATCH];
      return removeDirectives(p).value as Obj;
    }
    if (directive === 'delete') return {};
    throw internal(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  }
  const out: Obj = original ? { ...original } : {};
  applyRetainKeys(out, p);
  applySetElementOrder(out, p, type, lookup);
  for (const [rawKey, patchV] of Object.entries(p)) {
    let key = rawKey;
    const isDeleteList = rawKey.startsWith(DELETE_PRIMITIVE);
    if (isDeleteList) {
      key = rawKey.slice(DELETE_PRIMITIVE.length);
      if (key === '') throw badRequest(SMP_MESSAGES.badPrimitiveList);
    }
    if (patchV === null) {
      delete out[key];
      continue;
    }
    const liveV = out[key];
    if (liveV === undefined || kindOf(liveV) !== kindOf(patchV)) {
      if (isDeleteList) continue;
      const r = removeDirectives(patchV);
      if (r.keep) out[key] = r.value;
      else delete out[key];
      continue;
    }
    const meta = lookup(type, key);
    const { strategy } = parseStrategy(meta.strategy);
    if (isJsonObject(liveV)) {
      out[key] = strategy === 'replace' ? removeDirectives(patchV).value : mergeMap(liveV, patchV as Obj, meta.type, lookup);
    } else if (Array.isArray(liveV)) {
      out[key] = mergeListField(liveV, patchV as unknown[], meta.type, strategy, meta.key ?? '', isDeleteList, lookup);
    } else {
      out[key] = patchV;
    }
  }
  return out;
}

/**
 * Applies a strategic merge patch to a built-in object. Throws `PatchError` 415 for kinds outside the
 * built-in group/versions (custom resources), 400/422/500 for malformed patches as the API server does.
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, gvk: GroupVersionKind): unknown {
  if (!supportsStrategicMerge(gvk)) {
    throw new PatchError(STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE, { code: 415, reason: 'UnsupportedMediaType' });
  }
  return strategicMergeWithLookup(doc, patch, rootTypeFor(gvk), lookupField);
}

/** The engine with explicit metadata (used by the upstream test tables with their own test struct). */
export function strategicMergeWithLookup(doc: unknown, patch: unknown, rootType: string | undefined, lookup: PatchMetaLookup): unknown {
  if (!isJsonObject(patch)) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : kindOf(patch)} into Go value of type map[string]interface {}`);
  }
  return mergeMap(isJsonObject(doc) ? cloneJson(doc) : undefined, cloneJson(patch), rootType, lookup);
}
