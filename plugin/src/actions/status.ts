// `status`. parity: argo-rollouts cmd/status/status.go
import { newRolloutInfo } from '@serin/core';
import type { RolloutInfo } from '@serin/core';
import type { ActionContext } from './context.js';
import { UserError } from './context.js';
import { loadRollout } from './snapshot.js';
import { logrusLine } from '../ui/logrus.js';
import { startChangeFeed } from './change-feed.js';

export interface StatusOptions {
  /** default true */
  readonly watch: boolean;
  /** 0 = forever */
  readonly timeoutMs: number;
  /** Refetch period while the change feed is degraded. */
  readonly intervalMs?: number;
}

const done = (phase: string) => phase === 'Healthy' || phase === 'Degraded';

/**
 * `--watch=false`: print `<Phase>` (Healthy/Degraded) or `<Phase> - <message>`. Watch: print each distinct
 * `<Phase>[ - <message>]` until Healthy or Degraded, re-reading when a watch reports a change. Degraded → error
 * with the message; a watch that ends otherwise (timeout, Ctrl-C) → `Rollout status watch exceeded timeout`.
 */
export async function rolloutStatus(ctx: ActionContext, name: string, opts: StatusOptions): Promise<void> {
  const cluster = await ctx.cluster();
  let snapshot = await loadRollout(cluster, cluster.namespace, name);
  let info: RolloutInfo = newRolloutInfo(snapshot.root, snapshot.objects);
  if (!opts.watch) {
    ctx.io.out(done(info.status) ? `${info.status}\n` : `${info.status} - ${info.message}\n`);
  } else {
    const deadline = opts.timeoutMs > 0 ? ctx.now() + opts.timeoutMs : undefined;
    const feed = startChangeFeed(cluster, cluster.namespace, snapshot.watches);
    let prev = '';
    try {
      for (;;) {
        const line = info.message !== '' ? `${info.status} - ${info.message}` : info.status;
        if (line !== prev) {
          ctx.io.out(`${line}\n`);
          prev = line;
        }
        if (done(info.status) || ctx.signal.aborted) break;
        const left = deadline !== undefined ? deadline - ctx.now() : Infinity;
        if (left <= 0) break;
        const wake = new AbortController();
        const relay = () => wake.abort();
        ctx.signal.addEventListener('abort', relay, { once: true });
        const changed = feed.next(wake.signal).then(() => wake.abort());
        await ctx.sleep(Math.min(feed.degraded() ? (opts.intervalMs ?? 1000) : 60_000, left), wake.signal);
        wake.abort();
        await changed;
        ctx.signal.removeEventListener('abort', relay);
        if (ctx.signal.aborted || (deadline !== undefined && ctx.now() >= deadline)) break;
        if (feed.take() || feed.degraded()) {
          try {
            snapshot = await loadRollout(cluster, cluster.namespace, name);
            info = newRolloutInfo(snapshot.root, snapshot.objects);
          } catch (e) {
            // parity: argo-rollouts viewcontroller processNextWorkItem — a failed refresh (e.g. the rollout was
            // deleted) is logged and the watch goes on with the last status until Healthy/Degraded or the timeout
            ctx.io.err(logrusLine('warning', e instanceof Error ? e.message : String(e), ctx.now()));
          }
        }
      }
    } finally {
      feed.stop();
    }
  }
  if (info.status === 'Degraded') throw new UserError(`The rollout is in a degraded state with message: ${info.message}`);
  if (info.status !== 'Healthy' && opts.watch) throw new UserError('Rollout status watch exceeded timeout');
}
