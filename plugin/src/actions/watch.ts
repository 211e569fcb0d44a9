// Watch loop shared by `get rollout -w` and `get experiment -w`. Data is refetched when the change feed reports
// a change (coalesced: at most one refetch per 200 ms) — or every tick if the feed is degraded or absent; the
// frame is re-rendered every second from the cached data so ages advance (upstream's 1 s ticker). A degraded feed
// is restarted from the refetched versions; a failed refetch keeps the last data (a warning line on stderr).
// On a terminal
// the frame goes to the live view; otherwise a frame is printed only when it differs from the last one.
import type { ActionContext } from './context.js';
import type { ChangeFeed } from './change-feed.js';
import { logrusLine } from '../ui/logrus.js';

export interface LiveSink {
  update(text: string): void;
  stop(): void;
}

export interface WatchSource<T> {
  /** Read everything the view shows (one GET + LISTs). */
  fetch(): Promise<T>;
  /** Pure rendering of fetched data at a time. */
  render(data: T, nowMs: number): string;
  /** Change notifications started after the first fetch; undefined = poll every tick. */
  feed?(data: T): ChangeFeed | undefined;
}

export interface WatchOptions {
  /** Stop after this long (exit 0); undefined = until Ctrl-C. */
  readonly timeoutMs?: number;
  readonly tickMs?: number;
  readonly coalesceMs?: number;
  /** Live terminal renderer (Ink); without it frames are printed to stdout when they change. */
  readonly live?: (initial: string) => LiveSink;
}

export interface WatchStats {
  readonly frames: number;
  readonly fetches: number;
}

export async function watchFrames<T>(ctx: ActionContext, source: WatchSource<T>, opts: WatchOptions): Promise<WatchStats> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const deadline = opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? ctx.now() + opts.timeoutMs : undefined;
  const tick = opts.tickMs ?? 1000;
  let sink: LiveSink | undefined;
  let last: string | undefined;
  let frames = 0;
  let fetches = 1;
  let data = await source.fetch();
  let feed = source.feed?.(data);
  try {
    while (!stop.signal.aborted) {
      const text = source.render(data, ctx.now());
      if (text !== last) {
        if (opts.live !== undefined) {
          if (sink === undefined) sink = opts.live(text);
          else sink.update(text);
        } else ctx.io.out(text);
        last = text;
        frames++;
      }
      const left = deadline === undefined ? Infinity : deadline - ctx.now();
      if (left <= 0) break;
      // Sleep until the tick, or until a change arrives (then let a burst settle for coalesceMs).
      const wake = new AbortController();
      const relay = () => wake.abort();
      stop.signal.addEventListener('abort', relay, { once: true });
      const changed = feed?.next(wake.signal).then(() => {
        if (!wake.signal.aborted) wake.abort();
      });
      await ctx.sleep(Math.min(tick, left), wake.signal);
      const woke = wake.signal.aborted && !stop.signal.aborted;
      wake.abort();
      await changed;
      stop.signal.removeEventListener('abort', relay);
      if (stop.signal.aborted) break;
      if (woke) await ctx.sleep(Math.min(opts.coalesceMs ?? 200, Math.max(0, left)), stop.signal);
      if (deadline !== undefined && ctx.now() >= deadline) break;
      const degraded = feed?.degraded() === true;
      if (feed === undefined || degraded || feed.take()) {
        fetches++;
        try {
          data = await source.fetch();
        } catch (e) {
          // Upstream's view controller logs the failed refresh (`log.Warn`) and keeps showing the last view,
          // e.g. after the rollout was deleted. The live view owns the terminal, so the line is printed only
          // without it.
          if (opts.live === undefined) ctx.io.err(logrusLine('warning', e instanceof Error ? e.message : String(e), ctx.now()));
        }
      }
      // A failed watch (e.g. 410 Gone) restarts from the versions just read.
      if (degraded) {
        feed?.stop();
        feed = source.feed?.(data);
      }
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    feed?.stop();
    sink?.stop();
  }
  return { frames, fetches };
}
