import { badRequest } from '../errors.js';
import { checkFieldLabels } from '../field-labels.js';
import type { FieldValidation, WriteOptions } from '../ops/context.js';
import type { ObjectFilter } from '../selectors.js';
import { parseFieldSelector, parseLabelSelector } from '../selectors.js';
import type { ResourceType } from '../types.js';

/** `dryRun=All`, `fieldManager`, `fieldValidation` (Strict|Warn|Ignore). */
export function writeOptions(q: URLSearchParams): WriteOptions {
  const out: WriteOptions = {};
  const dryRun = q.getAll('dryRun');
  if (dryRun.length > 0) {
    if (dryRun.some((d) => d !== 'All')) throw badRequest(`dryRun: Unsupported value: "${dryRun.join(',')}": supported values: "All"`);
    out.dryRun = true;
  }
  const manager = q.get('fieldManager');
  if (manager !== null && manager !== '') out.fieldManager = manager;
  const validation = q.get('fieldValidation');
  if (validation !== null && validation !== '') {
    if (validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
      throw badRequest(`fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`);
    }
    out.fieldValidation = validation satisfies FieldValidation;
  }
  return out;
}

/** Label and field selectors of a list/watch/deletecollection request; 400 on a malformed selector. */
export function objectFilter(q: URLSearchParams, t: ResourceType, namespace: string | undefined): ObjectFilter {
  const label = q.get('labelSelector') ?? '';
  let labels;
  try {
    labels = parseLabelSelector(label);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const gvr = `${t.group}/${t.version}, Resource=${t.plural}`;
    throw badRequest(`Unable to find "${gvr}" that match label selector "${label}", field selector "${q.get('fieldSelector') ?? ''}": ${why}`);
  }
  const fieldSelector = q.get('fieldSelector') ?? '';
  const fields = parseFieldSelector(fieldSelector);
  try {
    checkFieldLabels(t, fields);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw badRequest(`Unable to find "${t.group}/${t.version}, Resource=${t.plural}" that match label selector "${label}", field selector "${fieldSelector}": ${why}`);
  }
  const filter: ObjectFilter = { labels, fields };
  if (namespace !== undefined) filter.namespace = namespace;
  return filter;
}

export function isTrue(q: URLSearchParams, key: string): boolean {
  const v = q.get(key);
  return v === 'true' || v === '1';
}
