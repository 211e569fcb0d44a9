/**
 * What a blue-green reconcile decides: the rollout actions (RS writes, status patch, events) interleaved, in order,
 * with Service selector switches and AnalysisRun writes.
 */
import type { V1Service } from '@kubernetes/client-node';
import type { AnalysisRun } from '@serin/api';
import type { TemplateLookup } from '../analysis/templates.js';
import type { JsonPatch, RolloutAction, RolloutSnapshot } from '../rollout/plan.js';

export const BG_ACTION = {
  /** Merge patch of a Service (selector switch, managed-by annotation). */
  PatchService: 'patchService',
  CreateAnalysisRun: 'createAnalysisRun',
  /** Merge patch of an AnalysisRun (cancel: `{"spec":{"terminate":true}}`). */
  PatchAnalysisRun: 'patchAnalysisRun',
  DeleteAnalysisRun: 'deleteAnalysisRun',
} as const;

export type BlueGreenAction =
  | RolloutAction
  | { readonly kind: typeof BG_ACTION.PatchService; readonly name: string; readonly patch: JsonPatch }
  | { readonly kind: typeof BG_ACTION.CreateAnalysisRun; readonly run: AnalysisRun }
  | { readonly kind: typeof BG_ACTION.PatchAnalysisRun; readonly name: string; readonly patch: JsonPatch }
  | { readonly kind: typeof BG_ACTION.DeleteAnalysisRun; readonly name: string };

export interface BlueGreenSnapshot extends RolloutSnapshot {
  /** Services in the rollout's namespace, by name (only the active and preview ones are read). */
  readonly services: ReadonlyMap<string, V1Service>;
  /** AnalysisRuns controlled by the rollout. */
  readonly analysisRuns: readonly AnalysisRun[];
  readonly templates: TemplateLookup;
}

export interface BlueGreenPlan {
  readonly actions: readonly BlueGreenAction[];
  readonly requeueAfterMs?: number;
  /** An AnalysisRun could not be built: the actor reports it after the writes (the queue backs off). */
  readonly error?: string;
}
