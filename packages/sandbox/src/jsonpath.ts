import { isRecord } from './types.js';

/**
 * The JSONPath subset printer columns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.k=="v")].b`, optionally wrapped
 * in `{…}`. Returns every match (a missing path gives `[]`).
 */
export function evaluateJsonPath(root: unknown, path: string): unknown[] {
  let expr = path.trim();
  if (expr.startsWith('{') && expr.endsWith('}')) expr = expr.slice(1, -1);
  if (expr.startsWith('$')) expr = expr.slice(1);
  let current: unknown[] = [root];
  const token = /^\.([^.[]+)|^\[(\d+)\]|^\[\*\]|^\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\]/;
  while (expr !== '') {
    const m = token.exec(expr);
    if (m === null) return [];
    expr = expr.slice(m[0].length);
    const next: unknown[] = [];
    for (const value of current) {
      if (m[1] !== undefined) {
        if (isRecord(value) && m[1] in value) next.push(value[m[1]]);
      } else if (m[2] !== undefined) {
        if (Array.isArray(value) && value.length > Number(m[2])) next.push(value[Number(m[2])]);
      } else if (m[3] !== undefined) {
        if (Array.isArray(value)) for (const item of value) if (String(fieldAt(item, m[3])) === m[4]) next.push(item);
      } else if (Array.isArray(value)) {
        next.push(...value);
      } else if (isRecord(value)) {
        next.push(...Object.values(value));
      }
    }
    current = next;
  }
  return current;
}

function fieldAt(value: unknown, dotted: string): unknown {
  let cur = value;
  for (const seg of dotted.split('.')) cur = isRecord(cur) ? cur[seg] : undefined;
  return cur;
}

/** Reads `.a.b.c` (the scale-subresource path form); undefined when absent. */
export function getPath(root: unknown, path: string): unknown {
  return fieldAt(root, path.replace(/^\./, ''));
}

/** Returns a copy of `root` with `.a.b.c` set to `value` (intermediate objects created). */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const segs = path.replace(/^\./, '').split('.');
  const copy = structuredClone(root) as unknown;
  let cur: unknown = copy;
  segs.forEach((seg, i) => {
    if (!isRecord(cur)) return;
    if (i === segs.length - 1) {
      cur[seg] = value;
    } else {
      if (!isRecord(cur[seg])) cur[seg] = {};
      cur = cur[seg];
    }
  });
  return copy as T;
}
