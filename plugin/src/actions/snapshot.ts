// Reads a rollout or experiment and everything its tree shows, in one round of parallel calls, keeping the
// resourceVersions so a watch can continue from exactly this state.
import type { ExperimentLike, InfoObjects, RolloutLike } from '@serin/core';
import { isNotFound, Resources } from '../kube/cluster.js';
import type { Cluster, KubeObject } from '../kube/cluster.js';
import { UserError } from './context.js';
import type { WatchSpec } from './change-feed.js';

export interface Snapshot<T> {
  readonly root: T;
  readonly objects: InfoObjects;
  /** Watches covering the root object and every listed kind, from the versions read. */
  readonly watches: readonly WatchSpec[];
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

/**
 * A Rollout with `spec.workloadRef` also reads the Deployment of that name (whatever the kind says); upstream's
 * view fails with the lister's `deployment.apps "<name>" not found` when it is missing.
 * parity: argo-rollouts pkg/kubectl-argo-rollouts/viewcontroller/viewcontroller.go (GetRolloutInfo)
 */
async function checkWorkloadRef(cluster: Cluster, ns: string, root: KubeObject): Promise<void> {
  const ref = (root as { spec?: { workloadRef?: { name?: string } | null } }).spec?.workloadRef;
  if (ref === undefined || ref === null) return;
  const name = ref.name ?? '';
  const missing = new UserError(`deployment.apps "${name}" not found`);
  if (name === '') throw missing;
  try {
    await cluster.get(Resources.deployments, ns, name);
  } catch (e) {
    if (isNotFound(e)) throw missing;
    throw e;
  }
}

async function load(cluster: Cluster, rt: typeof Resources.rollouts | typeof Resources.experiments, ns: string, name: string): Promise<Snapshot<KubeObject>> {
  const [root, replicaSets, pods, experiments, analysisRuns] = await Promise.all([
    getForView(cluster, rt, ns, name),
    cluster.list(Resources.replicaSets, ns),
    cluster.list(Resources.pods, ns),
    cluster.list(Resources.experiments, ns),
    cluster.list(Resources.analysisRuns, ns),
  ]);
  if (rt === Resources.rollouts) await checkWorkloadRef(cluster, ns, root);
  const watches: WatchSpec[] = [
    { rt: Resources.replicaSets, resourceVersion: replicaSets.resourceVersion },
    { rt: Resources.pods, resourceVersion: pods.resourceVersion },
    { rt: Resources.experiments, resourceVersion: experiments.resourceVersion },
    { rt: Resources.analysisRuns, resourceVersion: analysisRuns.resourceVersion },
  ];
  if (rt === Resources.rollouts) {
    watches.unshift({ rt, resourceVersion: root.metadata?.resourceVersion ?? '', query: { fieldSelector: `metadata.name=${name}` } });
  }
  return {
    root,
    objects: { replicaSets: replicaSets.items, pods: pods.items, experiments: experiments.items, analysisRuns: analysisRuns.items },
    watches,
  };
}

export const loadRollout = (cluster: Cluster, ns: string, name: string) => load(cluster, Resources.rollouts, ns, name) as Promise<Snapshot<RolloutLike>>;
export const loadExperiment = (cluster: Cluster, ns: string, name: string) => load(cluster, Resources.experiments, ns, name) as Promise<Snapshot<ExperimentLike>>;
