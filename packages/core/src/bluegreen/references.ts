/**
 * The resources a blue-green Rollout references, checked before anything is reconciled; the first problem is the
 * InvalidSpec message. Order: the active, then the preview Service must exist; the pre-, then the post-promotion
 * analysis templates (and the templates they compose) must exist; then `validateService` on active, then preview.
 * Example: active Service and pre-promotion template both missing →
 *   `spec.strategy.blueGreen.activeService: Invalid value: "a": service "a" not found`.
 * parity: argo-rollouts rollout/controller.go getRolloutValidationErrors, getRolloutReferencedResources,
 *         getReferencedServices, getReferencedService, getReferencedRolloutAnalyses,
 *         getReferencedAnalysisTemplatesFromRef; pkg/apis/rollouts/validation ValidateRolloutReferencedResources
 */
import type { V1Service } from '@kubernetes/client-node';
import type { AnalysisTemplateRef, Rollout, RolloutAnalysis } from '@serin/api';
import { REFERENCED_SERVICE_TYPE, formatFieldError, validateService } from '@serin/api';
import { collectAnalysisTemplates, type TemplateLookup } from '../analysis/templates.js';

export interface BlueGreenServices {
  readonly active: V1Service;
  readonly preview: V1Service | undefined;
}

type ServiceType = typeof REFERENCED_SERVICE_TYPE.ActiveService | typeof REFERENCED_SERVICE_TYPE.PreviewService;

const invalid = (field: string, value: string, detail: string): string => `${field}: Invalid value: "${value}": ${detail}`;

/** `AnalysisTemplate 'x' not found` under the rollout's field, or under `spec.templates` for a composed one. */
function missingTemplate(field: string): (ref: AnalysisTemplateRef, nested: boolean) => string {
  return (ref, nested) => invalid(nested ? 'spec.templates' : field, ref.templateName, `${ref.clusterScope === true ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'} '${ref.templateName}' not found`);
}

/** Validate the referenced Services and analysis templates: the Services, or the first error message. */
export function validateBlueGreenReferences(rollout: Rollout, services: ReadonlyMap<string, V1Service>, templates: TemplateLookup): BlueGreenServices | string {
  const bg = rollout.spec.strategy?.blueGreen;
  const refs: Array<{ name: string; type: ServiceType; field: string }> = [
    { name: bg?.activeService ?? '', type: REFERENCED_SERVICE_TYPE.ActiveService, field: 'spec.strategy.blueGreen.activeService' },
    { name: bg?.previewService ?? '', type: REFERENCED_SERVICE_TYPE.PreviewService, field: 'spec.strategy.blueGreen.previewService' },
  ].filter((r) => r.name !== '');
  for (const ref of refs) if (!services.has(ref.name)) return invalid(ref.field, ref.name, `service "${ref.name}" not found`);

  const analyses: Array<[RolloutAnalysis | undefined, string]> = [
    [bg?.prePromotionAnalysis, 'spec.strategy.blueGreen.prePromotionAnalysis.templates'],
    [bg?.postPromotionAnalysis, 'spec.strategy.blueGreen.postPromotionAnalysis.templates'],
  ];
  for (const [analysis, field] of analyses) {
    if (analysis === undefined) continue;
    const collected = collectAnalysisTemplates(analysis.templates ?? [], rollout.metadata?.namespace ?? '', templates, missingTemplate(field));
    if (!collected.ok) return collected.error;
  }

  for (const ref of refs) {
    const first = validateService(services.get(ref.name) as V1Service, ref.type, rollout)[0];
    if (first !== undefined) return formatFieldError(first);
  }
  const active = services.get(bg?.activeService ?? '');
  if (active === undefined) return 'spec.strategy.blueGreen.activeService: Required value';
  return { active, preview: (bg?.previewService ?? '') === '' ? undefined : services.get(bg?.previewService ?? '') };
}
