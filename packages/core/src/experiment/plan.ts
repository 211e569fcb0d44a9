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
  /** Merge patch of a template ReplicaSet (replicas, scale-down-deadline); a scale names its template. */
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
  /** `template` is set on a scale (`{spec:{replicas}}`): its outcome (`written.scaled`) decides the template status. */
  | { readonly kind: typeof EX_ACTION.PatchReplicaSet; readonly name: string; readonly patch: JsonObject; readonly template?: string }
  | { readonly kind: typeof EX_ACTION.CreateService; readonly template: string; readonly service: V1Service }
  | { readonly kind: typeof EX_ACTION.DeleteService; readonly template: string; readonly name: string }
  | { readonly kind: typeof EX_ACTION.CreateAnalysisRun; readonly analysis: string; readonly run: AnalysisRun }
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
  /**
   * What this reconcile's creates returned (the reconciler runs them, then plans again with this filled in): a
   * template or analysis with an outcome gets no create action but the created object, or an Error status.
   * parity: argo-rollouts experiments/experiment.go createReplicaSetForTemplate, createTemplateService,
   *         reconcileAnalysisRun (each create runs inside the reconcile and its result decides the status)
   */
  readonly created?: CreateOutcomes;
  /**
   * What this reconcile's template scales and Service deletes returned (run with the creates, before the final
   * plan): a failure is an Error template status, a conflict a retry in a second.
   * parity: argo-rollouts experiments/experiment.go scaleTemplateRS, deleteTemplateService
   */
  readonly written?: WriteOutcomes;
  /**
   * Recorded AnalysisRuns absent from the cache whose live GET failed: run name → the API error text
   * (`analysisruns.argoproj.io "<name>" not found`). Runs the GET found belong in `analysisRuns`.
   */
  readonly analysisRunLookupErrors?: ReadonlyMap<string, string>;
}

/** A create's result: the object the API server holds (created or adopted), or the error text. */
export type CreateOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface CreateOutcomes {
  /** By template name. */
  readonly replicaSets: ReadonlyMap<string, CreateOutcome<V1ReplicaSet>>;
  /** By template name. */
  readonly services: ReadonlyMap<string, CreateOutcome<V1Service>>;
  /** By analysis name (the run may carry a collision name, `<name>.1`). */
  readonly analysisRuns: ReadonlyMap<string, CreateOutcome<AnalysisRun>>;
}

/** A write's result: done, or the error text (`conflict`: the object changed under us, retry shortly). */
export type WriteOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly conflict: boolean };

export interface WriteOutcomes {
  /** Template ReplicaSet scales, by template name. */
  readonly scaled: ReadonlyMap<string, WriteOutcome>;
  /** Template Service deletes, by template name (NotFound counts as done). */
  readonly deletedServices: ReadonlyMap<string, WriteOutcome>;
}

export interface ExperimentPlan {
  readonly actions: readonly ExperimentAction[];
  readonly requeueAfterMs?: number;
}
