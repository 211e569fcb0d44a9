// Ownership and annotation helpers shared by the info projections. parity: argo-rollouts info/info.go
import type { ObjectMetaLike } from './types.js';

export const RevisionAnnotation = 'rollout.argoproj.io/revision';
export const ExperimentTemplateNameAnnotation = 'experiment.argoproj.io/template-name';
export const ScaleDownDeadlineAnnotation = 'scale-down-deadline';
export const PodTemplateHashLabel = 'rollouts-pod-template-hash';

/** True when one of the object's ownerReferences names `ownerUid` (an empty uid owns nothing). */
export function isOwnedBy(meta: ObjectMetaLike | undefined, ownerUid: string | undefined): boolean {
  if (ownerUid === undefined || ownerUid === '') return false;
  return (meta?.ownerReferences ?? []).some((ref) => ref.uid === ownerUid);
}

/** `rollout.argoproj.io/revision` as an integer (Go Atoi); 0 when missing or unparsable. */
export function parseRevision(meta: ObjectMetaLike | undefined): number {
  const raw = meta?.annotations?.[RevisionAnnotation];
  return raw !== undefined && /^[+-]?\d+$/.test(raw) ? Number.parseInt(raw, 10) : 0;
}

export function annotation(meta: ObjectMetaLike | undefined, key: string): string {
  return meta?.annotations?.[key] ?? '';
}
