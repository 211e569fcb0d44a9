// `list rollouts` / `list experiments`. parity: argo-rollouts cmd/list/list_rollouts.go, list_experiments.go
import type { ExperimentLike, RolloutLike } from '@serin/core';
import { Resources } from '../kube/cluster.js';
import type { Cluster, WatchEvent } from '../kube/cluster.js';
import { listTimestamp, renderExperimentTable, renderRolloutTable, rolloutRowCells, rolloutRowValues } from '../ui/list-view.js';
import type { ListColumns } from '../ui/list-view.js';
import { tabulate } from '../ui/tabwriter.js';
import { logrusLine } from '../ui/logrus.js';
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
  // Upstream writes watch rows into one tabwriter flushed every 500 ms, so rows of one burst align as a block.
  const pending: string[][] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length > 0) ctx.io.out(tabulate(pending.splice(0)));
  };
  try {
    await watchRows(cluster, ctx, ns, { resourceVersion: list.resourceVersion, ...(fieldSelector ? { fieldSelector } : {}) }, prev, (cells) => {
      pending.push(cells);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    }, cols);
  } finally {
    flush();
  }
}

/** Rows of watched rollouts whose values changed since last printed. */
function watchRows(
  cluster: Cluster,
  ctx: ActionContext,
  ns: string | undefined,
  q: { resourceVersion: string; fieldSelector?: string },
  prev: Map<string, string>,
  row: (cells: string[]) => void,
  cols: () => ListColumns,
): Promise<void> {
  return watchRollouts(cluster, ctx, ns, q, (e) => {
    // upstream prints any event that carries a Rollout (ADDED, MODIFIED, DELETED) when its row changed
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') return;
    const ro = e.object as RolloutLike;
    const key = `${ro.metadata?.namespace}/${ro.metadata?.name}`;
    const values = rolloutRowValues(ro).join('\t');
    if (prev.get(key) === values) return;
    prev.set(key, values);
    row(rolloutRowCells(ro, cols()));
  });
}

/**
 * Watch until Ctrl-C. The first watch failing ends the command with its error; afterwards a watch that ends is
 * re-established from the last resourceVersion seen, and a failed attempt logs a warning, waits 1 s and retries —
 * the 7th consecutive failure ends the command. A watch that delivered events counts as established (the count
 * restarts). parity: argo-rollouts cmd/list/list_rollouts.go (PrintRolloutUpdates)
 */
async function watchRollouts(
  cluster: Cluster,
  ctx: ActionContext,
  ns: string | undefined,
  q: { resourceVersion: string; fieldSelector?: string },
  onEvent: (e: WatchEvent) => void,
): Promise<void> {
  let rv = q.resourceVersion;
  let retries = 0;
  let first = true;
  while (!ctx.signal.aborted) {
    let events = 0;
    try {
      await cluster.watch(Resources.rollouts, ns, { ...q, resourceVersion: rv }, (e) => {
        events++;
        rv = e.object.metadata?.resourceVersion ?? rv;
        onEvent(e);
      }, ctx.signal);
      retries = 0;
    } catch (e) {
      if (events > 0) retries = 0;
      if ((first && events === 0) || retries > 5) throw e;
      ctx.io.err(logrusLine('warning', e instanceof Error ? e.message : String(e), ctx.now()));
      await ctx.sleep(1000, ctx.signal);
      retries++;
    }
    first = false;
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
