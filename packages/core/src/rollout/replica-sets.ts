/**
 * Classifying a rollout's ReplicaSets: the new RS (desired template), the stable RS (`status.stableRS`), the
 * older ones, and "other" (neither new nor stable).
 * parity: argo-rollouts utils/replicaset/replicaset.go FindNewReplicaSet, FindOldReplicaSets, MaxRevision,
 *         Revision; utils/replicaset/canary.go GetStableRS, GetOtherRSs
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { ANNOTATION, LABEL } from '@serin/api';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { podTemplatesSemanticallyEqual } from '../hash/template-equality.js';
import { parseMetaTime } from './time.js';

/** The RS's `rollouts-pod-template-hash` label, `""` when missing. */
export function podTemplateHashOf(rs: V1ReplicaSet | undefined | null): string {
  return rs?.metadata?.labels?.[LABEL.PodTemplateHash] ?? '';
}

/** `rollout.argoproj.io/revision` as an integer; undefined when missing or not an integer. */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number | undefined {
  const text = obj?.metadata?.annotations?.[ANNOTATION.Revision];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

/** Highest revision among the ReplicaSets (unparsable ones skipped), 0 when none. */
export function maxRevision(replicaSets: readonly V1ReplicaSet[]): number {
  let max = 0;
  for (const rs of replicaSets) {
    const rev = revisionOf(rs);
    if (rev !== undefined && rev > max) max = rev;
  }
  return max;
}

/** Creation time in ms (unset sorts first). */
export function creationMs(rs: V1ReplicaSet): number {
  return parseMetaTime(rs.metadata?.creationTimestamp as string | Date | undefined) ?? 0;
}

/** Oldest first; ties broken by name, as client-go's ReplicaSetsByCreationTimestamp. */
export function sortByCreation(replicaSets: readonly V1ReplicaSet[]): V1ReplicaSet[] {
  return [...replicaSets].sort((a, b) => {
    const d = creationMs(a) - creationMs(b);
    if (d !== 0) return d;
    const an = a.metadata?.name ?? '';
    const bn = b.metadata?.name ?? '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  });
}

/** `spec.replicas` (API default 1). */
export function specReplicas(rs: V1ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

/** A ReplicaSet with desired replicas > 0 (client-go FilterActiveReplicaSets). */
export function isActive(rs: V1ReplicaSet | undefined | null): boolean {
  return rs !== undefined && rs !== null && specReplicas(rs) > 0;
}

/** The rollout's desired pod-template hash (`status.collisionCount` included). */
export function desiredPodTemplateHash(rollout: Rollout): string {
  return computePodTemplateHash(rollout.spec.template ?? {}, rollout.status?.collisionCount);
}

/**
 * The ReplicaSet running the rollout's current template, oldest first among matches:
 * 1. hash label == computed hash; 2. semantic equality of the templates after stripping what the controller
 * injects (hash label, ephemeral metadata recorded on the RS, anti-affinity). Argo's legacy spew hash is not
 * reproducible outside Go; pass 2 covers those ReplicaSets.
 */
export function findNewReplicaSet(rollout: Rollout, replicaSets: readonly V1ReplicaSet[]): V1ReplicaSet | undefined {
  const sorted = sortByCreation(replicaSets);
  const hash = desiredPodTemplateHash(rollout);
  const byHash = sorted.find((rs) => podTemplateHashOf(rs) === hash);
  if (byHash !== undefined) return byHash;
  const strategy = rollout.spec.strategy;
  const antiAffinity = strategy?.canary?.antiAffinity ?? strategy?.blueGreen?.antiAffinity;
  const desired = rollout.spec.template ?? {};
  return sorted.find((rs) =>
    podTemplatesSemanticallyEqual(rs.spec?.template ?? {}, desired, {
      ephemeralMetadataAnnotation: rs.metadata?.annotations?.[ANNOTATION.EphemeralMetadata],
      antiAffinity,
    }),
  );
}

/** Every RS except the new one (compared by UID, then name). */
export function findOldReplicaSets(replicaSets: readonly V1ReplicaSet[], newRS: V1ReplicaSet | undefined): V1ReplicaSet[] {
  if (newRS === undefined) return [...replicaSets];
  return replicaSets.filter((rs) => !sameReplicaSet(rs, newRS));
}

function sameReplicaSet(a: V1ReplicaSet, b: V1ReplicaSet): boolean {
  const au = a.metadata?.uid;
  const bu = b.metadata?.uid;
  if (au !== undefined && bu !== undefined) return au === bu;
  return a.metadata?.name === b.metadata?.name;
}

/** The RS whose hash is `status.stableRS` (the new RS first); undefined when stableRS is empty. */
export function getStableRS(rollout: Rollout, newRS: V1ReplicaSet | undefined, replicaSets: readonly V1ReplicaSet[]): V1ReplicaSet | undefined {
  const stable = rollout.status?.stableRS ?? '';
  if (stable === '') return undefined;
  if (newRS !== undefined && podTemplateHashOf(newRS) === stable) return newRS;
  return replicaSets.find((rs) => podTemplateHashOf(rs) === stable);
}

/** ReplicaSets that are neither the new nor the stable one (by name). */
export function getOtherRSs(newRS: V1ReplicaSet | undefined, stableRS: V1ReplicaSet | undefined, replicaSets: readonly V1ReplicaSet[]): V1ReplicaSet[] {
  const skip = new Set([newRS?.metadata?.name, stableRS?.metadata?.name].filter((n): n is string => n !== undefined));
  return replicaSets.filter((rs) => !skip.has(rs.metadata?.name ?? ''));
}

export interface ReplicaSetClassification {
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
  readonly olderRSs: V1ReplicaSet[];
  readonly otherRSs: V1ReplicaSet[];
  readonly allRSs: V1ReplicaSet[];
}

/** All four roles at once, for a given (possibly just created) new RS. */
export function classifyReplicaSets(rollout: Rollout, replicaSets: readonly V1ReplicaSet[], newRS: V1ReplicaSet | undefined): ReplicaSetClassification {
  const allRSs = newRS !== undefined && !replicaSets.some((rs) => sameReplicaSet(rs, newRS)) ? [...replicaSets, newRS] : [...replicaSets];
  const olderRSs = findOldReplicaSets(allRSs, newRS);
  const stableRS = getStableRS(rollout, newRS, olderRSs);
  const otherRSs = getOtherRSs(newRS, stableRS, allRSs);
  return { newRS, stableRS, olderRSs, otherRSs, allRSs };
}
