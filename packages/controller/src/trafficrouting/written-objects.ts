/**
 * Read-your-own-writes for router objects: remembers what our last write returned, so a reconcile that
 * runs before the informer caught up neither re-sends the same patch nor acts on pre-write state.
 * Share one instance per controller process.
 */
import { type CustomObject, compareResourceVersion } from '@serin/kube';

export class WrittenObjects {
  private readonly last = new Map<string, CustomObject>();

  private static key(kind: string, namespace: string, name: string): string {
    return `${kind}/${namespace}/${name}`;
  }

  record(kind: string, obj: CustomObject): void {
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name ?? '';
    if (name !== '') this.last.set(WrittenObjects.key(kind, ns, name), obj);
  }

  /** The cached object, or our newer write of it when the cache still holds an older resourceVersion. */
  freshest(kind: string, namespace: string, name: string, cached: CustomObject | undefined): CustomObject | undefined {
    const mine = this.last.get(WrittenObjects.key(kind, namespace, name));
    if (mine === undefined || cached === undefined) return cached;
    const cmp = compareResourceVersion(cached.metadata?.resourceVersion ?? '', mine.metadata?.resourceVersion ?? '');
    if (cmp === -1) return mine;
    this.last.delete(WrittenObjects.key(kind, namespace, name));
    return cached;
  }
}
