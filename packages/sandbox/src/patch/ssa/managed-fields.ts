/** metadata.managedFields entries ⇄ in-memory ownership records. */
import { isJsonObject } from '../json-value.js';
import type { FieldSet } from './field-path.js';
import { fieldSetToFieldsV1, fieldsV1ToFieldSet } from './fields-v1.js';

export const ManagedFieldsOperation = { Apply: 'Apply', Update: 'Update' } as const;
export type ManagedFieldsOperation = (typeof ManagedFieldsOperation)[keyof typeof ManagedFieldsOperation];

export interface Ownership {
  manager: string;
  operation: ManagedFieldsOperation;
  apiVersion: string;
  time: string | undefined;
  subresource: string | undefined;
  fields: FieldSet;
}

/** Same identity as upstream's manager identifier: manager, operation, subresource, and apiVersion for Update. */
export function sameOwner(a: Ownership, b: Pick<Ownership, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

export function readOwnership(obj: unknown): Ownership[] {
  const meta = isJsonObject(obj) ? obj.metadata : undefined;
  const entries = isJsonObject(meta) && Array.isArray(meta.managedFields) ? meta.managedFields : [];
  return entries.filter(isJsonObject).map((e) => ({
    manager: typeof e.manager === 'string' ? e.manager : '',
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
    time: typeof e.time === 'string' ? e.time : undefined,
    subresource: typeof e.subresource === 'string' ? e.subresource : undefined,
    fields: fieldsV1ToFieldSet(e.fieldsV1),
  }));
}

/** Serialised entries; entries that own nothing are dropped (as upstream does). */
export function writeOwnership(owners: readonly Ownership[]): Record<string, unknown>[] {
  return owners
    .filter((o) => o.fields.size > 0)
    .map((o) => {
      const e: Record<string, unknown> = { manager: o.manager, operation: o.operation, apiVersion: o.apiVersion };
      if (o.time !== undefined) e.time = o.time;
      e.fieldsType = 'FieldsV1';
      e.fieldsV1 = fieldSetToFieldsV1(o.fields);
      if (o.subresource !== undefined) e.subresource = o.subresource;
      return e;
    });
}

/** The manager as the API server prints it in conflict messages. parity: apimachinery managedfields/internal/conflict.go */
export function printManager(o: Pick<Ownership, 'manager' | 'operation' | 'apiVersion' | 'time' | 'subresource'>): string {
  let s = JSON.stringify(o.manager);
  if (o.subresource) s = `${s} with subresource ${JSON.stringify(o.subresource)}`;
  if (o.operation === 'Update') s = `${s} using ${o.apiVersion}`;
  return s;
}
