/**
 * The canary reconciler's analysis stage (actor side): the AnalysisRuns and templates the snapshot carries, and
 * the run writes the plan decides (create with upstream's collision counter, cancel, delete).
 * parity: argo-rollouts rollout/analysis.go (createAnalysisRun, cancelAnalysisRuns, deleteAnalysisRuns)
 */
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate } from '@serin/api';
import { LABEL } from '@serin/api';
import { ANALYSIS_ACTION, type CanaryAnalysisAction, type CanaryAnalysisInputs, type TemplateLookup } from '@serin/core';
import { type Lister, type Logger, type ResourceClient, StaleCacheError, isNotFound } from '@serin/kube';
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
  /** Rollout uid → `namespace/name` of runs we created that the cache has not shown yet. */
  private readonly pending = new Map<string, Set<string>>();

  constructor(private readonly deps: CanaryAnalysisDeps) {
    this.templates = {
      analysisTemplate: (namespace, name) => deps.analysisTemplates.get(namespace, name),
      clusterAnalysisTemplate: (name) => deps.clusterAnalysisTemplates?.get('', name),
    };
  }

  /**
   * The runs controlled by the rollout with `uid`, and the template lookup. Throws StaleCacheError while a run we
   * created is not in the cache yet (planning without it would create it again — or a `.1` copy if it already
   * finished).
   */
  inputs(uid: string): CanaryAnalysisInputs {
    const pending = this.pending.get(uid);
    for (const key of pending ?? []) {
      const [namespace = '', name = ''] = key.split('/');
      if (this.deps.analysisRuns.get(namespace, name) === undefined) throw new StaleCacheError();
      pending?.delete(key);
    }
    if (pending?.size === 0) this.pending.delete(uid);
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
        const owner = (created.metadata?.ownerReferences ?? []).find((r) => r.controller === true)?.uid ?? '';
        this.pending.set(owner, (this.pending.get(owner) ?? new Set<string>()).add(`${created.metadata?.namespace ?? namespace}/${created.metadata?.name ?? ''}`));
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
