// Exact patch bodies the CLI mutations send (argo-compat §14). Bodies are strings because tests and the
// wire compare bytes (note the space after the comma in `"pauseConditions":null, "currentStepIndex"`).
// parity: argo-rollouts pkg/kubectl-argo-rollouts/cmd/{pause,promote,abort,retry,terminate,restart}

/** Merge patches (`application/merge-patch+json`). */
export const Patch = {
  pause: '{"spec":{"paused":true}}',
  unpause: '{"spec":{"paused":false}}',
  clearPauseConditions: '{"status":{"pauseConditions":null}}',
  unpauseAndClearPauseConditions: '{"spec":{"paused":false},"status":{"pauseConditions":null}}',
  promoteFull: '{"status":{"promoteFull":true}}',
  unpauseAndPromoteFull: '{"spec":{"paused":false},"status":{"promoteFull":true}}',
  abort: '{"status":{"abort":true}}',
  retryRollout: '{"status":{"abort":false}}',
  retryExperiment: '{"status":null}',
  terminate: '{"spec":{"terminate":true}}',
} as const;

export const setCurrentStepIndexPatch = (i: number) => `{"status":{"currentStepIndex":${i}}}`;
export const clearPauseConditionsWithStepPatch = (i: number) => `{"status":{"pauseConditions":null, "currentStepIndex":${i}}}`;
export const clearPauseAndControllerPausePatch = (i: number) =>
  `{"status":{"pauseConditions":null, "controllerPause":false, "currentStepIndex":${i}}}`;
export const unpauseAndClearPauseConditionsWithStepPatch = (i: number) =>
  `{"spec":{"paused":false},"status":{"pauseConditions":null, "currentStepIndex":${i}}}`;

/** Go time.Format(time.RFC3339) of a UTC instant: second precision, `Z` suffix. */
export function formatRfc3339Utc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `restart [--in D]`: `{"spec":{"restartAt":"<RFC 3339 UTC of now + D>"}}`. */
export function buildRestartPatch(nowMs: number, inMs = 0): string {
  return `{"spec":{"restartAt":"${formatRfc3339Utc(nowMs + inMs)}"}}`;
}
