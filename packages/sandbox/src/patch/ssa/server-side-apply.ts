/**
 * Simplified server-side apply and field ownership (metadata.managedFields, FieldsV1).
 *
 * Model (a deliberate simplification of structured-merge-diff):
 * - Each managedFields entry owns a set of field paths (`f:`, `k:`, `v:` tokens). Entries are identified by
 *   manager + operation + subresource (+ apiVersion for Update), as upstream identifies them.
 * - Apply (`applyServerSide`): the applied configuration's field set becomes the manager's Apply entry.
 *   A field owned by another entry whose live value differs from the applied value is a conflict; with
 *   `force` the other entry loses it instead. Fields the manager applied before but no longer sends are removed
 *   from the object unless another entry still owns them (or something inside them).
 * - Update (`recordUpdateManager`): fields whose value the write changed move to the writer's Update entry
 *   (updates always take ownership); fields the write removed leave every entry.
 * - List semantics come from the built-in patch metadata: a `merge` list with a merge key is a list-map keyed
 *   by that single key (upstream keys container ports and Service ports by port *and* protocol), a `merge`
 *   list without key is a set, all other lists are atomic. Custom resources: every list is atomic, maps are
 *   granular unless the caller passes the CRD's openAPIV3Schema (`opts.schema`), whose
 *   `x-kubernetes-list-type`/`-list-map-keys`/`-map-type` are then honoured.
 * - Not tracked: apiVersion, kind, status (unless the write targets the status subresource), and metadata other
 *   than labels, annotations, finalizers, ownerReferences and generateName.
 * - Not modelled: field-level type changes, version conversion of field sets,
 *   managedFields reset/trimming rules beyond dropping empty entries.
 * - A write that sends `metadata.managedFields` different from the stored ones (kubectl's CSA→SSA migration
 *   JSON patch) keeps them exactly as written.
 */
import type { JSONSchemaPropsLike } from '../../schema/index.js';
import { cloneJson, isJsonObject, jsonEqual } from '../json-value.js';
import type { FieldSet } from './field-path.js';
import { ancestorsOf, coveredPrefixes, deleteAt, pathFromKey, pathKey, renderPath, valueAt } from './field-path.js';
import { changedFields, extractFieldSet } from './field-extract.js';
import { rootTypeOf } from './list-kinds.js';
import type { Ownership } from './managed-fields.js';
import { printManager, readOwnership, sameOwner, writeOwnership } from './managed-fields.js';
import { mergeObject } from './ssa-merge.js';

type Obj = Record<string, unknown>;

export interface ApplyConflict {
  /** path as printed by the API server, e.g. `.spec.replicas` */
  field: string;
  /** manager name of the entry that owns the field */
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  /** cause message, e.g. `conflict with "kubectl-client-side-apply" using apps/v1` */
  message: string;
}

export interface ApplyResult {
  object: Obj;
  conflicts: ApplyConflict[];
}

function withManagedFields(obj: Obj, owners: readonly Ownership[]): Obj {
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  const entries = writeOwnership(owners);
  const { managedFields: _drop, ...rest } = meta;
  return { ...obj, metadata: entries.length > 0 ? { ...rest, managedFields: entries } : rest };
}

function stripManagedFields(obj: Obj): Obj {
  if (!isJsonObject(obj.metadata)) return obj;
  const { managedFields: _drop, ...rest } = obj.metadata;
  return { ...obj, metadata: rest };
}

function apiVersionOf(obj: Obj | undefined): string {
  return obj && typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
}


function findConflicts(owners: readonly Ownership[], self: Ownership, applied: FieldSet, live: Obj, appliedObj: Obj): Map<Ownership, string[]> {
  const found = new Map<Ownership, string[]>();
  for (const owner of owners) {
    if (sameOwner(owner, self)) continue;
    for (const key of owner.fields) {
      if (!applied.has(key)) continue;
      const path = pathFromKey(key);
      const last = path[path.length - 1] ?? '';
      if (last.startsWith('k:') || last.startsWith('v:')) continue;
      if (jsonEqual(valueAt(live, path), valueAt(appliedObj, path))) continue;
      found.set(owner, [...(found.get(owner) ?? []), key]);
    }
  }
  return found;
}

/** Deletes a field, then any ancestor map the deletion left empty that nobody else owns. */
function removeAndPrune(obj: Obj, path: string[], others: readonly Ownership[]): void {
  deleteAt(obj, path);
  for (let depth = path.length - 1; depth > 0; depth--) {
    const parentPath = path.slice(0, depth);
    const parent = valueAt(obj, parentPath);
    if (!isJsonObject(parent) || Object.keys(parent).length > 0) return;
    if (others.some((o) => o.fields.has(pathKey(parentPath)))) return;
    deleteAt(obj, parentPath);
  }
}

/**
 * Server-side apply of `applied` (the decoded apply-patch body) by `opts.manager` onto `current` (undefined: the
 * object does not exist yet and is created). Returns the new object with managedFields, or the unchanged
 * current object plus conflicts (the server answers 409, see `applyConflictMessage`).
 */
export function applyServerSide(
  current: Obj | undefined,
  applied: Obj,
  opts: { manager: string; force: boolean; now: string; schema?: JSONSchemaPropsLike },
): ApplyResult {
  const type = rootTypeOf(applied, opts.schema);
  const appliedObj = stripManagedFields(applied);
  const appliedSet = extractFieldSet(appliedObj, type);
  const live = current ? cloneJson(current) : {};
  const owners = readOwnership(current);
  const self: Ownership = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: apiVersionOf(applied),
    time: opts.now,
    subresource: undefined,
    fields: appliedSet,
  };
  const conflicts = findConflicts(owners, self, appliedSet, live, appliedObj);
  if (conflicts.size > 0 && !opts.force) {
    const list = [...conflicts].flatMap(([owner, keys]) =>
      keys.map((key) => ({
        field: renderPath(pathFromKey(key)),
        manager: owner.manager,
        operation: owner.operation,
        apiVersion: owner.apiVersion,
        message: `conflict with ${printManager(owner)}`,
      })),
    );
    return { object: current ?? {}, conflicts: list };
  }
  for (const [owner, keys] of conflicts) for (const key of keys) owner.fields.delete(key);

  const previous = owners.find((o) => sameOwner(o, self));
  let merged = mergeObject(stripManagedFields(live), appliedObj, type);
  const others = owners.filter((o) => o !== previous);
  const ownedByOthers = coveredPrefixes(others.flatMap((o) => [...o.fields]));
  const removed = [...(previous?.fields ?? [])].filter((k) => !appliedSet.has(k));
  removed.sort((a, b) => b.length - a.length);
  for (const key of removed) {
    if (ownedByOthers.has(key)) continue;
    removeAndPrune(merged, pathFromKey(key), others);
  }
  merged = cloneJson(merged);

  const next = previous ? owners.map((o) => (o === previous ? self : o)) : [...owners, self];
  if (current && jsonEqual(stripManagedFields(merged), stripManagedFields(current)) && previous && jsonEqual([...previous.fields].sort(), [...appliedSet].sort())) {
    return { object: current, conflicts: [] };
  }
  return { object: withManagedFields(merged, next), conflicts: [] };
}

/**
 * Records a non-apply write (create, update, merge/JSON/strategic patch) by `manager` in `after`'s managedFields
 * (operation Update). `before` is the stored object (undefined on create). Returns `after` with the new
 * managedFields; a write that changes no field returns `after` with `before`'s managedFields.
 */
export function recordUpdateManager(
  before: Obj | undefined,
  after: Obj,
  manager: string,
  now: string,
  opts: { subresource?: string; schema?: JSONSchemaPropsLike } = {},
): Obj {
  const beforeMeta = before && isJsonObject(before.metadata) ? before.metadata : {};
  const afterMeta = isJsonObject(after.metadata) ? after.metadata : {};
  if (Array.isArray(afterMeta.managedFields) && !jsonEqual(afterMeta.managedFields, beforeMeta.managedFields)) {
    return after;
  }
  const type = rootTypeOf(after, opts.schema);
  const scope = opts.subresource === 'status' ? { statusOnly: true } : {};
  const afterSet = extractFieldSet(after, type, scope);
  const beforeSet = before ? extractFieldSet(before, rootTypeOf(before, opts.schema), scope) : new Set<string>();
  const changed = changedFields(before, afterSet, after);
  const removed = [...beforeSet].filter((k) => !afterSet.has(k));
  const owners = readOwnership(before);
  if (changed.size === 0 && removed.length === 0) return withManagedFields(after, owners);

  const self: Ownership = {
    manager,
    operation: 'Update',
    apiVersion: apiVersionOf(after),
    time: now,
    subresource: opts.subresource,
    fields: new Set(),
  };
  const removedSet = new Set(removed);
  for (const owner of owners) {
    for (const key of [...owner.fields]) {
      if (changed.has(key) || ancestorsOf(key).some((a) => removedSet.has(a))) owner.fields.delete(key);
    }
  }
  const existing = owners.find((o) => sameOwner(o, self));
  const mine = existing ?? self;
  for (const key of changed) mine.fields.add(key);
  mine.time = now;
  return withManagedFields(after, existing ? owners : [...owners, self]);
}

/** Status message of a 409 apply conflict. parity: apimachinery managedfields/internal/conflict.go */
export function applyConflictMessage(conflicts: readonly ApplyConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) return `Apply failed with 1 conflict: ${only.message}: ${only.field}`;
  const byManager = new Map<string, { label: string; fields: string[] }>();
  for (const c of conflicts) {
    const label = c.message.replace(/^conflict with /, '');
    const entry = byManager.get(c.manager + '\u0000' + label) ?? { label, fields: [] };
    entry.fields.push(c.field);
    byManager.set(c.manager + '\u0000' + label, entry);
  }
  const lines = [...byManager.keys()]
    .sort()
    .flatMap((k) => {
      const e = byManager.get(k);
      return e ? [`conflicts with ${e.label}:`, ...e.fields.map((f) => `- ${f}`)] : [];
    });
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
