/**
 * UpdateHash on the DestinationRule: pin the canary/stable subsets to the ReplicaSet hashes.
 * parity: argo-rollouts rollout/trafficrouting/istio/istio.go UpdateHash, shouldDelayDestinationRuleUpdate
 */
import type { IstioDestinationRule } from '@serin/api';
import { ANNOTATION, LABEL } from '@serin/api';
import { type JsonObject, asArray, asObject, asString, deepEqual } from './json.js';
import type { AdditionalDestination } from './router-spec.js';

function withHash(subset: JsonObject, hash: string | undefined): JsonObject {
  const labels: Record<string, unknown> = { ...(asObject(subset['labels']) ?? {}) };
  if (hash !== undefined && hash !== '') labels[LABEL.PodTemplateHash] = hash;
  else delete labels[LABEL.PodTemplateHash];
  return { ...subset, labels };
}

/**
 * The DestinationRule after UpdateHash: label `rollouts-pod-template-hash` set on the canary and stable
 * subsets (removed when the hash is empty), experiment subsets pinned to their hashes (added when
 * missing), subsets that are neither stable, canary nor experiment dropped (upstream drops
 * `additionalSubsetNames` subsets too), other subset fields and the top-level `trafficPolicy` kept, and
 * the annotation `argo-rollouts.argoproj.io/managed-by-rollouts: <rollout>` added.
 */
export function updateDestinationRuleHash(
  dr: JsonObject,
  ruleSpec: IstioDestinationRule,
  rolloutName: string,
  canaryHash: string,
  stableHash: string,
  additional: readonly AdditionalDestination[] = [],
): { object: JsonObject; changed: boolean } {
  const spec = asObject(dr['spec']) ?? {};
  const pending = new Map(additional.filter((d) => (d.serviceName ?? '') !== '').map((d) => [d.serviceName ?? '', d.podTemplateHash ?? '']));
  const subsets: JsonObject[] = [];
  for (const s of asArray(spec['subsets']) ?? []) {
    const subset = asObject(s) ?? {};
    const name = asString(subset['name']);
    if (name === ruleSpec.canarySubsetName) subsets.push(withHash(subset, canaryHash));
    else if (name === ruleSpec.stableSubsetName) subsets.push(withHash(subset, stableHash));
    else if (pending.has(name)) {
      subsets.push(withHash(subset, pending.get(name)));
      pending.delete(name);
    }
  }
  for (const [name, hash] of pending) subsets.push({ name, labels: { [LABEL.PodTemplateHash]: hash } });
  const metadata = asObject(dr['metadata']) ?? {};
  const annotations = { ...(asObject(metadata['annotations']) ?? {}), [ANNOTATION.ManagedByRollouts]: rolloutName };
  const next: JsonObject = { ...dr, metadata: { ...metadata, annotations }, spec: { ...spec, subsets } };
  const changed = !deepEqual(dr, next);
  return { object: changed ? structuredClone(next) : dr, changed };
}

export interface ReplicaSetAvailability {
  readonly name: string;
  readonly podTemplateHash: string;
  readonly specReplicas: number;
  readonly availableReplicas: number;
}

/**
 * Delay the DestinationRule switch while a ReplicaSet that will receive traffic (stable, or canary
 * unless aborting/rolling back to stable) is scaled up but not fully available (#2507). Never delayed
 * when the Rollout names canary/stable Services. Returns the blocking RS name.
 */
export function destinationRuleUpdateBlockedBy(
  replicaSets: readonly ReplicaSetAvailability[],
  canaryHash: string,
  stableHash: string,
  options: { readonly usesServices: boolean; readonly abortOrRollbackToStable: boolean },
): string | undefined {
  if (options.usesServices) return undefined;
  for (const rs of replicaSets) {
    if (rs.specReplicas === 0 || rs.podTemplateHash === '') continue;
    if (rs.podTemplateHash !== stableHash && rs.podTemplateHash !== canaryHash) continue;
    if (options.abortOrRollbackToStable && rs.podTemplateHash === canaryHash) continue;
    if (rs.availableReplicas < rs.specReplicas) return rs.name;
  }
  return undefined;
}

/** The DestinationRule's `spec.host` (header/mirror routes point there in subset mode). */
export function destinationRuleHost(dr: JsonObject): string {
  return asString(asObject(dr['spec'])?.['host']);
}
