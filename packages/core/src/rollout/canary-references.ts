/**
 * Referenced-resource checks of a canary's Services, ahead of any write (an error becomes the InvalidSpec
 * condition, as a spec error does).
 * parity: argo-rollouts rollout/controller.go getRolloutValidationErrors, getReferencedServices,
 *         getReferencedService; pkg/apis/rollouts/validation/validation_references.go ValidateService
 */
import type { V1Service } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { REFERENCED_SERVICE_TYPE, type ReferencedServiceType, fieldError, formatFieldError, validateService } from '@serin/api';

const FIELD = {
  [REFERENCED_SERVICE_TYPE.StableService]: 'spec.strategy.canary.stableService',
  [REFERENCED_SERVICE_TYPE.CanaryService]: 'spec.strategy.canary.canaryService',
  [REFERENCED_SERVICE_TYPE.PingService]: 'spec.strategy.canary.pingPong.pingService',
  [REFERENCED_SERVICE_TYPE.PongService]: 'spec.strategy.canary.pingPong.pongService',
} as const;

type CanaryServiceType = keyof typeof FIELD;

/** The Services the canary names, in upstream's lookup order: stable, canary, then ping and pong. */
function referencedServices(rollout: Rollout): Array<{ readonly name: string; readonly type: CanaryServiceType }> {
  const canary = rollout.spec.strategy?.canary;
  const refs: Array<{ name: string | undefined; type: CanaryServiceType }> = [
    { name: canary?.stableService, type: REFERENCED_SERVICE_TYPE.StableService },
    { name: canary?.canaryService, type: REFERENCED_SERVICE_TYPE.CanaryService },
    ...(canary?.pingPong === undefined
      ? []
      : [
          { name: canary.pingPong.pingService, type: REFERENCED_SERVICE_TYPE.PingService },
          { name: canary.pingPong.pongService, type: REFERENCED_SERVICE_TYPE.PongService },
        ]),
  ];
  return refs.flatMap((r) => (r.name === undefined || r.name === '' ? [] : [{ name: r.name, type: r.type }]));
}

/**
 * The first problem with the canary's Services as `<field>: Invalid value: "<name>": <detail>`, else undefined.
 * Every named Service must exist (`service "<name>" not found`, first missing one in lookup order); then each is
 * checked by `validateService` (selector labels on the pod template, not managed by another Rollout).
 */
export function canaryServiceReferenceError(rollout: Rollout, services: ReadonlyMap<string, V1Service>): string | undefined {
  const refs = referencedServices(rollout);
  const missing = refs.find((r) => !services.has(r.name));
  if (missing !== undefined) return formatFieldError(fieldError.invalid(FIELD[missing.type], missing.name, `service "${missing.name}" not found`));
  for (const ref of refs) {
    const svc = services.get(ref.name);
    const first = svc === undefined ? undefined : validateService(svc, ref.type as ReferencedServiceType, rollout)[0];
    if (first !== undefined) return formatFieldError(first);
  }
  return undefined;
}
