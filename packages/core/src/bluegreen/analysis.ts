/**
 * Pre- and post-promotion analysis for one blue-green reconcile, as one pure decision: runs to create, cancel and
 * delete, the current runs, the pause/abort reaction and the `AnalysisRun<Phase>` events.
 * parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns (blue-green branch),
 *         reconcilePrePromotionAnalysisRun, reconcilePostPromotionAnalysisRun, skipPrePromotionAnalysisRun,
 *         skipPostPromotionAnalysisRun, setPauseOrAbortForBlueGreen
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import {
  ANALYSIS_PHASE,
  PAUSE_REASON,
  ROLLOUT_TYPE,
  type AnalysisRun,
  type Rollout,
  type RolloutAnalysis,
  type RolloutAnalysisRunStatus,
  getAnalysisRunSuccessfulHistoryLimitOrDefault,
  getAnalysisRunUnsuccessfulHistoryLimitOrDefault,
} from '@serin/api';
import {
  ROLLOUT_ANALYSIS_DECISION,
  analysisRunStatusChangeEvent,
  analysisRunsToCancel,
  assessRolloutAnalysis,
  filterAnalysisRunsToDelete,
  needsNewAnalysisRun,
} from '../analysis/rollout-assessment.js';
import { placeAnalysisRun } from '../analysis/rollout-plan.js';
import { buildPostPromotionAnalysisRun, buildPrePromotionAnalysisRun } from '../analysis/rollout-runs.js';
import type { AnalysisEvent } from '../analysis/run-status.js';
import type { TemplateLookup } from '../analysis/templates.js';
import { podTemplateHashOf, specReplicas } from '../rollout/replica-sets.js';
import { isSaturated } from './replicas.js';

export interface BlueGreenAnalysisInput {
  /** The rollout as stored (status from the last persisted reconcile). */
  readonly rollout: Rollout;
  /** Every AnalysisRun controlled by the Rollout. */
  readonly analysisRuns: readonly AnalysisRun[];
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
  readonly allReplicaSets: readonly V1ReplicaSet[];
  readonly templates: TemplateLookup;
  /** Aborted in this reconcile or before. */
  readonly aborted: boolean;
  readonly fastRollback: boolean;
}

export interface BlueGreenAnalysisPlan {
  readonly create: AnalysisRun[];
  /** Names of runs to cancel with `{"spec":{"terminate":true}}`. */
  readonly cancel: string[];
  readonly delete: string[];
  readonly currentPreRun?: AnalysisRun;
  readonly currentPostRun?: AnalysisRun;
  readonly pause?: typeof PAUSE_REASON.InconclusiveAnalysis;
  /** Text after `Rollout aborted update to revision N: `. */
  readonly abortMessage?: string;
  readonly events: AnalysisEvent[];
  /** A run could not be built (template missing, argument unresolved). */
  readonly error?: string;
}

const byName = (runs: readonly AnalysisRun[], status: RolloutAnalysisRunStatus | undefined): AnalysisRun | undefined =>
  status === undefined ? undefined : runs.find((r) => r.metadata?.name === status.name);

/** The current pre/post-promotion runs recorded in `status.blueGreen`. */
export function currentBlueGreenRuns(rollout: Rollout, runs: readonly AnalysisRun[]): { pre?: AnalysisRun; post?: AnalysisRun } {
  const pre = byName(runs, rollout.status?.blueGreen?.prePromotionAnalysisRunStatus);
  const post = byName(runs, rollout.status?.blueGreen?.postPromotionAnalysisRunStatus);
  return { ...(pre === undefined ? {} : { pre }), ...(post === undefined ? {} : { post }) };
}

/**
 * Skip the pre-promotion run: already promoted (stable or active == new hash), no active selector yet, or no new
 * hash; without a run yet, also while the preview is not at its size (`previewReplicaCount`, else saturated).
 */
export function skipPrePromotionAnalysisRun(rollout: Rollout, newRS: V1ReplicaSet | undefined, current: AnalysisRun | undefined): boolean {
  const hash = podTemplateHashOf(newRS);
  const active = rollout.status?.blueGreen?.activeSelector ?? '';
  if (newRS === undefined || rollout.status?.stableRS === hash || active === '' || active === hash || hash === '') return true;
  if (current !== undefined) return false;
  const preview = rollout.spec.strategy?.blueGreen?.previewReplicaCount;
  if (preview !== undefined) return specReplicas(newRS) !== preview || (newRS.status?.availableReplicas ?? 0) !== preview;
  return !isSaturated(rollout, newRS);
}

/** Skip the post-promotion run: already stable, active not yet on the new hash; without a run, until saturated. */
export function skipPostPromotionAnalysisRun(rollout: Rollout, newRS: V1ReplicaSet | undefined, current: AnalysisRun | undefined): boolean {
  const hash = podTemplateHashOf(newRS);
  const active = rollout.status?.blueGreen?.activeSelector ?? '';
  if (newRS === undefined || rollout.status?.stableRS === hash || active !== hash || hash === '') return true;
  if (current !== undefined) return false;
  return !isSaturated(rollout, newRS);
}

const hasTemplates = (a: RolloutAnalysis | undefined): a is RolloutAnalysis => a !== undefined && (a.templates ?? []).length > 0;

/** No pre-promotion analysis configured, or its current run is Successful. */
export function completedPrePromotionAnalysis(rollout: Rollout, currentPre: AnalysisRun | undefined): boolean {
  return rollout.spec.strategy?.blueGreen?.prePromotionAnalysis === undefined || currentPre?.status?.phase === ANALYSIS_PHASE.Successful;
}

export function planBlueGreenAnalysis(input: BlueGreenAnalysisInput): BlueGreenAnalysisPlan {
  const { rollout } = input;
  const status = rollout.status ?? {};
  const bg = rollout.spec.strategy?.blueGreen;
  const prev = currentBlueGreenRuns(rollout, input.analysisRuns);
  const fullyPromoted = (status.stableRS ?? '') !== '' && status.stableRS === (status.currentPodHash ?? '');
  const shouldCancel = fullyPromoted || input.aborted || status.promoteFull === true || input.fastRollback || (status.stableRS ?? '') === '';
  const cancel = new Set<string>();
  const create: AnalysisRun[] = [];
  let pause: typeof PAUSE_REASON.InconclusiveAnalysis | undefined;
  let abortMessage: string | undefined;
  let error: string | undefined;
  const cancelRun = (run: AnalysisRun | undefined): void => {
    for (const r of analysisRunsToCancel([run])) cancel.add(r.metadata?.name ?? '');
  };
  const react = (run: AnalysisRun | undefined, type: typeof ROLLOUT_TYPE.PrePromotion | typeof ROLLOUT_TYPE.PostPromotion): void => {
    const decision = assessRolloutAnalysis(run, type);
    if (decision.kind === ROLLOUT_ANALYSIS_DECISION.Pause) pause = decision.reason;
    if (decision.kind === ROLLOUT_ANALYSIS_DECISION.Abort) abortMessage = decision.message; // parity: rollout/pause.go AddAbort (last wins)
  };
  const inconclusivePause = (status.pauseConditions ?? []).some((c) => c.reason === PAUSE_REASON.InconclusiveAnalysis);
  const reconcileOne = (
    analysis: RolloutAnalysis | undefined,
    current: AnalysisRun | undefined,
    skip: boolean,
    build: () => ReturnType<typeof buildPrePromotionAnalysisRun>,
  ): AnalysisRun | undefined => {
    if (!hasTemplates(analysis)) {
      cancelRun(current);
      return undefined;
    }
    if (skip) {
      cancelRun(current);
      return current;
    }
    if (inconclusivePause) return current;
    if (needsNewAnalysisRun(current, rollout)) {
      const built = build();
      if (!built.ok) {
        error ??= built.error;
        return current;
      }
      // a new run lands where the collision counter will place it: `<name>.1` past the completed namesake (the
      // Failed run before a retry), or an equal running run of ours adopted — so the status records the real one
      // parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter
      const placed = placeAnalysisRun(built.value, input.analysisRuns);
      if (placed.create !== undefined) create.push(placed.create);
      return placed.adopt ?? placed.create ?? built.value;
    }
    return current;
  };

  let currentPreRun: AnalysisRun | undefined;
  let currentPostRun: AnalysisRun | undefined;
  const replicaSets = { newRS: input.newRS, stableRS: input.stableRS };
  if (shouldCancel) {
    cancelRun(prev.pre);
    cancelRun(prev.post);
    currentPreRun = prev.pre;
    currentPostRun = prev.post;
  } else {
    currentPreRun = reconcileOne(bg?.prePromotionAnalysis, prev.pre, skipPrePromotionAnalysisRun(rollout, input.newRS, prev.pre), () =>
      buildPrePromotionAnalysisRun({ rollout, ...replicaSets, templates: input.templates }),
    );
    react(currentPreRun, ROLLOUT_TYPE.PrePromotion);
    currentPostRun = reconcileOne(bg?.postPromotionAnalysis, prev.post, skipPostPromotionAnalysisRun(rollout, input.newRS, prev.post), () =>
      buildPostPromotionAnalysisRun({ rollout, ...replicaSets, templates: input.templates }),
    );
    react(currentPostRun, ROLLOUT_TYPE.PostPromotion);
  }

  const current = new Set([currentPreRun, currentPostRun].filter((r) => r !== undefined).map((r) => r.metadata?.name ?? ''));
  const recorded = new Set([status.blueGreen?.prePromotionAnalysisRunStatus?.name, status.blueGreen?.postPromotionAnalysisRunStatus?.name].filter((n): n is string => n !== undefined));
  const others = input.analysisRuns.filter((r) => !current.has(r.metadata?.name ?? '') && !recorded.has(r.metadata?.name ?? ''));
  for (const r of analysisRunsToCancel(others)) cancel.add(r.metadata?.name ?? '');
  const toDelete = filterAnalysisRunsToDelete(others, input.allReplicaSets, getAnalysisRunSuccessfulHistoryLimitOrDefault(rollout), getAnalysisRunUnsuccessfulHistoryLimitOrDefault(rollout));

  const events: AnalysisEvent[] = [];
  const postEvent = analysisRunStatusChangeEvent(status.blueGreen?.postPromotionAnalysisRunStatus, currentPostRun, ROLLOUT_TYPE.PostPromotion);
  const preEvent = analysisRunStatusChangeEvent(status.blueGreen?.prePromotionAnalysisRunStatus, currentPreRun, ROLLOUT_TYPE.PrePromotion);
  for (const e of [postEvent, preEvent]) if (e !== undefined) events.push(e);
  return {
    create,
    cancel: [...cancel].filter((n) => n !== ''),
    delete: toDelete.map((r) => r.metadata?.name ?? ''),
    ...(currentPreRun === undefined ? {} : { currentPreRun }),
    ...(currentPostRun === undefined ? {} : { currentPostRun }),
    ...(pause === undefined ? {} : { pause }),
    ...(abortMessage === undefined ? {} : { abortMessage }),
    events,
    ...(error === undefined ? {} : { error }),
  };
}
