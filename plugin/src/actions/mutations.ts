// Single-patch mutations: promote, pause, abort, retry, terminate, restart.
// parity: argo-rollouts cmd/{promote,pause,abort,retry,terminate,restart}
import { buildPromotePatches, buildRestartPatch, Patch, validatePromoteFlags } from '@serin/core';
import type { PromoteOptions, RolloutLike } from '@serin/core';
import { isNotFound, PatchType, Resources } from '../kube/cluster.js';
import type { Cluster, ResourceType } from '../kube/cluster.js';
import type { ActionContext } from './context.js';
import { UserError } from './context.js';

/**
 * Status patch to the status subresource; on NotFound from it (a pre-subresource CRD) the unified body goes to
 * the main resource. parity: promote.go PromoteRollout / abort.go
 */
async function patchStatus(cluster: Cluster, rt: ResourceType, name: string, status: string, unified: string): Promise<'status' | 'unified'> {
  try {
    await cluster.patch(rt, cluster.namespace, name, PatchType.Merge, status, 'status');
    return 'status';
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await cluster.patch(rt, cluster.namespace, name, PatchType.Merge, unified);
    return 'unified';
  }
}

export async function promote(ctx: ActionContext, name: string, opts: PromoteOptions): Promise<void> {
  const flagError = validatePromoteFlags(undefined, opts);
  if (flagError !== undefined) throw new UserError(flagError);
  const cluster = await ctx.cluster();
  const ro = (await cluster.get(Resources.rollouts, cluster.namespace, name)) as RolloutLike;
  const rolloutError = validatePromoteFlags(ro, opts);
  if (rolloutError !== undefined) throw new UserError(rolloutError);
  const patches = buildPromotePatches(ro, opts);
  let spec = patches.spec;
  if (patches.status !== undefined) {
    const sent = await patchStatus(cluster, Resources.rollouts, name, patches.status, patches.unified);
    if (sent === 'unified') spec = undefined;
  }
  if (spec !== undefined) await cluster.patch(Resources.rollouts, cluster.namespace, name, PatchType.Merge, spec);
  ctx.io.out(opts.full === true ? `rollout '${name}' fully promoted\n` : `rollout '${name}' promoted\n`);
}

export async function pause(ctx: ActionContext, names: readonly string[]): Promise<void> {
  const cluster = await ctx.cluster();
  for (const name of names) {
    await cluster.patch(Resources.rollouts, cluster.namespace, name, PatchType.Merge, Patch.pause);
    ctx.io.out(`rollout '${name}' paused\n`);
  }
}

export async function abort(ctx: ActionContext, name: string): Promise<void> {
  const cluster = await ctx.cluster();
  await patchStatus(cluster, Resources.rollouts, name, Patch.abort, Patch.abort);
  ctx.io.out(`rollout '${name}' aborted\n`);
}

export async function retryRollout(ctx: ActionContext, name: string): Promise<void> {
  const cluster = await ctx.cluster();
  await patchStatus(cluster, Resources.rollouts, name, Patch.retryRollout, Patch.retryRollout);
  ctx.io.out(`rollout '${name}' retried\n`);
}

export async function retryExperiment(ctx: ActionContext, name: string): Promise<void> {
  const cluster = await ctx.cluster();
  await cluster.patch(Resources.experiments, cluster.namespace, name, PatchType.Merge, Patch.retryExperiment);
  ctx.io.out(`experiment '${name}' retried\n`);
}

export async function terminateAnalysisRun(ctx: ActionContext, name: string): Promise<void> {
  const cluster = await ctx.cluster();
  await cluster.patch(Resources.analysisRuns, cluster.namespace, name, PatchType.Merge, Patch.terminate);
  ctx.io.out(`analysisRun '${name}' terminated\n`);
}

/** Prints `retried` (sic): upstream's message, kept for parity (ADR 0006). */
export async function terminateExperiment(ctx: ActionContext, name: string): Promise<void> {
  const cluster = await ctx.cluster();
  await cluster.patch(Resources.experiments, cluster.namespace, name, PatchType.Merge, Patch.terminate);
  ctx.io.out(`experiment '${name}' retried\n`);
}

/** `restart [--in D]`: `in` is echoed as given (or `0s`). */
export async function restart(ctx: ActionContext, name: string, inText: string | undefined, inMs: number): Promise<void> {
  const cluster = await ctx.cluster();
  await cluster.patch(Resources.rollouts, cluster.namespace, name, PatchType.Merge, buildRestartPatch(ctx.now(), inMs));
  ctx.io.out(`rollout '${name}' restarts in ${inText !== undefined && inText !== '' ? inText : '0s'}\n`);
}
