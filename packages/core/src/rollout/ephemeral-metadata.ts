/**
 * Ephemeral pod metadata: `canaryMetadata` (blue-green `previewMetadata`) on the new RS and its pods while an
 * update runs, `stableMetadata` (`activeMetadata`) on the stable RS and its pods, nothing injected on other RSs. Only keys the controller injected (recorded in the
 * RS's `rollout.argoproj.io/ephemeral-metadata` annotation) are ever removed. Pods of a scaled-up RS are synced on
 * every reconcile (pods of an RS at 0 are left alone).
 * parity: argo-rollouts rollout/ephemeralmetadata.go reconcileEphemeralMetadata, syncEphemeralMetadata;
 *         utils/replicaset/canary.go SyncEphemeralPodMetadata, ParseExistingPodMetadata
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { PodTemplateMetadata } from '@serin/api';
import { ANNOTATION } from '@serin/api';
import { ephemeralMetadataJson } from './new-replica-set.js';
import { ACTION, type PlanContext } from './plan.js';
import { podTemplateHashOf } from './replica-sets.js';

type StringMap = Record<string, string>;

/** The metadata recorded on the RS as injected, or undefined (absent or unparsable). */
export function parseEphemeralMetadata(rs: V1ReplicaSet): PodTemplateMetadata | undefined {
  const text = rs.metadata?.annotations?.[ANNOTATION.EphemeralMetadata];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as PodTemplateMetadata) : undefined;
  } catch {
    return undefined;
  }
}

export interface SyncedMeta {
  readonly labels: StringMap;
  readonly annotations: StringMap;
  readonly modified: boolean;
}

/** Desired keys set; keys injected before (`existing`) and no longer desired removed. */
export function syncEphemeralMeta(
  meta: { labels?: StringMap; annotations?: StringMap },
  existing: PodTemplateMetadata | undefined,
  desired: PodTemplateMetadata | undefined,
): SyncedMeta {
  const labels = { ...(meta.labels ?? {}) };
  const annotations = { ...(meta.annotations ?? {}) };
  let modified = false;
  const apply = (target: StringMap, want: StringMap | undefined, had: StringMap | undefined): void => {
    for (const [k, v] of Object.entries(want ?? {})) {
      if (target[k] !== v) {
        target[k] = v;
        modified = true;
      }
    }
    for (const k of Object.keys(had ?? {})) {
      if (want !== undefined && k in want) continue;
      if (k in target) {
        delete target[k];
        modified = true;
      }
    }
  };
  apply(annotations, desired?.annotations, existing?.annotations);
  apply(labels, desired?.labels, existing?.labels);
  return { labels, annotations, modified };
}

/** Merge patch turning map `from` into `to` (removed keys → null); undefined when equal. */
function mapPatch(from: StringMap | undefined, to: StringMap): Record<string, string | null> | undefined {
  const patch: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(to)) if ((from ?? {})[k] !== v) patch[k] = v;
  for (const k of Object.keys(from ?? {})) if (!(k in to)) patch[k] = null;
  return Object.keys(patch).length === 0 ? undefined : patch;
}

function metaPatch(from: { labels?: StringMap; annotations?: StringMap }, to: SyncedMeta): Record<string, unknown> {
  const labels = mapPatch(from.labels, to.labels);
  const annotations = mapPatch(from.annotations, to.annotations);
  return { ...(labels === undefined ? {} : { labels }), ...(annotations === undefined ? {} : { annotations }) };
}

function syncReplicaSet(ctx: PlanContext, rs: V1ReplicaSet | undefined, desired: PodTemplateMetadata | undefined): void {
  if (rs === undefined) return;
  const existing = parseEphemeralMetadata(rs);
  const templateMeta = rs.spec?.template?.metadata ?? {};
  const synced = syncEphemeralMeta(templateMeta, existing, desired);
  if (synced.modified) {
    const recorded = desired === undefined ? null : ephemeralMetadataJson(desired);
    ctx.actions.push({
      kind: ACTION.PatchReplicaSet,
      name: rs.metadata?.name ?? '',
      patch: { metadata: { annotations: { [ANNOTATION.EphemeralMetadata]: recorded } }, spec: { template: { metadata: metaPatch(templateMeta, synced) } } },
    });
  }
  // the pods of a scaled-up RS are checked on every reconcile, not only when the template changed: a pod an earlier
  // reconcile missed (patch refused, or a previous controller stopped half-way) is caught up
  if ((rs.spec?.replicas ?? 1) === 0) return;
  for (const pod of ctx.pods) {
    if (!(pod.metadata?.ownerReferences ?? []).some((r) => r.uid === rs.metadata?.uid)) continue;
    const podMeta = { labels: pod.metadata?.labels ?? {}, annotations: pod.metadata?.annotations ?? {} };
    const podSynced = syncEphemeralMeta(podMeta, existing, desired);
    if (podSynced.modified) ctx.actions.push({ kind: ACTION.PatchPod, name: pod.metadata?.name ?? '', patch: { metadata: metaPatch(podMeta, podSynced) } });
  }
}

/**
 * Only when the strategy configures ephemeral metadata (canary: canaryMetadata/stableMetadata; blue-green:
 * previewMetadata/activeMetadata). Fully rolled out (no stable yet, or stable == new) → the stable/active metadata
 * on the new RS; mid-update → canary/preview metadata on the new RS and stable/active metadata on the stable RS;
 * every other RS → none.
 */
export function reconcileEphemeralMetadata(ctx: PlanContext): void {
  const strategy = ctx.rollout.spec.strategy;
  const canary = strategy?.canary;
  const blueGreen = strategy?.blueGreen;
  const newMetadata = canary !== undefined ? canary.canaryMetadata : blueGreen?.previewMetadata;
  const stableMetadata = canary !== undefined ? canary.stableMetadata : blueGreen?.activeMetadata;
  if (newMetadata === undefined && stableMetadata === undefined) return;
  const { newRS, stableRS, otherRSs } = ctx.rs;
  const stableHash = ctx.status.stableRS ?? '';
  if (stableHash === '' || stableHash === podTemplateHashOf(newRS)) {
    syncReplicaSet(ctx, newRS, stableMetadata);
  } else {
    syncReplicaSet(ctx, newRS, newMetadata);
    syncReplicaSet(ctx, stableRS, stableMetadata);
  }
  for (const rs of otherRSs) syncReplicaSet(ctx, rs, undefined);
}
