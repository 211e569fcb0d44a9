/**
 * Remembers the resourceVersion of objects this controller wrote, so that a reconcile started from a cache that
 * has not yet seen our own write is retried instead of acting twice (e.g. emitting RolloutStepCompleted twice).
 * parity: argo-rollouts utils/controller (rolloutVersionTracker, IsCacheStale)
 */
import type { KubeObject } from '@serin/kube';

function parseRv(rv: string | undefined): bigint | undefined {
  return rv !== undefined && /^\d+$/.test(rv) ? BigInt(rv) : undefined;
}

export class VersionTracker {
  private readonly written = new Map<string, bigint>();

  /** After a write: the server's resourceVersion for `key`. */
  record(key: string, obj: KubeObject | undefined): void {
    const rv = parseRv(obj?.metadata?.resourceVersion);
    if (rv === undefined) return;
    const prev = this.written.get(key);
    if (prev === undefined || rv > prev) this.written.set(key, rv);
  }

  /** The cached object predates our last write to it (numeric resourceVersions only). Forgets once caught up. */
  isStale(key: string, cached: KubeObject | undefined): boolean {
    const mine = this.written.get(key);
    if (mine === undefined) return false;
    const rv = parseRv(cached?.metadata?.resourceVersion);
    if (rv === undefined) return false;
    if (rv < mine) return true;
    this.written.delete(key);
    return false;
  }

  forget(key: string): void {
    this.written.delete(key);
  }
}
