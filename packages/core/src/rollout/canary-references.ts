/**
 * Referenced-resource checks of a canary, ahead of any write (an error becomes the InvalidSpec condition, as a
 * spec error does): its Services, then the AnalysisTemplates its steps and background analysis use.
 * parity: argo-rollouts rollout/controller.go getRolloutValidationErrors, getReferencedServices,
 *         getReferencedService, getReferencedRolloutAnalyses; pkg/apis/rollouts/validation/validation_references.go
 *         ValidateRolloutReferencedResources, ValidateService, ValidateAnalysisTemplatesWithType
 */
import type { V1Service } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { validateRolloutAnalysisReferences } from '../analysis/rollout-references.js';
import type { TemplateLookup } from '../analysis/templates.js';
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

/**
 * The first referenced-resource error of a canary, formatted: Services first (when the snapshot carries them), then
 * analysis templates (when it carries a template lookup), as upstream collects and validates them.
 */
export function canaryReferenceError(rollout: Rollout, refs: { readonly services?: ReadonlyMap<string, V1Service> | undefined; readonly templates?: TemplateLookup | undefined }): string | undefined {
  const serviceError = refs.services === undefined ? undefined : canaryServiceReferenceError(rollout, refs.services);
  if (serviceError !== undefined) return serviceError;
  const analysisError = refs.templates === undefined ? undefined : validateRolloutAnalysisReferences(rollout, refs.templates)[0];
  return analysisError === undefined ? undefined : formatFieldError(analysisError);
}
