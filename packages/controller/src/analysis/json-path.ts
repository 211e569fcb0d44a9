/**
 * Web metric `jsonPath`: Kubernetes JSONPath template syntax (`{$.data.ok}`, `{.data}`, `{$}`) evaluated with
 * jsonpath-plus (script evaluation disabled except its safe filter evaluator). Empty means `{$}`. The first value of
 * the result is the metric result; no value → `result of web metric produced no value`.
 * parity: argo-rollouts metricproviders/webmetric/webmetric.go (NewWebMetricJsonParser, getValue);
 *         k8s.io/client-go/util/jsonpath template braces
 * Not supported: `{range}…{end}` and templates mixing literal text with several `{}` blocks.
 */
import { JSONPath } from 'jsonpath-plus';

export const NO_VALUE_MESSAGE = 'result of web metric produced no value';

/** The jsonpath-plus path for a Kubernetes template, or an error. */
export function toJsonPathPlus(template: string | undefined): { path: string } | { error: string } {
  const text = (template ?? '').trim() || '{$}';
  const m = /^\{(.*)\}$/s.exec(text);
  if (m === null || (m[1] ?? '').includes('}{')) return { error: `unsupported jsonPath template: ${template ?? ''}` };
  let path = (m[1] ?? '').trim();
  if (path === '') path = '$';
  if (path.startsWith('.') || path.startsWith('[')) path = `$${path}`;
  if (!path.startsWith('$')) path = `$.${path}`;
  return { path };
}

/** The first value `template` selects in `json`. */
export function selectJsonPath(json: unknown, template: string | undefined): { value: unknown } | { error: string } {
  const parsed = toJsonPathPlus(template);
  if ('error' in parsed) return parsed;
  let out: unknown;
  try {
    out = JSONPath({ path: parsed.path, json: json as object, wrap: true, eval: 'safe' });
  } catch (e) {
    return { error: `Could not find JSONPath in body: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(out) || out.length === 0) return { error: NO_VALUE_MESSAGE };
  return { value: out[0] as unknown };
}
