// `undo`: pick the ReplicaSet of the target revision and build the template patch.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/cmd/undo/undo.go
import { PodTemplateHashLabel, RevisionAnnotation } from '../info/owners.js';

export interface UndoReplicaSet {
  readonly metadata?: { readonly name?: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: { readonly template?: unknown };
}

export type UndoTarget<R> = { readonly ok: true; readonly rs: R } | { readonly ok: false; readonly error: string };

/** Revision annotation as Go ParseInt; missing → 0; unparsable → undefined (skipped). */
function revisionOf(rs: UndoReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number.parseInt(v, 10) : undefined;
}

/**
 * `toRevision > 0`: the RS with that revision, else `unable to find specified revision N in history`.
 * `toRevision == 0`: the second-highest revision (previous), else `no revision found for rollout "<name>"`.
 */
export function findUndoTarget<R extends UndoReplicaSet>(rolloutName: string, owned: readonly R[], toRevision: number): UndoTarget<R> {
  let latest: { rev: number; rs: R | undefined } = { rev: -1, rs: undefined };
  let previous: { rev: number; rs: R | undefined } = { rev: -1, rs: undefined };
  for (const rs of owned) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest.rev < v) {
        previous = latest;
        latest = { rev: v, rs };
      } else if (previous.rev < v) previous = { rev: v, rs };
    } else if (toRevision === v) return { ok: true, rs };
  }
  if (toRevision > 0) return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  if (previous.rs === undefined) return { ok: false, error: `no revision found for rollout "${rolloutName}"` };
  return { ok: true, rs: previous.rs };
}

function withoutHashLabel(template: unknown): unknown {
  const t = structuredClone(template) as { metadata?: { labels?: Record<string, string> } } | undefined;
  if (t?.metadata?.labels !== undefined) delete t.metadata.labels[PodTemplateHashLabel];
  return t;
}

/**
 * apimachinery Semantic.DeepDerivative(a, b) over JSON values: unset or empty in `a` (null, '', [], {}) matches
 * anything; an array in `a` must be a prefix of `b`'s; every key of a non-empty object in `a` must exist in `b`;
 * numbers and booleans compare exactly.
 */
export function deepDerivative(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return true;
  if (Array.isArray(a)) {
    if (a.length === 0) return true;
    return Array.isArray(b) && a.length <= b.length && a.every((x, i) => deepDerivative(x, b[i]));
  }
  if (typeof a === 'object') {
    const entries = Object.entries(a as Record<string, unknown>);
    if (entries.length === 0) return true;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
    const other = b as Record<string, unknown>;
    return entries.every(([k, v]) => k in other && deepDerivative(v, other[k]));
  }
  if (a === '') return typeof b === 'string';
  return a === b;
}

/** True when the rollout's template already equals the RS's (ignoring the pod-template-hash label). */
export function templateMatches(rolloutTemplate: unknown, rs: UndoReplicaSet): boolean {
  if (rolloutTemplate === undefined) return false;
  return deepDerivative(withoutHashLabel(rolloutTemplate), withoutHashLabel(rs.spec?.template));
}

/** JSON patch (`application/json-patch+json`) replacing /spec/template with the RS template minus the hash label. */
export function buildUndoPatch(rs: UndoReplicaSet): string {
  return JSON.stringify([{ op: 'replace', path: '/spec/template', value: withoutHashLabel(rs.spec?.template) ?? {} }]);
}
