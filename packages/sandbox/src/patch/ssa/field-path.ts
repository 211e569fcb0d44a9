/**
 * Field paths as structured-merge-diff spells them in FieldsV1: `f:<field>` for a struct/map field,
 * `k:<json of key fields>` for an element of a list-map, `v:<json>` for an element of a set. A field set is a
 * `Set` of paths joined with `\u0000` so that plain string sets can hold them.
 */
import { isJsonObject, jsonEqual } from '../json-value.js';

export type FieldPath = readonly string[];
export type FieldSet = Set<string>;

const SEP = '\u0000';

export function pathKey(path: FieldPath): string {
  return path.join(SEP);
}

export function pathFromKey(key: string): string[] {
  return key === '' ? [] : key.split(SEP);
}

/** Every ancestor of a path key, itself included (`a`, `a\0b`, `a\0b\0c`). */
export function ancestorsOf(key: string): string[] {
  const parts = pathFromKey(key);
  return parts.map((_, i) => parts.slice(0, i + 1).join(SEP));
}

/** Set of every path key that has something in `keys` at or beneath it. */
export function coveredPrefixes(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) for (const a of ancestorsOf(k)) out.add(a);
  return out;
}

/** Payload of a `k:`/`v:` token; undefined when it is not valid JSON (client-written managedFields). */
function tokenPayload(token: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(token.slice(2)) as unknown };
  } catch {
    return { ok: false };
  }
}

/** JSON with sorted keys, as used inside `k:` tokens. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isJsonObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Defaults of list-map key fields the API server fills in (ports are keyed by port *and* protocol). */
const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

export function keyToken(element: Record<string, unknown>, keyFields: readonly string[]): string {
  const key: Record<string, unknown> = {};
  for (const f of keyFields) {
    const v = element[f] ?? KEY_DEFAULTS[f];
    if (v !== undefined) key[f] = v;
  }
  return `k:${stableJson(key)}`;
}

/** Finds the list element a `k:`/`v:` token designates. */
export function findElement(list: readonly unknown[], token: string): number {
  const parsed = tokenPayload(token);
  if (!parsed.ok) return -1;
  const payload = parsed.value;
  if (token.startsWith('v:')) return list.findIndex((x) => jsonEqual(x, payload));
  if (!isJsonObject(payload)) return -1;
  return list.findIndex((x) => isJsonObject(x) && Object.entries(payload).every(([k, v]) => jsonEqual(x[k] ?? KEY_DEFAULTS[k], v)));
}

/** Value at `path` inside `obj`, or undefined. */
export function valueAt(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const token of path) {
    if (token.startsWith('f:')) {
      if (!isJsonObject(cur)) return undefined;
      cur = cur[token.slice(2)];
    } else if (Array.isArray(cur)) {
      const at = findElement(cur, token);
      cur = at >= 0 ? cur[at] : undefined;
    } else {
      return undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Deletes the field or element at `path` (in place); missing paths are ignored. */
export function deleteAt(obj: unknown, path: FieldPath): void {
  const last = path[path.length - 1];
  const parent = valueAt(obj, path.slice(0, -1));
  if (last === undefined) return;
  if (last.startsWith('f:') && isJsonObject(parent)) delete parent[last.slice(2)];
  else if (Array.isArray(parent)) {
    const at = findElement(parent, last);
    if (at >= 0) parent.splice(at, 1);
  }
}

/**
 * Human-readable path as the API server prints it in conflicts: `.spec.replicas`,
 * `.spec.template.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`.
 */
export function renderPath(path: FieldPath): string {
  return path
    .map((token) => {
      if (token.startsWith('f:')) return `.${token.slice(2)}`;
      const parsed = tokenPayload(token);
      if (!parsed.ok) return `[${token}]`;
      const payload = parsed.value;
      if (token.startsWith('v:')) return `[=${JSON.stringify(payload)}]`;
      const parts = isJsonObject(payload) ? Object.entries(payload).map(([k, v]) => `${k}=${JSON.stringify(v)}`) : [];
      return `[${parts.join(',')}]`;
    })
    .join('');
}
