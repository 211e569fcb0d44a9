// Argo-identical hashes: pod-template hash, step hash and the Go JSON they are computed over.
export { computePodTemplateHash, goJsonPodTemplate, collisionCountBytes, hashGoJson } from './pod-template-hash.js';
export { computeStepHash, computeRolloutStepHash, goJsonCanarySteps } from './step-hash.js';
export { fnv32a, FNV32_OFFSET_BASIS } from './fnv.js';
export { safeEncodeString, SAFE_ENCODE_ALPHABET } from './safe-encode.js';
export { goJsonMarshal, GoJsonError } from './go-json.js';
export { goJsonString, compareCodePoints } from './go-json-text.js';
export { goQuantityString, quantitiesEqual, QuantityError } from './quantity.js';
export { GO_ROOT } from './go-types.js';
export type { GoFieldSpec, GoStructTable } from './go-types.js';
export { roundQuantityUpToMilli, quantityValueKey } from './quantity.js';
export { applyPodTemplateDefaults, defaultImagePullPolicy } from './pod-defaults.js';
export { podTemplatesSemanticallyEqual, goSemanticEqual } from './template-equality.js';
export type { TemplateEqualityContext, AntiAffinityStrategy } from './template-equality.js';
