// `list rollouts` / `list experiments`. parity: argo-rollouts cmd/list/list_rollouts.go, list_experiments.go
import type { ExperimentLike, RolloutLike } from '@serin/core';
import { Resources } from '../kube/cluster.js';
import type { Cluster, WatchEvent } from '../kube/cluster.js';
import { listTimestamp, renderExperimentTable, renderRolloutTable, rolloutRowCells, rolloutRowValues } from '../ui/list-view.js';
import { tabulate } from '../ui/tabwriter.js';
import type { ActionContext } from './context.js';

export interface ListRolloutsOptions {
  readonly name?: string;
  readonly allNamespaces: boolean;
  readonly watch: boolean;
  readonly timestamps: boolean;
}

/** Table, or `No resources found.` on stderr when empty (unless watching); `-w` then prints changed rows only. */
export async function listRollouts(ctx: ActionContext, opts: ListRolloutsOptions): Promise<void> {
  const cluster = await ctx.cluster();
  const ns = opts.allNamespaces ? undefined : cluster.namespace;
  const fieldSelector = opts.name !== undefined && opts.name !== '' ? `metadata.name=${opts.name}` : undefined;
  const list = await cluster.list(Resources.rollouts, ns, fieldSelector ? { fieldSelector } : {});
  const cols = () => ({ allNamespaces: opts.allNamespaces, ...(opts.timestamps ? { timestamp: listTimestamp(ctx.now()) } : {}) });
  if (list.items.length === 0 && !opts.watch) {
    ctx.io.err('No resources found.\n');
    return;
  }
  ctx.io.out(renderRolloutTable(list.items as RolloutLike[], cols()));
  if (!opts.watch) return;
  const prev = new Map<string, string>();
  for (const ro of list.items) prev.set(`${ro.metadata?.namespace}/${ro.metadata?.name}`, rolloutRowValues(ro as RolloutLike).join('\t'));
  await watchRollouts(cluster, ctx, ns, { resourceVersion: list.resourceVersion, ...(fieldSelector ? { fieldSelector } : {}) }, (e) => {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
    const ro = e.object as RolloutLike;
    const key = `${ro.metadata?.namespace}/${ro.metadata?.name}`;
    const values = rolloutRowValues(ro).join('\t');
    if (prev.get(key) === values) return;
    prev.set(key, values);
    ctx.io.out(tabulate([rolloutRowCells(ro, cols())]));
  });
}

/** Watch until Ctrl-C, re-establishing the stream up to 5 times on errors. */
async function watchRollouts(
  cluster: Cluster,
  ctx: ActionContext,
  ns: string | undefined,
  q: { resourceVersion: string; fieldSelector?: string },
  onEvent: (e: WatchEvent) => void,
): Promise<void> {
  let rv = q.resourceVersion;
  let retries = 0;
  while (!ctx.signal.aborted) {
    try {
      await cluster.watch(Resources.rollouts, ns, { ...q, resourceVersion: rv }, (e) => {
        rv = e.object.metadata?.resourceVersion ?? rv;
        onEvent(e);
      }, ctx.signal);
    } catch (e) {
      if (retries++ > 5) throw e;
      await ctx.sleep(1000, ctx.signal);
    }
  }
}

export async function listExperiments(ctx: ActionContext, opts: { allNamespaces: boolean }): Promise<void> {
  const cluster = await ctx.cluster();
  const list = await cluster.list(Resources.experiments, opts.allNamespaces ? undefined : cluster.namespace);
  if (list.items.length === 0) {
    ctx.io.err('No resources found.\n');
    return;
  }
  ctx.io.out(renderExperimentTable(list.items as ExperimentLike[], ctx.now(), opts.allNamespaces));
}
