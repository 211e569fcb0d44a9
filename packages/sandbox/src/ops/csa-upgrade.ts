import type { ApplyConflict } from '../pure-modules.js';
import type { KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import { deepEqual } from './object-meta.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const CLIENT_SIDE_APPLY_MANAGER = 'kubectl-client-side-apply';

/**
 * Value at a conflict path as the server prints it: `.spec.replicas`,
 * `.spec.template.spec.containers[name="web"].image`, `.spec.ports[port=80,protocol="TCP"]`.
 */
export function valueAtFieldPath(root: unknown, field: string): unknown {
  const tokens = field.match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let cur: unknown = root;
  for (const token of tokens) {
    if (token.startsWith('.')) {
      cur = isRecord(cur) ? cur[token.slice(1)] : undefined;
      continue;
    }
    if (!Array.isArray(cur)) return undefined;
    const inner = token.slice(1, -1);
    const keys = [...inner.matchAll(/([A-Za-z0-9_-]+)=("(?:[^"\\]|\\.)*"|[^,]+)/g)].map((m) => [m[1] ?? '', parseScalar(m[2] ?? '')] as const);
    cur = keys.length === 0 ? undefined : cur.find((item) => isRecord(item) && keys.every(([k, v]) => item[k] === v));
  }
  return cur;
}

function parseScalar(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Client-side → server-side apply upgrade: conflicts only with `kubectl-client-side-apply` on fields whose live
 * value still equals the last-applied configuration are not real conflicts — the applier takes them over.
 * parity: kubernetes apiserver fieldmanager lastappliedmanager.go (behaviour, simplified)
 */
export function conflictsAllowedByLastApplied(current: KubeObject, conflicts: ApplyConflict[]): boolean {
  const raw = current.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (raw === undefined || conflicts.length === 0) return false;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(raw) as unknown;
  } catch {
    return false;
  }
  return conflicts.every((c) => {
    if (c.manager !== CLIENT_SIDE_APPLY_MANAGER) return false;
    const applied = valueAtFieldPath(lastApplied, c.field);
    return applied !== undefined && deepEqual(applied, valueAtFieldPath(current, c.field));
  });
}
