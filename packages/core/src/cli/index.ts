// Pure CLI patch builders (exact bytes per argo-compat §14). parity: argo-rollouts pkg/kubectl-argo-rollouts/cmd
export {
  Patch,
  setCurrentStepIndexPatch,
  clearPauseConditionsWithStepPatch,
  clearPauseAndControllerPausePatch,
  unpauseAndClearPauseConditionsWithStepPatch,
  formatRfc3339Utc,
  buildRestartPatch,
} from './patches.js';
export { buildPromotePatches, validatePromoteFlags, PromoteError } from './promote.js';
export type { PromoteOptions, PromotePatches } from './promote.js';
export { parseGoDuration, parseGoDurationResult, parseDurationString, goTimeQuote } from './go-duration.js';
export type { GoDurationResult } from './go-duration.js';
export { parseImageArg, setImage } from './set-image.js';
export type { ParsedImageArg } from './set-image.js';
export { findUndoTarget, templateMatches, buildUndoPatch, deepDerivative } from './undo.js';
export type { UndoReplicaSet, UndoTarget } from './undo.js';
