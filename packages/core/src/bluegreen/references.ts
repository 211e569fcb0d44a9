/**
 * The resources a blue-green Rollout references, checked before anything is reconciled; the first problem is the
 * InvalidSpec message. Order: the active, then the preview Service must exist; the pre-, then the post-promotion
 * analysis templates (and the templates they compose) must exist; then `validateService` on active, then preview;
 * then each analysis must make a run and its metrics must end (../analysis/rollout-references.ts).
 * Example: active Service and pre-promotion template both missing →
 *   `spec.strategy.blueGreen.activeService: Invalid value: "a": service "a" not found`.
 * parity: argo-rollouts rollout/controller.go getRolloutValidationErrors, getRolloutReferencedResources,
 *         getReferencedServices, getReferencedService, getReferencedRolloutAnalyses,
 *         getReferencedAnalysisTemplatesFromRef; pkg/apis/rollouts/validation ValidateRolloutReferencedResources
 */
import type { V1Service } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { REFERENCED_SERVICE_TYPE, formatFieldError, validateService } from '@serin/api';
import { referencedRolloutAnalyses, validateReferencedAnalysis } from '../analysis/rollout-references.js';
import type { TemplateLookup } from '../analysis/templates.js';

export interface BlueGreenServices {
  readonly active: V1Service;
  readonly preview: V1Service | undefined;
}

type ServiceType = typeof REFERENCED_SERVICE_TYPE.ActiveService | typeof REFERENCED_SERVICE_TYPE.PreviewService;

const invalid = (field: string, value: string, detail: string): string => `${field}: Invalid value: "${value}": ${detail}`;

/** Validate the referenced Services and analysis templates: the Services, or the first error message. */
export function validateBlueGreenReferences(rollout: Rollout, services: ReadonlyMap<string, V1Service>, templates: TemplateLookup): BlueGreenServices | string {
  const bg = rollout.spec.strategy?.blueGreen;
  const refs: Array<{ name: string; type: ServiceType; field: string }> = [
    { name: bg?.activeService ?? '', type: REFERENCED_SERVICE_TYPE.ActiveService, field: 'spec.strategy.blueGreen.activeService' },
    { name: bg?.previewService ?? '', type: REFERENCED_SERVICE_TYPE.PreviewService, field: 'spec.strategy.blueGreen.previewService' },
  ].filter((r) => r.name !== '');
  for (const ref of refs) if (!services.has(ref.name)) return invalid(ref.field, ref.name, `service "${ref.name}" not found`);

  const analyses = referencedRolloutAnalyses(rollout, templates);
  if (!analyses.ok) return formatFieldError(analyses.error);

  for (const ref of refs) {
    const first = validateService(services.get(ref.name) as V1Service, ref.type, rollout)[0];
    if (first !== undefined) return formatFieldError(first);
  }
  for (const set of analyses.value) {
    const first = validateReferencedAnalysis(rollout, set)[0];
    if (first !== undefined) return formatFieldError(first);
  }
  const active = services.get(bg?.activeService ?? '');
  if (active === undefined) return 'spec.strategy.blueGreen.activeService: Required value';
  return { active, preview: (bg?.previewService ?? '') === '' ? undefined : services.get(bg?.previewService ?? '') };
}
