export {
  JSON_PATCH_STATUS_MESSAGE,
  kubectlStrategicMergeUnsupportedMessage,
  PatchError,
  STRATEGIC_MERGE_UNSUPPORTED_STATUS_MESSAGE,
} from './errors.js';
export { applyJsonPatch } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch } from './strategic/strategic-merge.js';
export { supportsStrategicMerge } from './strategic/patch-meta.js';
export type { GroupVersionKind } from './strategic/patch-meta.js';
export { applyConflictMessage, applyServerSide, recordUpdateManager } from './ssa/server-side-apply.js';
export type { ApplyConflict, ApplyResult } from './ssa/server-side-apply.js';
