// Change notifications for `get -w`: one API watch per kind the tree shows, started from the resourceVersions
// of the snapshot's LISTs. Any event marks the view dirty (refetch); a watch that fails or reports ERROR (e.g.
// 410 Gone) switches the feed to `degraded`, and the caller falls back to refetching on every tick.
import type { Cluster, ListQuery, ResourceType } from '../kube/cluster.js';

export interface WatchSpec {
  readonly rt: ResourceType;
  readonly resourceVersion: string;
  readonly query?: ListQuery;
}

export interface ChangeFeed {
  /** Something changed since the last `take()`; resets the flag. */
  take(): boolean;
  /** Resolves on the next change, or when `signal` aborts. */
  next(signal: AbortSignal): Promise<void>;
  /** A watch failed: changes may be missed. */
  readonly degraded: () => boolean;
  stop(): void;
}

export function startChangeFeed(cluster: Cluster, namespace: string, specs: readonly WatchSpec[]): ChangeFeed {
  const abort = new AbortController();
  let dirty = false;
  let degraded = false;
  let waiters: (() => void)[] = [];
  const notify = () => {
    dirty = true;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  for (const spec of specs) {
    void (async () => {
      let rv = spec.resourceVersion;
      while (!abort.signal.aborted && !degraded) {
        try {
          await cluster.watch(spec.rt, namespace, { ...spec.query, resourceVersion: rv }, (e) => {
            if (e.type === 'ERROR') {
              degraded = true;
              return notify();
            }
            rv = e.object.metadata?.resourceVersion ?? rv;
            if (e.type !== 'BOOKMARK') notify();
          }, abort.signal);
        } catch {
          if (!abort.signal.aborted) degraded = true;
          notify();
        }
      }
    })();
  }
  return {
    take: () => {
      const was = dirty;
      dirty = false;
      return was;
    },
    next: (signal) =>
      new Promise<void>((resolve) => {
        if (dirty || signal.aborted) return resolve();
        waiters.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    degraded: () => degraded,
    stop: () => abort.abort(),
  };
}
