/**
 * Pointing a Service at a ReplicaSet by its pod-template hash.
 * parity: argo-rollouts rollout/service.go switchServiceSelector, generatePatch; utils/service GetRolloutSelectorLabel
 */
import type { V1Service } from '@kubernetes/client-node';
import { ANNOTATION, LABEL } from '@serin/api';

/** The Service's `rollouts-pod-template-hash` selector value, `""` when absent. */
export function serviceSelectorHash(svc: V1Service | undefined): string {
  return svc?.spec?.selector?.[LABEL.PodTemplateHash] ?? '';
}

/**
 * Patch switching `svc` to `hash`: `{"spec":{"selector":{"rollouts-pod-template-hash":hash}}}`, plus
 * `{"metadata":{"annotations":{"argo-rollouts.argoproj.io/managed-by-rollouts":rollout}}}` when that annotation is
 * missing; undefined when the selector already is `hash` and the annotation exists.
 */
export function buildSwitchServicePatch(svc: V1Service, hash: string, rolloutName: string): Record<string, unknown> | undefined {
  const managed = svc.metadata?.annotations?.[ANNOTATION.ManagedByRollouts] !== undefined;
  if (serviceSelectorHash(svc) === hash && managed && svc.spec?.selector?.[LABEL.PodTemplateHash] !== undefined) return undefined;
  const selector = { spec: { selector: { [LABEL.PodTemplateHash]: hash } } };
  return managed ? selector : { metadata: { annotations: { [ANNOTATION.ManagedByRollouts]: rolloutName } }, ...selector };
}

/** `SwitchService` event text. */
export const switchServiceMessage = (service: string, fromHash: string, toHash: string): string =>
  `Switched selector for service '${service}' from '${fromHash}' to '${toHash}'`;
