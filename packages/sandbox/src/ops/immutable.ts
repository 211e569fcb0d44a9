import type { StatusCause } from '../errors.js';
import { invalid } from '../errors.js';
import type { KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import { deepEqual } from './object-meta.js';

/** Spec fields a built-in kind never lets an update change (apps/v1 selectors, Job selector and template). */
const IMMUTABLE_SPEC_FIELDS: Record<string, readonly string[]> = {
  'apps/Deployment': ['selector'],
  'apps/ReplicaSet': ['selector'],
  'apps/StatefulSet': ['selector'],
  'apps/DaemonSet': ['selector'],
  'batch/Job': ['selector', 'template'],
};

/** Go-syntax rendering of a LabelSelector as the API server prints it in an Invalid cause. */
export function goLabelSelector(selector: unknown): string {
  const sel = isRecord(selector) ? selector : {};
  const labels = isRecord(sel['matchLabels']) ? sel['matchLabels'] : undefined;
  const matchLabels =
    labels === undefined
      ? 'map[string]string(nil)'
      : `map[string]string{${Object.keys(labels)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(labels[k]))}`)
          .join(', ')}}`;
  const exprs = Array.isArray(sel['matchExpressions']) ? sel['matchExpressions'].filter(isRecord) : undefined;
  const matchExpressions =
    exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => {
            const values = Array.isArray(e['values']) ? `[]string{${e['values'].map((v) => JSON.stringify(String(v))).join(', ')}}` : '[]string(nil)';
            return `v1.LabelSelectorRequirement{Key:${JSON.stringify(String(e['key'] ?? ''))}, Operator:${JSON.stringify(String(e['operator'] ?? ''))}, Values:${values}}`;
          })
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${matchLabels}, MatchExpressions:${matchExpressions}}`;
}

/**
 * 422 when an update changes an immutable spec field: `spec.selector: Invalid value: <new>: field is immutable`.
 * parity: kubernetes pkg/apis/apps/validation ValidateDeploymentUpdate & co. (rule and message)
 */
export function checkImmutableFields(t: ResourceType, current: KubeObject, next: KubeObject): void {
  const fields = IMMUTABLE_SPEC_FIELDS[`${t.group}/${t.kind}`];
  if (fields === undefined) return;
  const before = isRecord(current['spec']) ? current['spec'] : {};
  const after = isRecord(next['spec']) ? next['spec'] : {};
  const causes: StatusCause[] = [];
  for (const field of fields) {
    if (deepEqual(before[field], after[field])) continue;
    const value = field === 'selector' ? goLabelSelector(after[field]) : JSON.stringify(after[field] ?? null);
    causes.push({ reason: 'FieldValueInvalid', field: `spec.${field}`, message: `Invalid value: ${value}: field is immutable` });
  }
  if (causes.length > 0) throw invalid(t, current.metadata.name ?? '', causes);
}
