/**
 * What an informer needs from the API: a LIST (label/field selectors baked in) and a WATCH from a
 * resourceVersion. `listWatch` builds one over a Transport for a resource in a namespace ('' = all).
 */
import type { KubeList, KubeObject } from './object.js';
import { resourceClient } from './resource-client.js';
import { type ResourceDescriptor, resourcePath } from './resources.js';
import type { Transport, WatchEvent, WatchHandle } from './transport.js';

export interface ListerWatcher<T extends KubeObject> {
  list(): Promise<KubeList<T>>;
  watch(resourceVersion: string, onEvent: (event: WatchEvent) => void, onDone: (err: unknown) => void): Promise<WatchHandle>;
}

export interface ListWatchOptions {
  /** '' or undefined: all namespaces (cluster-scoped kinds ignore it). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** `timeoutSeconds` on each watch: the server ends it and the informer re-watches (0 = none). */
  readonly watchTimeoutSeconds?: number;
}

export const DefaultWatchTimeoutSeconds = 300;

export function listWatch<T extends KubeObject>(transport: Transport, resource: ResourceDescriptor, options: ListWatchOptions = {}): ListerWatcher<T> {
  const client = resourceClient<T>(transport, resource);
  const selectors = {
    ...(options.labelSelector === undefined || options.labelSelector === '' ? {} : { labelSelector: options.labelSelector }),
    ...(options.fieldSelector === undefined || options.fieldSelector === '' ? {} : { fieldSelector: options.fieldSelector }),
  };
  return {
    list: () => client.list(options.namespace, selectors),
    watch: (resourceVersion, onEvent, onDone) =>
      transport.watch(
        resourcePath(resource, options.namespace),
        {
          ...selectors,
          resourceVersion,
          allowWatchBookmarks: 'true',
          ...(options.watchTimeoutSeconds === undefined || options.watchTimeoutSeconds <= 0 ? {} : { timeoutSeconds: String(options.watchTimeoutSeconds) }),
        },
        onEvent,
        onDone,
      ),
  };
}
