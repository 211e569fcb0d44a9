/**
 * Read-your-own-writes guard for reconcilers. After a successful write the reconciler records the
 * returned resourceVersion; the next reconcile of that key throws `StaleCacheError` (→ retry in
 * 100 ms) while the informer cache still holds an older version, instead of acting on pre-write state.
 *
 * resourceVersions compare as decimal integers without parsing: a shorter string is smaller,
 * equal lengths compare lexically ("9" < "10"). Malformed versions (empty, non-digits, leading
 * zero) never count as stale (fail open).
 * parity: argo-rollouts utils/resourceversion (tracker.go, compare.go)
 */

const wellFormed = /^[1-9][0-9]*$/;

/** -1 / 0 / 1, or undefined when either version is malformed. */
export function compareResourceVersion(a: string, b: string): -1 | 0 | 1 | undefined {
  if (!wellFormed.test(a) || !wellFormed.test(b)) return undefined;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

export class ResourceVersionTracker {
  private readonly lastWritten = new Map<string, string>();

  /** Remember `resourceVersion` as our latest write of `key` (ignored when empty). */
  record(key: string, resourceVersion: string | undefined): void {
    if (resourceVersion === undefined || resourceVersion === '') return;
    this.lastWritten.set(key, resourceVersion);
  }

  /** Drop the record (the object was deleted). */
  forget(key: string): void {
    this.lastWritten.delete(key);
  }

  /** True when the cached version is strictly older than our last write of `key`. */
  isCacheStale(key: string, cachedResourceVersion: string | undefined): boolean {
    if (cachedResourceVersion === undefined || cachedResourceVersion === '') return false;
    const last = this.lastWritten.get(key);
    if (last === undefined) return false;
    return compareResourceVersion(cachedResourceVersion, last) === -1;
  }
}
