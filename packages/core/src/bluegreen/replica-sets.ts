/**
 * Scaling a blue-green rollout's ReplicaSets: stable kept at full size, the new (preview) RS at its desired size
 * (or held, then scaled down, after an abort), and old RSs scaled down after their `scale-down-deadline`.
 * parity: argo-rollouts rollout/bluegreen.go reconcileBlueGreenReplicaSets, scaleDownOldReplicaSetsForBlueGreen,
 *         GetScaleDownRevisionLimit; rollout/replicaset.go removeScaleDownDeadlines, reconcileNewReplicaSet,
 *         shouldDelayScaleDownOnAbort, addScaleDownDelay, scaleDownDelayHelper, isReplicaSetReferenced
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisRun } from '@serin/api';
import { ANALYSIS_PHASE, ANNOTATION, PAUSE_REASON, getAbortScaleDownDelaySecondsOrDefault, getReplicasOrDefault, getScaleDownDelaySecondsOrDefault } from '@serin/api';
import { ACTION } from '../rollout/plan.js';
import { getPauseCondition } from '../rollout/pause.js';
import { isActive, podTemplateHashOf, revisionOf, specReplicas } from '../rollout/replica-sets.js';
import { deletedWithReplicaSet, selectReplicaSetsToDelete } from '../rollout/revision-history.js';
import { metaTime, parseMetaTime } from '../rollout/time.js';
import { skipPostPromotionAnalysisRun } from './analysis.js';
import { BG_ACTION } from './plan.js';
import { newRSNewReplicasForBlueGreen } from './replicas.js';
import { serviceSelectorHash } from './service-selector.js';
import type { BlueGreenState } from './state.js';

const deadlineOf = (rs: V1ReplicaSet): string | undefined => {
  const v = rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline];
  return v === undefined || v === '' ? undefined : v;
};

/** Aborted with a stable RS and an abort delay that is not "never" (`abortScaleDownDelaySeconds: 0`). */
export function shouldDelayScaleDownOnAbort(state: BlueGreenState): boolean {
  const ctx = state.ctx;
  if (!ctx.pause.isAborted() || ctx.rs.stableRS === undefined) return false;
  return getAbortScaleDownDelaySecondsOrDefault(ctx.rollout).delaySeconds !== null;
}

/** `scale-down-deadline = now + seconds` (RFC 3339, second precision); 0 removes an existing deadline. */
function addScaleDownDelay(state: BlueGreenState, rs: V1ReplicaSet, seconds: number): void {
  if (seconds <= 0) {
    if (deadlineOf(rs) !== undefined) state.annotate(rs, { [ANNOTATION.ScaleDownDeadline]: null });
    return;
  }
  state.annotate(rs, { [ANNOTATION.ScaleDownDeadline]: metaTime(state.ctx.nowMs + seconds * 1000) });
  state.ctx.requeueAfter(seconds * 1000);
}

/** The new RS (unless it waits out an abort delay) and the stable RS lose any `scale-down-deadline`. */
function removeScaleDownDeadlines(state: BlueGreenState): void {
  const { newRS, stableRS } = state.ctx.rs;
  const targets = [newRS !== undefined && !shouldDelayScaleDownOnAbort(state) ? newRS : undefined, stableRS !== undefined && stableRS.metadata?.name !== newRS?.metadata?.name ? stableRS : undefined];
  for (const rs of targets) if (rs !== undefined && deadlineOf(rs) !== undefined) state.annotate(rs, { [ANNOTATION.ScaleDownDeadline]: null });
}

/**
 * New RS to its desired size; after an abort (with a delay) it keeps its size until `scale-down-deadline`, set once
 * the stable RS is fully available to `now + abortScaleDownDelaySeconds`, then goes to 0.
 */
function reconcileNewReplicaSet(state: BlueGreenState): void {
  const ctx = state.ctx;
  const newRS = ctx.rs.newRS;
  if (newRS === undefined) return;
  let count = newRSNewReplicasForBlueGreen(ctx.rollout, ctx.rs.allRSs, newRS);
  if (shouldDelayScaleDownOnAbort(state)) {
    const text = deadlineOf(newRS);
    if (text === undefined) {
      state.scale(newRS, specReplicas(newRS));
      const stable = ctx.rs.stableRS;
      if ((stable?.status?.availableReplicas ?? 0) >= getReplicasOrDefault(ctx.rollout)) {
        addScaleDownDelay(state, ctx.rs.newRS ?? newRS, getAbortScaleDownDelaySecondsOrDefault(ctx.rollout).delaySeconds ?? 0);
      }
      return;
    }
    const at = parseMetaTime(text);
    if (at !== undefined && at > ctx.nowMs) {
      ctx.requeueAfter(at - ctx.nowMs);
      state.scale(newRS, specReplicas(newRS));
      return;
    }
    if (at !== undefined) count = 0;
  }
  state.scale(newRS, count);
}

/** The RS is still pointed at: a hash in the status (stable, current, active, preview) or a Service selector. */
function isReplicaSetReferenced(state: BlueGreenState, rs: V1ReplicaSet): boolean {
  const hash = podTemplateHashOf(rs);
  if (hash === '') return false;
  const status = state.ctx.status;
  const refs = [status.stableRS, status.currentPodHash, status.blueGreen?.activeSelector, status.blueGreen?.previewSelector];
  if (refs.includes(hash)) return true;
  return serviceSelectorHash(state.active.svc) === hash || (state.preview !== undefined && serviceSelectorHash(state.preview.svc) === hash);
}

/**
 * Old RSs, newest revision first: skip referenced ones; the first `scaleDownDelayRevisionLimit` RSs wait for their
 * `scale-down-deadline` (set now + scaleDownDelaySeconds when missing; kept at `spec.replicas` until it passes);
 * the rest, and any past its deadline, go to 0. Nothing while paused for an inconclusive run, nor while
 * post-promotion analysis runs without an explicit `scaleDownDelaySeconds`.
 */
function scaleDownOldReplicaSets(state: BlueGreenState): void {
  const ctx = state.ctx;
  const old = ctx.rs.otherRSs.filter((rs) => isActive(rs));
  if (old.length === 0) return;
  if (getPauseCondition(ctx.rollout, PAUSE_REASON.InconclusiveAnalysis) !== undefined) return;
  const bg = ctx.rollout.spec.strategy?.blueGreen;
  if (bg?.postPromotionAnalysis !== undefined && bg.scaleDownDelaySeconds === undefined && !skipPostPromotionAnalysisRun(ctx.rollout, ctx.rs.newRS, state.currentPost)) {
    if (state.currentPost?.status?.phase !== ANALYSIS_PHASE.Successful) return;
  }
  const limit = bg?.scaleDownDelayRevisionLimit ?? Number.MAX_SAFE_INTEGER;
  const delaySeconds = getScaleDownDelaySecondsOrDefault(ctx.rollout);
  const replicas = getReplicasOrDefault(ctx.rollout);
  let annotated = 0;
  for (const rs of [...old].sort((a, b) => (revisionOf(b) ?? 0) - (revisionOf(a) ?? 0))) {
    if (isReplicaSetReferenced(state, rs) || specReplicas(rs) === 0) continue;
    let desired = 0;
    const text = deadlineOf(rs);
    if (text === undefined) {
      // scaleDownDelaySeconds 0: scale down at once (upstream would keep the RS at its size, see report)
      if (annotated < limit && delaySeconds > 0) {
        annotated++;
        desired = specReplicas(rs);
        addScaleDownDelay(state, rs, delaySeconds);
      }
    } else {
      annotated++;
      const at = parseMetaTime(text);
      if (annotated <= limit && at !== undefined && at > ctx.nowMs) {
        desired = replicas;
        ctx.requeueAfter(at - ctx.nowMs);
      }
    }
    if (specReplicas(rs) !== desired) state.scale(ctx.rs.allRSs.find((r) => r.metadata?.name === rs.metadata?.name) ?? rs, desired);
  }
}

/**
 * Deadlines, stable, new, old RSs, then revisionHistoryLimit garbage collection: each deleted RS is followed by its
 * AnalysisRuns other than the recorded pre/post-promotion ones.
 * parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit (called from rollout/bluegreen.go)
 */
export function reconcileBlueGreenReplicaSets(state: BlueGreenState, analysisRuns: readonly AnalysisRun[] = []): void {
  const ctx = state.ctx;
  removeScaleDownDeadlines(state);
  if (ctx.rs.stableRS !== undefined) state.scale(ctx.rs.stableRS, getReplicasOrDefault(ctx.rollout));
  reconcileNewReplicaSet(state);
  scaleDownOldReplicaSets(state);
  const bg = ctx.rollout.status?.blueGreen;
  const current = new Set([bg?.prePromotionAnalysisRunStatus?.name, bg?.postPromotionAnalysisRunStatus?.name].filter((n): n is string => n !== undefined && n !== ''));
  for (const rs of selectReplicaSetsToDelete(ctx.rollout, ctx.rs.otherRSs)) {
    ctx.actions.push({ kind: ACTION.DeleteReplicaSet, name: rs.metadata?.name ?? '', uid: rs.metadata?.uid });
    for (const run of deletedWithReplicaSet(rs, analysisRuns, current)) state.push({ kind: BG_ACTION.DeleteAnalysisRun, name: run.metadata?.name ?? '' });
  }
}
