/**
 * Building the new ReplicaSet and keeping its revision annotations in sync.
 * parity: argo-rollouts rollout/sync.go createDesiredReplicaSet, syncReplicaSetRevision;
 *         utils/annotations/annotations.go SetNewReplicaSetAnnotations, ReplicasAnnotationsNeedUpdate;
 *         utils/replicaset/canary.go SyncReplicaSetEphemeralPodMetadata; utils/replicaset/replicaset.go
 *         GenerateReplicaSetAffinity
 */
import type { V1Affinity, V1PodAffinityTerm, V1ReplicaSet } from '@kubernetes/client-node';
import type { PodTemplateMetadata, Rollout } from '@serin/api';
import { ANNOTATION, ANNOTATIONS_NOT_COPIED_TO_REPLICA_SET, LABEL, getReplicasOrDefault } from '@serin/api';
import { goJsonString } from '../hash/go-json-text.js';
import { desiredPodTemplateHash, podTemplateHashOf } from './replica-sets.js';

const SKIPPED = new Set<string>(ANNOTATIONS_NOT_COPIED_TO_REPLICA_SET);

/** Rollout annotations copied onto its ReplicaSets (all but last-applied, revision, history, desired, notified). */
export function copiedRolloutAnnotations(rollout: Rollout): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rollout.metadata?.annotations ?? {})) if (!SKIPPED.has(k)) out[k] = v;
  return out;
}

/** Go `json.Marshal(PodTemplateMetadata)`: `{"labels":{…},"annotations":{…}}`, keys sorted, empty maps omitted. */
export function ephemeralMetadataJson(metadata: PodTemplateMetadata): string {
  const map = (m: Record<string, string> | undefined): string =>
    `{${Object.keys(m ?? {})
      .sort()
      .map((k) => `${goJsonString(k)}:${goJsonString((m ?? {})[k] ?? '')}`)
      .join(',')}}`;
  const parts: string[] = [];
  if (Object.keys(metadata.labels ?? {}).length > 0) parts.push(`"labels":${map(metadata.labels)}`);
  if (Object.keys(metadata.annotations ?? {}).length > 0) parts.push(`"annotations":${map(metadata.annotations)}`);
  return `{${parts.join(',')}}`;
}

/** The anti-affinity term injected into a canary/preview RS: avoid nodes running the stable hash. */
function injectedAntiAffinityTerm(rollout: Rollout, stableHash: string): V1PodAffinityTerm {
  return {
    labelSelector: { matchExpressions: [{ key: LABEL.PodTemplateHash, operator: 'In', values: [stableHash] }] },
    namespaces: [rollout.metadata?.namespace ?? ''],
    topologyKey: 'kubernetes.io/hostname',
  };
}

/**
 * The RS pod template's affinity: the rollout's own, plus (when `antiAffinity` is set and the stable hash differs
 * from the desired one) a preferred term with the configured weight or a required term.
 */
export function replicaSetAffinity(rollout: Rollout): V1Affinity | undefined {
  const strategy = rollout.spec.strategy;
  const anti = strategy?.canary?.antiAffinity ?? strategy?.blueGreen?.antiAffinity;
  const own = rollout.spec.template?.spec?.affinity;
  const stable = rollout.status?.stableRS ?? '';
  if (anti === undefined || stable === '' || stable === desiredPodTemplateHash(rollout)) return own === undefined ? undefined : structuredClone(own);
  const affinity: V1Affinity = structuredClone(own ?? {});
  const pod = (affinity.podAntiAffinity ??= {});
  const term = injectedAntiAffinityTerm(rollout, stable);
  const preferred = anti.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred !== undefined) {
    pod.preferredDuringSchedulingIgnoredDuringExecution = [...(pod.preferredDuringSchedulingIgnoredDuringExecution ?? []), { weight: preferred.weight, podAffinityTerm: term }];
  } else {
    pod.requiredDuringSchedulingIgnoredDuringExecution = [...(pod.requiredDuringSchedulingIgnoredDuringExecution ?? []), term];
  }
  return affinity;
}

export interface BuildNewReplicaSetInput {
  readonly rollout: Rollout;
  /** `max(revision of older RSs) + 1`. */
  readonly revision: number;
  /** A stable RS exists and is not the RS being created: inject canary metadata, else stable metadata. */
  readonly hasDistinctStable: boolean;
}

/**
 * The ReplicaSet Argo creates for the desired template: `<rollout>-<hash>`, hash label on labels, selector and
 * pod template, copied rollout annotations + revision + desired-replicas, controller ownerReference,
 * `minReadySeconds`, `replicas: 0` (scaled afterwards), ephemeral metadata and injected anti-affinity.
 */
export function buildNewReplicaSet({ rollout, revision, hasDistinctStable }: BuildNewReplicaSetInput): V1ReplicaSet {
  const hash = desiredPodTemplateHash(rollout);
  const template = structuredClone(rollout.spec.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}), [LABEL.PodTemplateHash]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const affinity = replicaSetAffinity(rollout);
  if (affinity !== undefined) template.spec = { ...(template.spec ?? { containers: [] }), affinity };
  else if (template.spec !== undefined) delete template.spec.affinity;

  const annotations: Record<string, string> = {
    ...copiedRolloutAnnotations(rollout),
    [ANNOTATION.Revision]: String(revision),
    [ANNOTATION.DesiredReplicas]: String(getReplicasOrDefault(rollout)),
  };
  const canary = rollout.spec.strategy?.canary;
  const blueGreen = rollout.spec.strategy?.blueGreen;
  const ephemeral = hasDistinctStable ? (canary?.canaryMetadata ?? blueGreen?.previewMetadata) : (canary?.stableMetadata ?? blueGreen?.activeMetadata);
  if (ephemeral !== undefined && (Object.keys(ephemeral.labels ?? {}).length > 0 || Object.keys(ephemeral.annotations ?? {}).length > 0)) {
    template.metadata.labels = { ...template.metadata.labels, ...(ephemeral.labels ?? {}) };
    const podAnnotations = { ...(template.metadata.annotations ?? {}), ...(ephemeral.annotations ?? {}) };
    if (Object.keys(podAnnotations).length > 0) template.metadata.annotations = podAnnotations;
    annotations[ANNOTATION.EphemeralMetadata] = ephemeralMetadataJson(ephemeral);
  }
  const uid = rollout.metadata?.uid ?? '';
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${rollout.metadata?.name ?? ''}-${hash}`,
      namespace: rollout.metadata?.namespace ?? '',
      labels: { ...labels },
      annotations,
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: rollout.metadata?.name ?? '', uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: 0,
      ...(rollout.spec.minReadySeconds === undefined ? {} : { minReadySeconds: rollout.spec.minReadySeconds }),
      selector: {
        ...(rollout.spec.selector ?? {}),
        matchLabels: { ...(rollout.spec.selector?.matchLabels ?? {}), [LABEL.PodTemplateHash]: hash },
      },
      template,
    },
  };
}

export interface ReplicaSetAnnotationSync {
  /** Annotations to merge-patch onto the RS; undefined when nothing changes. */
  readonly annotations: Record<string, string> | undefined;
  /** `spec.minReadySeconds` to write when it differs from the rollout's. */
  readonly minReadySeconds: number | undefined;
  /** The injected anti-affinity term names an old stable hash: the regenerated affinity to write. */
  readonly affinity: V1Affinity | undefined;
}

/**
 * The RS carries an injected anti-affinity term (`rollouts-pod-template-hash In [x]`) whose hash is no longer the
 * stable one while an update is in progress.
 */
export function injectedAntiAffinityNeedsUpdate(rollout: Rollout, rs: V1ReplicaSet): boolean {
  const stable = rollout.status?.stableRS ?? '';
  if (stable === desiredPodTemplateHash(rollout)) return false;
  const anti = rs.spec?.template?.spec?.affinity?.podAntiAffinity;
  const terms = [...(anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => t.podAffinityTerm), ...(anti?.requiredDuringSchedulingIgnoredDuringExecution ?? [])];
  return terms.some((term) => (term.labelSelector?.matchExpressions ?? []).some((e) => e.key === LABEL.PodTemplateHash && (e.values ?? []).length > 0 && e.values?.[0] !== stable));
}

/**
 * Annotation changes for an existing new RS (`SetNewReplicaSetAnnotations(…, exists = true)`): copied rollout
 * annotations; revision bumped to `newRevision` when higher, the old one appended to `revision-history`
 * (`"1,3"`); plus `minReadySeconds` when it drifted and a regenerated affinity when the injected anti-affinity
 * names an old stable hash.
 */
export function syncNewReplicaSetAnnotations(rollout: Rollout, rs: V1ReplicaSet, newRevision: number): ReplicaSetAnnotationSync {
  const current = rs.metadata?.annotations ?? {};
  const changes: Record<string, string> = {};
  for (const [k, v] of Object.entries(copiedRolloutAnnotations(rollout))) if (current[k] !== v) changes[k] = v;
  const oldText = current[ANNOTATION.Revision];
  const oldValid = oldText === undefined || /^[+-]?\d+$/.test(oldText);
  if (oldValid) {
    const oldRevision = oldText === undefined ? 0 : Number.parseInt(oldText, 10);
    if (oldRevision < newRevision) changes[ANNOTATION.Revision] = String(newRevision);
    if (oldText !== undefined && Object.keys(changes).length > 0) {
      const history = current[ANNOTATION.RevisionHistory] ?? '';
      changes[ANNOTATION.RevisionHistory] = history === '' ? oldText : `${history},${oldText}`;
    }
  }
  const desiredMin = rollout.spec.minReadySeconds ?? 0;
  const minReadySeconds = (rs.spec?.minReadySeconds ?? 0) !== desiredMin ? desiredMin : undefined;
  const affinity = injectedAntiAffinityNeedsUpdate(rollout, rs) ? replicaSetAffinity(rollout) : undefined;
  return { annotations: Object.keys(changes).length > 0 ? changes : undefined, minReadySeconds, affinity };
}

/** The RS's `desired-replicas` annotation differs from `replicas`, or a scale-down-deadline lingers at 0. */
export function replicasAnnotationsNeedUpdate(rs: V1ReplicaSet, replicas: number): boolean {
  const annotations = rs.metadata?.annotations;
  if (annotations === undefined) return true;
  if (annotations[ANNOTATION.DesiredReplicas] !== String(replicas)) return true;
  return replicas === 0 && (annotations[ANNOTATION.ScaleDownDeadline] ?? '') !== '';
}

export const CREATE_CONFLICT = { Adopt: 'adopt', Collision: 'collision' } as const;
export type CreateConflictDecision = (typeof CREATE_CONFLICT)[keyof typeof CREATE_CONFLICT];

/**
 * Creating `<rollout>-<hash>` failed with AlreadyExists. Adopt the existing RS when the rollout controls it and its
 * template equals the desired one (ignoring the hash label); otherwise it is a hash collision: bump
 * `status.collisionCount` and recompute.
 */
export function decideCreateConflict(rollout: Rollout, existing: V1ReplicaSet, templatesEqual: boolean): CreateConflictDecision {
  const owner = (existing.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  const ours = owner !== undefined && owner.uid === (rollout.metadata?.uid ?? '');
  return ours && templatesEqual ? CREATE_CONFLICT.Adopt : CREATE_CONFLICT.Collision;
}

/** True when `rs` carries the rollout's desired hash. */
export function isDesiredReplicaSet(rollout: Rollout, rs: V1ReplicaSet): boolean {
  return podTemplateHashOf(rs) === desiredPodTemplateHash(rollout);
}
