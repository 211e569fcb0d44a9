// Lint helpers around @serin/api validation: strict decoding of the closed top-level shapes and the Services a
// Rollout references. parity: argo-rollouts cmd/lint/lint.go (setServiceTypeAndManagedAnnotation)
import { REFERENCED_SERVICE_TYPE } from '@serin/api';
import type { ReferencedServiceType, Rollout } from '@serin/api';
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

/** Service name → the role the Rollout gives it (canary/stable/ping/pong or active/preview). */
export function referencedServiceTypes(ro: Rollout): Map<string, ReferencedServiceType> {
  const refs = new Map<string, ReferencedServiceType>();
  const add = (name: string | undefined, type: ReferencedServiceType) => {
    if (name !== undefined && name !== '') refs.set(name, type);
  };
  const canary = ro.spec?.strategy?.canary;
  add(canary?.canaryService, REFERENCED_SERVICE_TYPE.CanaryService);
  add(canary?.stableService, REFERENCED_SERVICE_TYPE.StableService);
  add(canary?.pingPong?.pingService, REFERENCED_SERVICE_TYPE.PingService);
  add(canary?.pingPong?.pongService, REFERENCED_SERVICE_TYPE.PongService);
  const blueGreen = ro.spec?.strategy?.blueGreen;
  add(blueGreen?.activeService, REFERENCED_SERVICE_TYPE.ActiveService);
  add(blueGreen?.previewService, REFERENCED_SERVICE_TYPE.PreviewService);
  return refs;
}
