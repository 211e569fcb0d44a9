import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import { parseTime } from './context.js';
import { conditionStatus, podConditions } from './pod-simulation.js';

export function podPhase(pod: KubeObject): string {
  const phase = isRecord(pod['status']) ? pod['status']['phase'] : undefined;
  return typeof phase === 'string' ? phase : '';
}

/** Active = not terminal (Succeeded/Failed) and not being deleted (parity: kubernetes controller_utils IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

export function isPodReady(pod: KubeObject): boolean {
  return conditionStatus(pod, 'Ready') === 'True';
}

/** Epoch ms the pod became Ready (its Ready condition's lastTransitionTime). */
export function readySinceMs(pod: KubeObject): number | undefined {
  const c = podConditions(pod).find((x) => x['type'] === 'Ready' && x['status'] === 'True');
  return parseTime(c?.['lastTransitionTime']);
}

/**
 * Available = Ready for at least minReadySeconds: readySince + minReadySeconds·1000 ≤ now
 * (parity: kubernetes podutil IsPodAvailable).
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = readySinceMs(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Scale-down order, first deleted first (parity: kubernetes controller_utils ActivePods.Less):
 * unassigned before assigned; Pending < Unknown < Running; not ready before ready; ready for less time first;
 * more restarts first; newer before older.
 */
export function compareForDeletion(a: KubeObject, b: KubeObject): number {
  const assigned = (p: KubeObject): number => (isRecord(p['spec']) && typeof p['spec']['nodeName'] === 'string' ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: KubeObject): number => PHASE_RANK[podPhase(p)] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: KubeObject): number => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  if (ready(a) === 1) {
    const sa = readySinceMs(a) ?? 0;
    const sb = readySinceMs(b) ?? 0;
    if (sa !== sb) return sb - sa;
  }
  const restarts = (p: KubeObject): number => {
    const st = isRecord(p['status']) && Array.isArray(p['status']['containerStatuses']) ? p['status']['containerStatuses'] : [];
    return st.filter(isRecord).reduce((n, c) => Math.max(n, typeof c['restartCount'] === 'number' ? c['restartCount'] : 0), 0);
  };
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: KubeObject): number => parseTime(p.metadata.creationTimestamp) ?? 0;
  if (created(a) !== created(b)) return created(b) - created(a);
  return (b.metadata.name ?? '') < (a.metadata.name ?? '') ? -1 : 1;
}

export interface ReplicaSetStatusInput {
  rs: KubeObject;
  /** Active pods controlled by the ReplicaSet. */
  pods: KubeObject[];
  nowMs: number;
  /** Message of a failed pod create/delete in this sync, for the ReplicaFailure condition. */
  failure?: { reason: 'FailedCreate' | 'FailedDelete'; message: string };
  now: string;
}

function templateLabels(rs: KubeObject): Record<string, string> {
  const spec = isRecord(rs['spec']) ? rs['spec'] : {};
  const template = isRecord(spec['template']) ? spec['template'] : {};
  const meta = isRecord(template['metadata']) ? template['metadata'] : {};
  const labels = isRecord(meta['labels']) ? meta['labels'] : {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function minReadySecondsOf(obj: KubeObject): number {
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  return typeof spec['minReadySeconds'] === 'number' ? spec['minReadySeconds'] : 0;
}

/**
 * ReplicaSet status as the real controller reports it (parity: kubernetes replica_set_utils
 * calculateStatus): replicas = active pods; fullyLabeledReplicas = those carrying every template label;
 * readyReplicas = Ready; availableReplicas = Ready for ≥ minReadySeconds; observedGeneration = generation;
 * condition ReplicaFailure while a create/delete fails (kept with its transition time, dropped on success).
 * Zero counts other than `replicas` are omitted (omitempty).
 */
export function calculateReplicaSetStatus(input: ReplicaSetStatusInput): JsonObject {
  const { rs, pods, nowMs } = input;
  const labels = templateLabels(rs);
  const minReady = minReadySecondsOf(rs);
  const fullyLabeled = pods.filter((p) => Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
  const ready = pods.filter(isPodReady).length;
  const available = pods.filter((p) => isPodAvailable(p, minReady, nowMs)).length;
  const status: JsonObject = { replicas: pods.length };
  if (fullyLabeled > 0) status['fullyLabeledReplicas'] = fullyLabeled;
  if (ready > 0) status['readyReplicas'] = ready;
  if (available > 0) status['availableReplicas'] = available;
  if (rs.metadata.generation !== undefined) status['observedGeneration'] = rs.metadata.generation;
  const old = isRecord(rs['status']) && Array.isArray(rs['status']['conditions']) ? rs['status']['conditions'].filter(isRecord) : [];
  const conditions = old.filter((c) => c['type'] !== 'ReplicaFailure');
  if (input.failure !== undefined) {
    const prev = old.find((c) => c['type'] === 'ReplicaFailure');
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: prev?.['lastTransitionTime'] ?? input.now, reason: input.failure.reason, message: input.failure.message });
  }
  if (conditions.length > 0) status['conditions'] = conditions;
  return status;
}

/** ms until the next not-yet-available ready pod becomes available (undefined: none pending). */
export function nextAvailabilityInMs(pods: KubeObject[], minReadySeconds: number, nowMs: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const p of pods) {
    const since = isPodReady(p) ? readySinceMs(p) : undefined;
    if (since === undefined) continue;
    const at = since + minReadySeconds * 1000;
    if (at > nowMs && (next === undefined || at - nowMs < next)) next = at - nowMs;
  }
  return next;
}
