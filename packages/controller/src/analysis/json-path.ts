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

/** `$.a.b[0].c` → ['a', 'b', 0, 'c']; undefined when the path uses anything else (filters, wildcards, slices). */
function simpleSegments(path: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']*)'\]/y;
  let at = 1; // after '$'
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (m === null) return undefined;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? '')));
    at = re.lastIndex;
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Kubernetes JSONPath errors for a simple path that does not resolve (`<key> is not found`,
 * `array index out of bounds: index <i>, length <n>`); undefined when it resolves or is not simple.
 */
function simplePathError(json: unknown, path: string): string | undefined {
  const segments = simpleSegments(path);
  if (segments === undefined) return undefined;
  let current = json;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return `${segment} is not found`;
      if (segment >= current.length) return `array index out of bounds: index ${segment}, length ${current.length}`;
      current = current[segment];
    } else {
      if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return `${segment} is not found`;
      current = current[segment];
    }
  }
  return undefined;
}

/** The first value `template` selects in `json`. */
export function selectJsonPath(json: unknown, template: string | undefined): { value: unknown } | { error: string } {
  const parsed = toJsonPathPlus(template);
  if ('error' in parsed) return parsed;
  const notFound = simplePathError(json, parsed.path);
  if (notFound !== undefined) return { error: `Could not find JSONPath in body: ${notFound}` };
  let out: unknown;
  try {
    out = JSONPath({ path: parsed.path, json: json as object, wrap: true, eval: 'safe' });
  } catch (e) {
    return { error: `Could not find JSONPath in body: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(out) || out.length === 0) return { error: NO_VALUE_MESSAGE };
  return { value: out[0] as unknown };
}
