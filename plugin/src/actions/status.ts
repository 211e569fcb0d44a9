// `status`. parity: argo-rollouts cmd/status/status.go
import type { ActionContext } from './context.js';
import { UserError } from './context.js';
import { newRolloutInfo } from '@serin/core';
import { loadRollout } from './snapshot.js';

export interface StatusOptions {
  /** default true */
  readonly watch: boolean;
  /** 0 = forever */
  readonly timeoutMs: number;
  readonly intervalMs?: number;
}

const done = (phase: string) => phase === 'Healthy' || phase === 'Degraded';

/**
 * `--watch=false`: print `<Phase>` (Healthy/Degraded) or `<Phase> - <message>`. Watch: print each distinct
 * `<Phase>[ - <message>]` until Healthy or Degraded. Degraded → error with the message; watch that ends
 * otherwise (timeout, Ctrl-C) → `Rollout status watch exceeded timeout`.
 */
export async function rolloutStatus(ctx: ActionContext, name: string, opts: StatusOptions): Promise<void> {
  const cluster = await ctx.cluster();
  const read = async () => {
    const s = await loadRollout(cluster, cluster.namespace, name);
    return newRolloutInfo(s.root, s.objects);
  };
  let info = await read();
  if (!opts.watch) {
    ctx.io.out(done(info.status) ? `${info.status}\n` : `${info.status} - ${info.message}\n`);
  } else {
    const deadline = opts.timeoutMs > 0 ? ctx.now() + opts.timeoutMs : undefined;
    let prev = '';
    for (;;) {
      const line = info.message !== '' ? `${info.status} - ${info.message}` : info.status;
      if (line !== prev) {
        ctx.io.out(`${line}\n`);
        prev = line;
      }
      if (done(info.status) || ctx.signal.aborted) break;
      const wait = Math.min(opts.intervalMs ?? 1000, deadline !== undefined ? deadline - ctx.now() : Infinity);
      if (wait <= 0) break;
      await ctx.sleep(wait, ctx.signal);
      if (ctx.signal.aborted || (deadline !== undefined && ctx.now() >= deadline)) break;
      info = await read();
    }
  }
  if (info.status === 'Degraded') throw new UserError(`The rollout is in a degraded state with message: ${info.message}`);
  if (info.status !== 'Healthy' && opts.watch) throw new UserError('Rollout status watch exceeded timeout');
}
