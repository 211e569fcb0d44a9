/**
 * Creating a Rollout's AnalysisRun with upstream's collision counter: on AlreadyExists, adopt the existing run when
 * it is ours (same controller, semantically equal, not completed), otherwise retry as `<name>.1`, `<name>.2`, …
 * parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter
 */
import type { AnalysisRun } from '@serin/api';
import { analysisRunCollisionName, canAdoptExistingRun } from '@serin/core';
import { type Logger, type ResourceClient, isAlreadyExists, silentLogger } from '@serin/kube';

/** Give up after this many collisions (upstream loops without bound). */
const MAX_COLLISIONS = 100;

export async function createAnalysisRunWithCollisionCounter(client: ResourceClient<AnalysisRun>, run: AnalysisRun, logger: Logger = silentLogger): Promise<AnalysisRun> {
  if (!(run.metadata?.ownerReferences ?? []).some((o) => o.controller === true)) throw new Error('Supplied run does not have an owner reference');
  const namespace = run.metadata?.namespace ?? '';
  const baseName = run.metadata?.name ?? '';
  let candidate = run;
  for (let collisions = 1; collisions <= MAX_COLLISIONS; collisions++) {
    try {
      return await client.create(namespace, candidate);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    const existing = await client.get(namespace, candidate.metadata?.name ?? '');
    const adopt = canAdoptExistingRun(existing, candidate);
    logger.info('encountered collision of existing analysisrun', { analysisrun: existing.metadata?.name, phase: existing.status?.phase, adopt });
    if (adopt) return existing;
    candidate = { ...run, metadata: { ...run.metadata, name: analysisRunCollisionName(baseName, collisions) } };
  }
  throw new Error(`too many name collisions for analysis run ${baseName}`);
}
