import { isRecord } from '../types.js';

/**
 * `metav1.LabelSelector` matching: every `matchLabels` pair equal and every `matchExpressions` requirement
 * (In, NotIn, Exists, DoesNotExist) met. An empty selector matches everything; a missing one matches nothing
 * (as `LabelSelectorAsSelector(nil)` does for controllers).
 */
export function selectorMatches(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!isRecord(selector)) return false;
  const have = labels ?? {};
  const matchLabels = isRecord(selector['matchLabels']) ? selector['matchLabels'] : {};
  for (const [k, v] of Object.entries(matchLabels)) if (have[k] !== v) return false;
  const exprs = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : [];
  for (const e of exprs) {
    if (!isRecord(e) || typeof e['key'] !== 'string') return false;
    const value = have[e['key']];
    const values = Array.isArray(e['values']) ? e['values'].filter((x): x is string => typeof x === 'string') : [];
    switch (e['operator']) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Service `spec.selector` (a plain map): every pair equal; an empty or missing map selects nothing. */
export function mapSelectorMatches(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!isRecord(selector) || Object.keys(selector).length === 0) return false;
  const have = labels ?? {};
  return Object.entries(selector).every(([k, v]) => have[k] === v);
}
