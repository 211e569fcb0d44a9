/**
 * What an Experiment reconcile decides: ordered writes and events, the status merge patch (on the main resource:
 * Experiments have no status subresource) and a requeue delay.
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, Experiment } from '@serin/api';
import type { TemplateLookup } from '../analysis/templates.js';

export type JsonObject = { readonly [key: string]: unknown };

export const EX_ACTION = {
  CreateReplicaSet: 'createReplicaSet',
  /** Merge patch of a template ReplicaSet (replicas, scale-down-deadline). */
  PatchReplicaSet: 'patchReplicaSet',
  CreateService: 'createService',
  DeleteService: 'deleteService',
  CreateAnalysisRun: 'createAnalysisRun',
  /** `{"spec":{"terminate":true}}`. */
  PatchAnalysisRun: 'patchAnalysisRun',
  /** Merge patch `{status: …}` on the Experiment itself. */
  PatchExperiment: 'patchExperiment',
  Event: 'event',
} as const;

export type ExperimentAction =
  | { readonly kind: typeof EX_ACTION.CreateReplicaSet; readonly template: string; readonly replicaSet: V1ReplicaSet }
  | { readonly kind: typeof EX_ACTION.PatchReplicaSet; readonly name: string; readonly patch: JsonObject }
  | { readonly kind: typeof EX_ACTION.CreateService; readonly service: V1Service }
  | { readonly kind: typeof EX_ACTION.DeleteService; readonly name: string }
  | { readonly kind: typeof EX_ACTION.CreateAnalysisRun; readonly run: AnalysisRun }
  | { readonly kind: typeof EX_ACTION.PatchAnalysisRun; readonly name: string; readonly patch: JsonObject }
  | { readonly kind: typeof EX_ACTION.PatchExperiment; readonly patch: JsonObject }
  /** On the Experiment, or (`rollout` set) on its owning Rollout. */
  | { readonly kind: typeof EX_ACTION.Event; readonly type: 'Normal' | 'Warning'; readonly reason: string; readonly message: string; readonly rollout?: { readonly name: string; readonly uid: string } };

export interface ExperimentSnapshot {
  readonly experiment: Experiment;
  /** ReplicaSets controlled by the Experiment. */
  readonly replicaSets: readonly V1ReplicaSet[];
  /** Services controlled by the Experiment. */
  readonly services: readonly V1Service[];
  /** AnalysisRuns controlled by the Experiment. */
  readonly analysisRuns: readonly AnalysisRun[];
  readonly templates: TemplateLookup;
  readonly nowMs: number;
}

export interface ExperimentPlan {
  readonly actions: readonly ExperimentAction[];
  readonly requeueAfterMs?: number;
}
