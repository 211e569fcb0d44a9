// Lint's strict decoding of the closed top-level shapes. parity: argo-rollouts cmd/lint/lint.go (yaml.UnmarshalStrict)
import type { KubeObject } from '../kube/cluster.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const knownSpecFields = new Set([
  'replicas', 'selector', 'template', 'workloadRef', 'minReadySeconds', 'strategy', 'revisionHistoryLimit', 'paused',
  'progressDeadlineSeconds', 'progressDeadlineAbort', 'restartAt', 'rollbackWindow', 'analysis',
]);
const knownStrategyFields = new Set(['canary', 'blueGreen']);

/**
 * Strict decoding for the shapes Serin knows to be closed (top level, Rollout spec, spec.strategy), with the
 * decoder's error text. TODO(api): full strict decoding from the CRD schema.
 */
export function unknownFieldError(obj: KubeObject): string | undefined {
  const unknown = (o: unknown, known: Set<string>) => (isRecord(o) ? Object.keys(o).find((k) => !known.has(k)) : undefined);
  const top = unknown(obj, new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']));
  const field = top ?? (obj.kind === 'Rollout' ? (unknown(obj.spec, knownSpecFields) ?? unknown(obj.spec?.['strategy'], knownStrategyFields)) : undefined);
  return field === undefined ? undefined : `error unmarshaling JSON: while decoding JSON: json: unknown field "${field}"`;
}
