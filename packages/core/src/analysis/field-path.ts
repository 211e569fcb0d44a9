/**
 * `valueFrom.fieldRef.fieldPath` against a Rollout: Kubernetes' downward-API paths for `metadata.*`
 * (`metadata.name`, `metadata.namespace`, `metadata.uid`, `metadata.labels['k']`, `metadata.annotations['k']`,
 * whole label/annotation maps), and any other dotted/indexed path into the Rollout (`spec.template.spec.containers[0].image`).
 * parity: k8s.io/kubernetes pkg/fieldpath ExtractFieldPathAsString, FormatMap;
 *         argo-rollouts utils/analysis/factory.go extractValueFromRollout
 */
import type { Resolved } from './args.js';

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go `%q` for plain strings. */
const goQuote = (s: string): string => JSON.stringify(s);

/** `key="value"` lines, keys sorted, no trailing newline. */
export function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(map?.[k] ?? '')}`)
    .join('\n');
}

interface MetadataLike {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** `metadata.*` paths as the downward API resolves them. */
export function extractMetadataFieldPath(metadata: MetadataLike | undefined, fieldPath: string): Resolved<string> {
  const subscripted = /^(.*)\['(.*)'\]$/.exec(fieldPath);
  if (subscripted !== null) {
    const [, path, key = ''] = subscripted;
    if (path === 'metadata.annotations') return { ok: true, value: metadata?.annotations?.[key] ?? '' };
    if (path === 'metadata.labels') return { ok: true, value: metadata?.labels?.[key] ?? '' };
    return { ok: false, error: `fieldPath ${goQuote(fieldPath)} does not support subscript` };
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return { ok: true, value: formatMap(metadata?.annotations) };
    case 'metadata.labels':
      return { ok: true, value: formatMap(metadata?.labels) };
    case 'metadata.name':
      return { ok: true, value: metadata?.name ?? '' };
    case 'metadata.namespace':
      return { ok: true, value: metadata?.namespace ?? '' };
    case 'metadata.uid':
      return { ok: true, value: metadata?.uid ?? '' };
    default:
      return { ok: false, error: `unsupported fieldPath: ${fieldPath}` };
  }
}

/**
 * Go `fmt.Sprintf("%v", x)` for JSON primitives. Numbers are float64 after Go's JSON decoding, printed shortest
 * (`%g`): exponent form `d.ddde±XX` (at least two exponent digits) when the decimal exponent is < -4 or >= 6,
 * plain decimal otherwise. Example: 999999 → `999999`, 1000000 → `1e+06`, 0.00001 → `1e-05`.
 */
function formatPrimitive(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  if (Object.is(value, -0)) return '-0';
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(value);
  const digits = String(Math.abs(exp)).padStart(2, '0');
  return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
}

/** Walk `path` (split on `.`, `[`, `]`) through the object's JSON; the value must be a primitive. */
export function extractValueFromObject(obj: unknown, path: string): Resolved<string> {
  let current: unknown = JSON.parse(JSON.stringify(obj ?? null)) as unknown;
  for (const section of path.split(/[.[\]]+/)) {
    if (section === '') continue;
    if (Array.isArray(current)) {
      if (!/^[+-]?\d+$/.test(section)) return { ok: false, error: `invalid index '${section}'` };
      const i = Number.parseInt(section, 10);
      if (i >= current.length) return { ok: false, error: `index ${i} out of range` };
      current = current[i];
    } else if (isPlainRecord(current)) {
      current = Object.hasOwn(current, section) ? current[section] : undefined;
    } else {
      return { ok: false, error: `invalid path ${path} in rollout` };
    }
  }
  if (current === undefined || current === null) return { ok: false, error: `invalid path ${path} in rollout` };
  if (typeof current === 'object') return { ok: false, error: `path ${path} in rollout must terminate in a primitive value` };
  return { ok: true, value: formatPrimitive(current) };
}

/** `metadata…` paths through the downward-API rules, anything else through the object walk. */
export function extractFieldPath(obj: { metadata?: MetadataLike }, fieldPath: string): Resolved<string> {
  return fieldPath.startsWith('metadata') ? extractMetadataFieldPath(obj.metadata, fieldPath) : extractValueFromObject(obj, fieldPath);
}
