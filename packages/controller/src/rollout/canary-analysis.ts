/**
 * The canary reconciler's analysis stage (actor side): the AnalysisRuns and templates the snapshot carries, and
 * the run writes the plan decides (create with upstream's collision counter, cancel, delete).
 * parity: argo-rollouts rollout/analysis.go (createAnalysisRun, cancelAnalysisRuns, deleteAnalysisRuns)
 */
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate } from '@serin/api';
import { LABEL } from '@serin/api';
import { ANALYSIS_ACTION, type CanaryAnalysisAction, type CanaryAnalysisInputs, type TemplateLookup } from '@serin/core';
import { type Lister, type Logger, type ResourceClient, isNotFound } from '@serin/kube';
import { createAnalysisRunWithCollisionCounter } from '../analysis/create-run.js';

export interface CanaryAnalysisDeps {
  readonly analysisRuns: Lister<AnalysisRun>;
  readonly analysisTemplates: Lister<AnalysisTemplate>;
  /** Absent in `--namespaced` mode: cluster templates are then not found. */
  readonly clusterAnalysisTemplates?: Lister<ClusterAnalysisTemplate>;
  readonly analysisRunClient: ResourceClient<AnalysisRun>;
}

const isControlledBy = (obj: AnalysisRun, uid: string): boolean => (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

export class CanaryAnalysisStage {
  private readonly templates: TemplateLookup;

  constructor(private readonly deps: CanaryAnalysisDeps) {
    this.templates = {
      analysisTemplate: (namespace, name) => deps.analysisTemplates.get(namespace, name),
      clusterAnalysisTemplate: (name) => deps.clusterAnalysisTemplates?.get('', name),
    };
  }

  /** The runs controlled by the rollout with `uid`, and the template lookup. */
  inputs(uid: string): CanaryAnalysisInputs {
    return { analysisRuns: this.deps.analysisRuns.ownedBy(uid).filter((r) => isControlledBy(r, uid)), templates: this.templates };
  }

  /** One planned run write; a run that is already gone is fine. `analysisError` fails the reconcile. */
  async execute(namespace: string, action: CanaryAnalysisAction, log: Logger): Promise<void> {
    const client = this.deps.analysisRunClient;
    const ignoreNotFound = (err: unknown): void => {
      if (!isNotFound(err)) throw err;
    };
    switch (action.kind) {
      case ANALYSIS_ACTION.CreateAnalysisRun: {
        const created = await createAnalysisRunWithCollisionCounter(client, action.run, log);
        log.info('created analysisrun', { analysisrun: created.metadata?.name, type: created.metadata?.labels?.[LABEL.RolloutType] });
        return;
      }
      case ANALYSIS_ACTION.PatchAnalysisRun:
        await client.patchMerge(namespace, action.name, action.patch).catch(ignoreNotFound);
        return;
      case ANALYSIS_ACTION.DeleteAnalysisRun:
        await client.delete(namespace, action.name).catch(ignoreNotFound);
        return;
      case ANALYSIS_ACTION.AnalysisError:
        throw new Error(action.message);
    }
  }
}
