// Blue-green deciders: replica maths, Service selector switches, the pause, pre/post-promotion analysis, old-RS
// scale-down delays, status, and the whole-reconcile plan (`planBlueGreenReconcile`).
export { getReplicaSetByTemplateHash, isSaturated, newRSNewReplicasForBlueGreen, readyForPause } from './replicas.js';
export { buildSwitchServicePatch, serviceSelectorHash, switchServiceMessage } from './service-selector.js';
export {
  BLUE_GREEN_PAUSE,
  autoPromotionRemainingMs,
  completedBlueGreenPause,
  decideBlueGreenPause,
  isBlueGreenFastTracked,
  needsBlueGreenControllerPause,
  type BlueGreenPauseDecision,
  type BlueGreenPauseInput,
  type FastTrackInput,
} from './pause.js';
export {
  completedPrePromotionAnalysis,
  currentBlueGreenRuns,
  planBlueGreenAnalysis,
  skipPostPromotionAnalysisRun,
  skipPrePromotionAnalysisRun,
  type BlueGreenAnalysisInput,
  type BlueGreenAnalysisPlan,
} from './analysis.js';
export { BG_ACTION, type BlueGreenAction, type BlueGreenPlan, type BlueGreenSnapshot } from './plan.js';
export { planBlueGreenReconcile } from './reconcile-plan.js';
