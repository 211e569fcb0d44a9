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

/**
 * Patch each named object in turn and print one line per name; the first failure ends the command (earlier
 * lines stay printed, later names are not touched). parity: argo-rollouts cmd/abort, cmd/retry, cmd/terminate
 * (`for _, name := range args { … if err != nil { return err } … }`)
 */
async function eachName(ctx: ActionContext, names: readonly string[], patchOne: (cluster: Cluster, name: string) => Promise<unknown>, line: (name: string) => string): Promise<void> {
  const cluster = await ctx.cluster();
  for (const name of names) {
    await patchOne(cluster, name);
    ctx.io.out(line(name));
  }
}

export function abort(ctx: ActionContext, names: readonly string[]): Promise<void> {
  return eachName(ctx, names, (c, name) => patchStatus(c, Resources.rollouts, name, Patch.abort, Patch.abort), (name) => `rollout '${name}' aborted\n`);
}

export function retryRollout(ctx: ActionContext, names: readonly string[]): Promise<void> {
  return eachName(ctx, names, (c, name) => patchStatus(c, Resources.rollouts, name, Patch.retryRollout, Patch.retryRollout), (name) => `rollout '${name}' retried\n`);
}

export function retryExperiment(ctx: ActionContext, names: readonly string[]): Promise<void> {
  return eachName(ctx, names, (c, name) => c.patch(Resources.experiments, c.namespace, name, PatchType.Merge, Patch.retryExperiment), (name) => `experiment '${name}' retried\n`);
}

export function terminateAnalysisRun(ctx: ActionContext, names: readonly string[]): Promise<void> {
  return eachName(ctx, names, (c, name) => c.patch(Resources.analysisRuns, c.namespace, name, PatchType.Merge, Patch.terminate), (name) => `analysisRun '${name}' terminated\n`);
}

/** Prints `retried` (sic): upstream's message, kept for parity (ADR 0006). */
export function terminateExperiment(ctx: ActionContext, names: readonly string[]): Promise<void> {
  return eachName(ctx, names, (c, name) => c.patch(Resources.experiments, c.namespace, name, PatchType.Merge, Patch.terminate), (name) => `experiment '${name}' retried\n`);
}

export function pause(ctx: ActionContext, names: readonly string[]): Promise<void> {
  return eachName(ctx, names, (c, name) => c.patch(Resources.rollouts, c.namespace, name, PatchType.Merge, Patch.pause), (name) => `rollout '${name}' paused\n`);
}

/** `restart [--in D]`: `in` is echoed as given (or `0s`). */
export async function restart(ctx: ActionContext, name: string, inText: string | undefined, inMs: number): Promise<void> {
  const cluster = await ctx.cluster();
  await cluster.patch(Resources.rollouts, cluster.namespace, name, PatchType.Merge, buildRestartPatch(ctx.now(), inMs));
  ctx.io.out(`rollout '${name}' restarts in ${inText !== undefined && inText !== '' ? inText : '0s'}\n`);
}
