/**
 * The canary reconciler's experiment stage (actor side): the Experiments the snapshot carries, and the writes the
 * plan decides (create with upstream's collision counter, terminate, delete).
 * parity: argo-rollouts rollout/experiment.go (createExperimentWithCollisionHandling, cancelExperiments,
 *         deleteExperiments)
 */
import type { Experiment } from '@serin/api';
import { EXPERIMENT_ACTION, type CanaryExperimentAction } from '@serin/core';
import { type Lister, type Logger, type ResourceClient, StaleCacheError, isNotFound } from '@serin/kube';
import { createExperimentWithCollisionCounter } from '../experiment/create-experiment.js';

export interface CanaryExperimentDeps {
  readonly experiments: Lister<Experiment>;
  readonly experimentClient: ResourceClient<Experiment>;
}

const isControlledBy = (obj: Experiment, uid: string): boolean => (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

export class CanaryExperimentStage {
  /** Rollout uid → `namespace/name` of Experiments we created that the cache has not shown yet. */
  private readonly pending = new Map<string, Set<string>>();

  constructor(private readonly deps: CanaryExperimentDeps) {}

  /**
   * The Experiments controlled by the rollout with `uid`. Throws StaleCacheError while one we created is not in
   * the cache yet (planning without it would create it again, or a `-1` copy once it finished).
   */
  inputs(uid: string): readonly Experiment[] {
    const pending = this.pending.get(uid);
    for (const key of pending ?? []) {
      const [namespace = '', name = ''] = key.split('/');
      if (this.deps.experiments.get(namespace, name) === undefined) throw new StaleCacheError();
      pending?.delete(key);
    }
    if (pending?.size === 0) this.pending.delete(uid);
    return this.deps.experiments.ownedBy(uid).filter((e) => isControlledBy(e, uid));
  }

  /** One planned Experiment write; one that is already gone is fine. `experimentError` fails the reconcile. */
  async execute(namespace: string, action: CanaryExperimentAction, log: Logger): Promise<void> {
    const client = this.deps.experimentClient;
    const ignoreNotFound = (err: unknown): void => {
      if (!isNotFound(err)) throw err;
    };
    switch (action.kind) {
      case EXPERIMENT_ACTION.CreateExperiment: {
        const created = await createExperimentWithCollisionCounter(client, action.experiment);
        const owner = (created.metadata?.ownerReferences ?? []).find((r) => r.controller === true)?.uid ?? '';
        this.pending.set(owner, (this.pending.get(owner) ?? new Set<string>()).add(`${created.metadata?.namespace ?? namespace}/${created.metadata?.name ?? ''}`));
        if (created.metadata?.name !== action.experiment.metadata?.name) {
          // a foreign namesake: the status names the planned one; the next reconcile resumes this one by name
          log.warn('experiment name collision', { planned: action.experiment.metadata?.name, experiment: created.metadata?.name });
        } else log.info('created experiment', { experiment: created.metadata?.name });
        return;
      }
      case EXPERIMENT_ACTION.PatchExperiment:
        log.info('terminating experiment', { experiment: action.name });
        await client.patchMerge(namespace, action.name, action.patch).catch(ignoreNotFound);
        return;
      case EXPERIMENT_ACTION.DeleteExperiment:
        log.info('deleting experiment', { experiment: action.name });
        await client.delete(namespace, action.name).catch(ignoreNotFound);
        return;
      case EXPERIMENT_ACTION.ExperimentError:
        throw new Error(action.message);
    }
  }
}
