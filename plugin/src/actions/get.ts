// `get rollout` / `get experiment`. parity: argo-rollouts cmd/get/get_rollout.go, get_experiment.go
import { newExperimentInfo, newRolloutInfo } from '@serin/core';
import { renderExperiment, renderRollout } from '../ui/views.js';
import { colorEnabled } from '../ui/color.js';
import type { Cluster } from '../kube/cluster.js';
import type { ActionContext } from './context.js';
import { loadExperiment, loadRollout } from './snapshot.js';
import type { Snapshot } from './snapshot.js';
import { startChangeFeed } from './change-feed.js';
import { watchFrames } from './watch.js';
import type { LiveSink, WatchSource } from './watch.js';

export interface GetOptions {
  readonly watch: boolean;
  readonly noColor: boolean;
  /** `--timeout-seconds` (rollout only); 0 = none. */
  readonly timeoutSeconds?: number;
  readonly live?: (initial: string) => LiveSink;
}

function source<T>(cluster: Cluster, fetch: () => Promise<Snapshot<T>>, render: (s: Snapshot<T>, nowMs: number) => string): WatchSource<Snapshot<T>> {
  return { fetch, render, feed: (s) => startChangeFeed(cluster, cluster.namespace, s.watches) };
}

export async function getRollout(ctx: ActionContext, name: string, opts: GetOptions): Promise<void> {
  const cluster = await ctx.cluster();
  const color = colorEnabled(opts.noColor, ctx.env);
  const src = source(cluster, () => loadRollout(cluster, cluster.namespace, name), (s, nowMs) => renderRollout(newRolloutInfo(s.root, s.objects), { nowMs, color }));
  if (!opts.watch) return ctx.io.out(src.render(await src.fetch(), ctx.now()));
  await watchFrames(ctx, src, { timeoutMs: (opts.timeoutSeconds ?? 0) * 1000, ...(opts.live ? { live: opts.live } : {}) });
}

export async function getExperiment(ctx: ActionContext, name: string, opts: GetOptions): Promise<void> {
  const cluster = await ctx.cluster();
  const color = colorEnabled(opts.noColor, ctx.env);
  const src = source(cluster, () => loadExperiment(cluster, cluster.namespace, name), (s, nowMs) => renderExperiment(newExperimentInfo(s.root, s.objects), { nowMs, color }));
  if (!opts.watch) return ctx.io.out(src.render(await src.fetch(), ctx.now()));
  await watchFrames(ctx, src, opts.live ? { live: opts.live } : {});
}
