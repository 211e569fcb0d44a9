// Reads a rollout or experiment and everything its tree shows, in one round of parallel LIST calls.
import { newExperimentInfo, newRolloutInfo } from '@serin/core';
import type { ExperimentInfo, InfoObjects, RolloutInfo, RolloutLike, ExperimentLike } from '@serin/core';
import { isNotFound, Resources } from '../kube/cluster.js';
import type { Cluster, KubeObject } from '../kube/cluster.js';
import { UserError } from './context.js';

async function namespaceObjects(cluster: Cluster, ns: string): Promise<InfoObjects> {
  const [replicaSets, pods, experiments, analysisRuns] = await Promise.all([
    cluster.list(Resources.replicaSets, ns),
    cluster.list(Resources.pods, ns),
    cluster.list(Resources.experiments, ns),
    cluster.list(Resources.analysisRuns, ns),
  ]);
  return { replicaSets: replicaSets.items, pods: pods.items, experiments: experiments.items, analysisRuns: analysisRuns.items };
}

/**
 * `get`/`status` read through upstream's informer lister, so a missing object reads
 * `rollout.argoproj.io "<name>" not found` (singular), unlike API verbs.
 */
async function getForView(cluster: Cluster, rt: typeof Resources.rollouts | typeof Resources.experiments, ns: string, name: string): Promise<KubeObject> {
  try {
    return await cluster.get(rt, ns, name);
  } catch (e) {
    if (isNotFound(e)) throw new UserError(`${rt.kind.toLowerCase()}.argoproj.io "${name}" not found`);
    throw e;
  }
}

export async function loadRolloutInfo(cluster: Cluster, ns: string, name: string): Promise<{ rollout: RolloutLike; info: RolloutInfo }> {
  const [ro, objects] = await Promise.all([getForView(cluster, Resources.rollouts, ns, name), namespaceObjects(cluster, ns)]);
  return { rollout: ro, info: newRolloutInfo(ro, objects) };
}

export async function loadExperimentInfo(cluster: Cluster, ns: string, name: string): Promise<ExperimentInfo> {
  const [exp, objects] = await Promise.all([getForView(cluster, Resources.experiments, ns, name), namespaceObjects(cluster, ns)]);
  return newExperimentInfo(exp as ExperimentLike, objects);
}
