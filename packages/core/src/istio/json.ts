/**
 * Minimal JSON helpers for the Istio router: guards, deep equality and an RFC 7386 merge-patch diff
 * so a router writes only what changed (no call at all when the diff is empty).
 */

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A JSON number as an integer (Go's int64 unmarshal of a missing field is 0). */
export function asInt(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * RFC 7386 merge patch turning `before` into `after`: changed keys carry the new value, removed keys
 * `null`, objects recurse, arrays are replaced whole. Returns `{}` when nothing changed.
 */
export function createMergePatch(before: JsonObject, after: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(before)) {
    if (before[key] !== undefined && (!(key in after) || after[key] === undefined)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = before[key];
    if (deepEqual(old, value)) continue;
    if (isObject(old) && isObject(value)) {
      const sub = createMergePatch(old, value);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else {
      patch[key] = structuredClone(value);
    }
  }
  return patch;
}

export function isEmptyPatch(patch: JsonObject): boolean {
  return Object.keys(patch).length === 0;
}
