/**
 * How a simulated pod answers, by the image of its first container: tag starting `bad` → HTTP 500
 * half of the time, `slow` → +400 ms, otherwise 200 in ~20 ms (15–25 ms). Simulated, never slept.
 */
import type { KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Rng } from './rng.js';

export interface PodResponse {
  readonly code: number;
  readonly durationMs: number;
}

/** The tag of an image reference (`repo:tag` → `tag`; digest-only or untagged → `latest`). */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : 'latest';
}

export function podImage(pod: KubeObject): string {
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  const first = containers[0];
  return isRecord(first) && typeof first['image'] === 'string' ? first['image'] : '';
}

export function respond(image: string, rng: Rng): PodResponse {
  const tag = imageTag(image);
  const base = 15 + rng.next() * 10;
  if (tag.startsWith('bad')) return { code: rng.next() < 0.5 ? 500 : 200, durationMs: base };
  if (tag.startsWith('slow')) return { code: 200, durationMs: base + 400 };
  return { code: 200, durationMs: base };
}

/** Ready, running and not being deleted. */
export function isServingPod(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp !== undefined) return false;
  const status = isRecord(pod['status']) ? pod['status'] : {};
  if (status['phase'] !== 'Running') return false;
  const conditions = Array.isArray(status['conditions']) ? status['conditions'] : [];
  return conditions.some((c) => isRecord(c) && c['type'] === 'Ready' && c['status'] === 'True');
}

/**
 * Istio's workload name for a pod: its controlling owner's name with the pod-template-hash suffix
 * removed (ReplicaSet `reviews-v1-6d8f7c9b4` → `reviews-v1`), else the pod name.
 */
export function workloadName(pod: KubeObject): string {
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o['controller'] === true);
  const ownerName = typeof owner?.['name'] === 'string' ? owner['name'] : undefined;
  if (ownerName === undefined) return pod.metadata.name ?? '';
  const labels = pod.metadata.labels ?? {};
  for (const hash of [labels['rollouts-pod-template-hash'], labels['pod-template-hash']]) {
    if (hash !== undefined && ownerName.endsWith(`-${hash}`)) return ownerName.slice(0, -(hash.length + 1));
  }
  return ownerName;
}
