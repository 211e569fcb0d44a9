import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import { deepEqual } from './object-meta.js';

/**
 * Simplified field ownership for Update-type writes (create, update, patch). Fields are recorded in the
 * `FieldsV1` shape (`{"f:spec":{"f:replicas":{}}}`); lists are treated as atomic leaves. A write makes its
 * manager own every leaf it changed and takes those leaves away from every other manager — which is what
 * later makes a server-side apply of the same field conflict with that manager.
 */
export type FieldSet = JsonObject;

const METADATA_TRACKED = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

/** Leaf paths set in `obj` (or changed between `before` and `obj` when `before` is given). */
export function changedLeaves(before: unknown, after: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (isRecord(after) && (before === undefined || isRecord(before))) {
    const prev = isRecord(before) ? before : {};
    for (const key of Object.keys(after)) {
      if (prefix.length === 0 && (key === 'apiVersion' || key === 'kind')) continue;
      if (prefix.length === 1 && prefix[0] === 'metadata' && !METADATA_TRACKED.includes(key)) continue;
      if (prefix.length === 0 && key === 'metadata' && !isRecord(after[key])) continue;
      const value = after[key];
      if (value === undefined || deepEqual(prev[key], value)) continue;
      if (isRecord(value) && Object.keys(value).length > 0) changedLeaves(prev[key], value, [...prefix, key], out);
      else out.push([...prefix, key]);
    }
    return out;
  }
  if (!deepEqual(before, after) && prefix.length > 0) out.push(prefix);
  return out;
}

export function addPath(set: FieldSet, path: string[]): void {
  let cur = set;
  for (const seg of path) {
    const key = `f:${seg}`;
    if (!isRecord(cur[key])) cur[key] = {};
    cur = cur[key] as JsonObject;
  }
}

/** Removes `path` (and everything under it) from a field set; prunes emptied parents. */
export function removePath(set: FieldSet, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const key = `f:${head}`;
  const child = set[key];
  if (!isRecord(child)) return;
  if (rest.length === 0 || Object.keys(child).length === 0) {
    // owning a parent as a leaf (e.g. an atomic list) and changing inside it: the whole leaf moves
    delete set[key];
    return;
  }
  removePath(child, rest);
  if (Object.keys(child).length === 0) delete set[key];
}

export interface UpdateManagedFieldsInput {
  previous: KubeObject | undefined;
  next: KubeObject;
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: string;
}

/**
 * managedFields after an Update-type write: the writer's entry gains the changed leaves (entry created when
 * missing), other entries lose them, empty entries are dropped. Unchanged input → unchanged managedFields.
 */
export function updateManagedFields(input: UpdateManagedFieldsInput): JsonObject[] {
  const { previous, next, manager, apiVersion, time, subresource } = input;
  const leaves = changedLeaves(previous, next).filter((p) => !(p[0] === 'metadata' && p.length === 1));
  const entries = structuredClone((previous?.metadata.managedFields ?? []).filter(isRecord));
  if (leaves.length === 0) return entries;
  const isMine = (e: JsonObject): boolean =>
    e['manager'] === manager && e['operation'] === 'Update' && (e['subresource'] ?? '') === (subresource ?? '');
  let mine = entries.find(isMine);
  for (const e of entries) {
    if (e === mine || !isRecord(e['fieldsV1'])) continue;
    for (const leaf of leaves) removePath(e['fieldsV1'], leaf);
  }
  if (mine === undefined) {
    mine = { manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: {} };
    if (subresource !== undefined) mine['subresource'] = subresource;
    entries.push(mine);
  }
  mine['time'] = time;
  mine['apiVersion'] = apiVersion;
  const fields = isRecord(mine['fieldsV1']) ? mine['fieldsV1'] : (mine['fieldsV1'] = {});
  for (const leaf of leaves) addPath(fields, leaf);
  return entries.filter((e) => !isRecord(e['fieldsV1']) || Object.keys(e['fieldsV1']).length > 0);
}
