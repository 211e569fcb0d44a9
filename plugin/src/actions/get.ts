// `get rollout` / `get experiment`. parity: argo-rollouts cmd/get/get_rollout.go, get_experiment.go
import { renderExperiment, renderRollout } from '../ui/views.js';
import { colorEnabled } from '../ui/color.js';
import type { ActionContext } from './context.js';
import { loadExperimentInfo, loadRolloutInfo } from './snapshot.js';
import { watchFrames } from './watch.js';
import type { LiveSink } from './watch.js';

export interface GetOptions {
  readonly watch: boolean;
  readonly noColor: boolean;
  /** `--timeout-seconds` (rollout only); 0 = none. */
  readonly timeoutSeconds?: number;
  readonly live?: (initial: string) => LiveSink;
}

export async function getRollout(ctx: ActionContext, name: string, opts: GetOptions): Promise<void> {
  const cluster = await ctx.cluster();
  const color = colorEnabled(opts.noColor, ctx.env);
  const frame = async () => renderRollout((await loadRolloutInfo(cluster, cluster.namespace, name)).info, { nowMs: ctx.now(), color });
  if (!opts.watch) return ctx.io.out(await frame());
  await watchFrames(ctx, frame, { timeoutMs: (opts.timeoutSeconds ?? 0) * 1000, ...(opts.live ? { live: opts.live } : {}) });
}

export async function getExperiment(ctx: ActionContext, name: string, opts: GetOptions): Promise<void> {
  const cluster = await ctx.cluster();
  const color = colorEnabled(opts.noColor, ctx.env);
  const frame = async () => renderExperiment(await loadExperimentInfo(cluster, cluster.namespace, name), { nowMs: ctx.now(), color });
  if (!opts.watch) return ctx.io.out(await frame());
  await watchFrames(ctx, frame, opts.live ? { live: opts.live } : {});
}
