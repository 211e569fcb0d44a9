import type { ListerWatcher } from '../list-watch.js';
import type { KubeList, KubeObject } from '../object.js';
import type { WatchEvent, WatchHandle } from '../transport.js';

interface OpenWatch {
  readonly resourceVersion: string;
  readonly onEvent: (e: WatchEvent) => void;
  readonly onDone: (err: unknown) => void;
}

/**
 * Scripted list/watch. `lists` answers LIST calls in order (the last one repeats); an Error entry
 * makes that LIST fail. Aborting a watch calls its onDone with an AbortError, as client-node does.
 */
export class FakeListWatch<T extends KubeObject> implements ListerWatcher<T> {
  listCalls = 0;
  readonly watchResourceVersions: string[] = [];
  current: OpenWatch | undefined;
  aborts = 0;

  constructor(public lists: Array<KubeList<T> | Error>) {}

  async list(): Promise<KubeList<T>> {
    const answer = this.lists[Math.min(this.listCalls, this.lists.length - 1)];
    this.listCalls++;
    if (answer === undefined) throw new Error('no list scripted');
    if (answer instanceof Error) throw answer;
    return structuredClone(answer);
  }

  async watch(resourceVersion: string, onEvent: (e: WatchEvent) => void, onDone: (err: unknown) => void): Promise<WatchHandle> {
    this.watchResourceVersions.push(resourceVersion);
    const w = { resourceVersion, onEvent, onDone };
    this.current = w;
    return {
      abort: () => {
        this.aborts++;
        const err = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError', type: 'aborted' });
        queueMicrotask(() => w.onDone(err));
      },
    };
  }

  send(type: string, object: unknown): void {
    this.current?.onEvent({ type, object });
  }

  end(err: unknown = null): void {
    const w = this.current;
    this.current = undefined;
    w?.onDone(err);
  }
}

export const list = <T>(resourceVersion: string, items: T[]): KubeList<T> => ({ metadata: { resourceVersion }, items });
