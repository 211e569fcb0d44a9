// @serin/api — argoproj.io/v1alpha1 types, constants, defaults and validation (pure; no I/O).
export * from './types/gvk.js';
export type * from './types/common.js';
export type * from './types/rollout.js';
export { WORKLOAD_REF_SCALE_DOWN } from './types/rollout.js';
export type * from './types/strategy.js';
export { PROGRESS_TYPE } from './types/strategy.js';
export type * from './types/canary-step.js';
export { REPLICA_SET_SPEC_REF } from './types/canary-step.js';
export type * from './types/rollout-analysis.js';
export { VALUE_FROM_POD_TEMPLATE_HASH } from './types/rollout-analysis.js';
export type * from './types/traffic-routing.js';
export type * from './types/rollout-status.js';
export type * from './types/analysis-template.js';
export type * from './types/metric-providers.js';
export { WEB_METRIC_METHOD } from './types/metric-providers.js';
export type * from './types/analysis-run.js';
export type * from './types/experiment.js';

export * from './constants/rollout-strings.js';
export * from './constants/analysis-strings.js';
export * from './constants/experiment-strings.js';
export * from './constants/labels.js';
export * from './constants/conditions.js';
export * from './constants/events.js';

export * from './defaults/defaults.js';

export * from './duration.js';
export * from './label-selector.js';
export {
  FIELD_ERROR_TYPE,
  type FieldError,
  type FieldErrorType,
  formatFieldError,
  goQuote,
  renderGoStringMap,
  renderGoValue,
} from './validation/field-error.js';
/** Field-error constructors (`fieldError.invalid(path, value, detail)`, `fieldError.required(path, detail)`, …). */
export * as fieldError from './validation/field-error.js';
export * from './validation/messages.js';
export { validateRollout, type ValidateRolloutOptions } from './validation/validate-rollout.js';
export { validateAntiAffinity } from './validation/validate-canary.js';

export type { JSONSchemaProps } from './crd/schema.js';
export type { K8sSchemas } from './crd/shared-schemas.js';
export type { ModelAttribute, ModelRegistry } from './crd/k8s-schema.js';
export { modelSchema } from './crd/k8s-schema.js';
export { buildCrds, CRD_FILE_NAMES, type CustomResourceDefinition, type PrinterColumn } from './crd/crds.js';
export { validateService, REFERENCED_SERVICE_TYPE, type ReferencedServiceType } from './validation/validate-service.js';
export { validateMetric, validateMetrics } from './validation/validate-metrics.js';
