/**
 * HorizontalPodAutoscaler conversion between autoscaling/v1 (served) and autoscaling/v2 (storage), as
 * kube-apiserver converts it:
 *   v1 spec.targetCPUUtilizationPercentage = N  ↔  v2 spec.metrics ∋ {Resource cpu, target Utilization N}
 *   v1 status.currentCPUUtilizationPercentage  ↔  v2 status.currentMetrics ∋ {Resource cpu, current.averageUtilization}
 * v2 defaulting: minReplicas 1, metrics [cpu Utilization 80] when none are given.
 * Simplification: v2-only data (other metrics, behavior, conditions) is not written to v1's
 * `autoscaling.alpha.kubernetes.io/*` annotations; a v1 write keeps the stored object's other metrics and
 * behavior instead (`fromV1` with `current`).
 * parity: kubernetes pkg/apis/autoscaling/v1/conversion.go, pkg/apis/autoscaling/v2/defaults.go
 */
import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';

export const HPA_V1 = 'autoscaling/v1';
export const HPA_V2 = 'autoscaling/v2';
export const DEFAULT_CPU_UTILIZATION = 80;

function rec(v: unknown): JsonObject {
  return isRecord(v) ? v : {};
}

function cpuUtilizationMetric(n: number): JsonObject {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } };
}

/** True for a `Resource` metric on cpu (spec or status form). */
function isCpuResource(m: unknown): boolean {
  const r = rec(rec(m)['resource']);
  return rec(m)['type'] === 'Resource' && r['name'] === 'cpu';
}

/** v2 defaulting: minReplicas 1; an HPA without metrics targets 80 % cpu utilisation. */
export function defaultHpaV2(obj: KubeObject): KubeObject {
  const spec = { ...rec(obj['spec']) };
  spec['minReplicas'] ??= 1;
  if (!Array.isArray(spec['metrics']) || spec['metrics'].length === 0) spec['metrics'] = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  return { ...obj, spec };
}

/** v1 → v2 (the storage form). `current` (stored v2) supplies the metrics and behavior v1 cannot express. */
export function hpaFromV1(v1: KubeObject, current?: KubeObject): KubeObject {
  const { targetCPUUtilizationPercentage: cpu, ...rest } = rec(v1['spec']);
  const kept = rec(current?.['spec']);
  const others = (Array.isArray(kept['metrics']) ? kept['metrics'] : []).filter((m) => !isCpuResource(m));
  const spec: JsonObject = { ...rest };
  const metrics = [...(typeof cpu === 'number' ? [cpuUtilizationMetric(cpu)] : []), ...others];
  if (metrics.length > 0) spec['metrics'] = metrics;
  if (kept['behavior'] !== undefined) spec['behavior'] = kept['behavior'];
  const out: KubeObject = { ...v1, apiVersion: HPA_V2, spec };
  if (v1['status'] !== undefined) out['status'] = statusFromV1(rec(v1['status']), rec(current?.['status']));
  return out;
}

function statusFromV1(s: JsonObject, kept: JsonObject): JsonObject {
  const { currentCPUUtilizationPercentage: cpu, ...rest } = s;
  const out: JsonObject = { ...rest };
  if (typeof cpu === 'number') out['currentMetrics'] = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpu } } }];
  if (kept['conditions'] !== undefined) out['conditions'] = kept['conditions'];
  return out;
}

/** v2 (stored) → v1 (served). */
export function hpaToV1(v2: KubeObject): KubeObject {
  const { metrics, behavior: _behavior, ...rest } = rec(v2['spec']);
  const spec: JsonObject = { ...rest };
  const cpu = (Array.isArray(metrics) ? metrics : []).find((m) => isCpuResource(m) && rec(rec(rec(m)['resource'])['target'])['type'] === 'Utilization');
  const target = rec(rec(rec(cpu)['resource'])['target'])['averageUtilization'];
  if (typeof target === 'number') spec['targetCPUUtilizationPercentage'] = target;
  const out: KubeObject = { ...v2, apiVersion: HPA_V1, spec };
  if (isRecord(v2['status'])) {
    const { currentMetrics, conditions: _conditions, ...status } = v2['status'];
    const current = (Array.isArray(currentMetrics) ? currentMetrics : []).find(isCpuResource);
    const used = rec(rec(rec(current)['resource'])['current'])['averageUtilization'];
    if (typeof used === 'number') status['currentCPUUtilizationPercentage'] = used;
    out['status'] = status;
  }
  return out;
}
