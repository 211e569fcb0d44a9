/**
 * Validation of a Service a Rollout references (part of the referenced-resources checks that also end up in
 * the InvalidSpec condition and `lint`).
 * parity: argo-rollouts pkg/apis/rollouts/validation/validation_references.go ValidateService
 */
import type { V1Service } from '@kubernetes/client-node';
import type { Rollout } from '../types/rollout.js';
import { LABEL, ANNOTATION } from '../constants/labels.js';
import { CONDITION_MESSAGE } from '../constants/conditions.js';
import { type FieldError, invalid } from './field-error.js';
import { VALIDATION_MESSAGE } from './messages.js';

export const REFERENCED_SERVICE_TYPE = {
  StableService: 'StableService',
  CanaryService: 'CanaryService',
  PingService: 'PingService',
  PongService: 'PongService',
  ActiveService: 'ActiveService',
  PreviewService: 'PreviewService',
} as const;
export type ReferencedServiceType = (typeof REFERENCED_SERVICE_TYPE)[keyof typeof REFERENCED_SERVICE_TYPE];

const FIELD_BY_SERVICE_TYPE: Readonly<Record<ReferencedServiceType, string>> = {
  ActiveService: 'spec.strategy.blueGreen.activeService',
  PreviewService: 'spec.strategy.blueGreen.previewService',
  CanaryService: 'spec.strategy.canary.canaryService',
  StableService: 'spec.strategy.canary.stableService',
  PingService: 'spec.strategy.canary.pingPong.pingService',
  PongService: 'spec.strategy.canary.pingPong.pongService',
};

/**
 * Every Service selector label except `rollouts-pod-template-hash` must be on the Rollout's pod template with
 * the same value (keys checked in sorted order); a Service managed by another Rollout is refused.
 */
export function validateService(service: V1Service, serviceType: ReferencedServiceType, rollout: Rollout): FieldError[] {
  const field = FIELD_BY_SERVICE_TYPE[serviceType];
  const name = service.metadata?.name ?? '';
  const templateLabels = rollout.spec.template?.metadata?.labels ?? {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(service.spec?.selector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (key === LABEL.PodTemplateHash) continue;
    if (templateLabels[key] !== value) errors.push(invalid(field, name, VALIDATION_MESSAGE.serviceUnmatchedLabel(name, key)));
  }
  const managedBy = service.metadata?.annotations?.[ANNOTATION.ManagedByRollouts];
  if (managedBy !== undefined && managedBy !== rollout.metadata?.name) {
    errors.push(invalid(field, name, CONDITION_MESSAGE.serviceManagedByAnotherRollout(name)));
  }
  return errors;
}
