/**
 * Creating a canary step's Experiment with upstream's collision handling: on AlreadyExists, adopt the existing one
 * when it is ours, not finished and semantically equal (ignoring `terminate`); otherwise retry as `<name>-1`, `-2`, …
 * parity: argo-rollouts rollout/experiment.go createExperimentWithCollisionHandling
 */
import type { Experiment } from '@serin/api';
import { isAnalysisPhaseCompleted } from '@serin/api';
import { isSemanticallyEqualExperimentSpec, stepExperimentCollisionName } from '@serin/core';
import { type ResourceClient, isAlreadyExists } from '@serin/kube';

/** Give up after this many collisions (upstream loops without bound). */
const MAX_COLLISIONS = 100;

export async function createExperimentWithCollisionCounter(client: ResourceClient<Experiment>, ex: Experiment): Promise<Experiment> {
  const namespace = ex.metadata?.namespace ?? '';
  const baseName = ex.metadata?.name ?? '';
  const ownerUid = (e: Experiment): string | undefined => e.metadata?.ownerReferences?.find((o) => o.controller === true)?.uid;
  let candidate = ex;
  for (let n = 1; n <= MAX_COLLISIONS; n++) {
    try {
      return await client.create(namespace, candidate);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const existing = await client.get(namespace, candidate.metadata?.name ?? '');
    if (!isAnalysisPhaseCompleted(existing.status?.phase) && isSemanticallyEqualExperimentSpec(existing.spec, candidate.spec) && ownerUid(existing) !== undefined && ownerUid(existing) === ownerUid(ex)) return existing;
    candidate = { ...ex, metadata: { ...ex.metadata, name: stepExperimentCollisionName(baseName, n) } };
  }
  throw new Error(`too many name collisions for experiment ${baseName}`);
}
