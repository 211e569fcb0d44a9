// Watch loop shared by `get rollout -w` and `get experiment -w`: rebuild the frame every tick (ages advance
// each second, as upstream's 1 s ticker), show it live on a terminal, or print it only when it changed.
import type { ActionContext } from './context.js';

export interface LiveSink {
  update(text: string): void;
  stop(): void;
}

export interface WatchOptions {
  /** Stop after this long (exit 0); undefined = until Ctrl-C. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Live terminal renderer (Ink); without it frames are printed to stdout when they change. */
  readonly live?: (initial: string) => LiveSink;
}

/** Returns the number of frames shown. */
export async function watchFrames(ctx: ActionContext, frame: () => Promise<string>, opts: WatchOptions): Promise<number> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const deadline = opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? ctx.now() + opts.timeoutMs : undefined;
  let sink: LiveSink | undefined;
  let last: string | undefined;
  let shown = 0;
  try {
    while (!stop.signal.aborted) {
      const text = await frame();
      if (text !== last) {
        if (opts.live !== undefined) {
          if (sink === undefined) sink = opts.live(text);
          else sink.update(text);
        } else ctx.io.out(text);
        last = text;
        shown++;
      }
      const wait = opts.intervalMs ?? 1000;
      if (deadline !== undefined) {
        const left = deadline - ctx.now();
        if (left <= 0) break;
        await ctx.sleep(Math.min(wait, left), stop.signal);
        if (ctx.now() >= deadline) break;
      } else await ctx.sleep(wait, stop.signal);
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    sink?.stop();
  }
  return shown;
}
