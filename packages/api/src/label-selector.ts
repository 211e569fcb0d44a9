/**
 * `metav1.LabelSelector` semantics: matching and the `FormatLabelSelector` text form.
 * parity: k8s.io/apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, FormatLabelSelector)
 */
import type { V1LabelSelector, V1LabelSelectorRequirement } from '@kubernetes/client-node';

/** True when the selector has neither matchLabels nor matchExpressions (it selects everything). */
export function isEmptyLabelSelector(selector: V1LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

function requirementMatches(req: V1LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && value !== undefined && (req.values ?? []).includes(value);
    case 'NotIn':
      return !has || value === undefined || !(req.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/**
 * Whether `labels` satisfy `selector`. A missing selector selects nothing; an empty one selects everything.
 */
export function labelSelectorMatches(
  selector: V1LabelSelector | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (selector === undefined) return false;
  const set = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (set[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, set));
}

/**
 * `metav1.FormatLabelSelector`: `k=v` and expression terms sorted and comma-joined
 * (`app=guestbook,rollouts-pod-template-hash=abc`), ordered by key; an empty selector → `<none>`.
 */
export function formatLabelSelector(selector: V1LabelSelector | undefined): string {
  if (selector === undefined) return '<none>';
  const terms: Array<{ key: string; text: string }> = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) terms.push({ key, text: `${key}=${value}` });
  for (const req of selector.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].sort().join(',');
    const text =
      req.operator === 'In'
        ? `${req.key} in (${values})`
        : req.operator === 'NotIn'
          ? `${req.key} notin (${values})`
          : req.operator === 'Exists'
            ? req.key
            : req.operator === 'DoesNotExist'
              ? `!${req.key}`
              : undefined;
    if (text !== undefined) terms.push({ key: req.key, text });
  }
  // Requirements are ordered by key (stable), as labels.Selector.String() does.
  const text = terms
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((t) => t.text)
    .join(',');
  return text === '' ? '<none>' : text;
}
