// In-memory Cluster for action tests: stores objects, applies merge/JSON patches, records every request.
import { ApiError, Resources } from '../kube/cluster.js';
import type { Cluster, KubeObject, ObjectList, PatchType, ResourceType, WatchEvent } from '../kube/cluster.js';
import { resourcePath } from '../kube/http-cluster.js';

export interface RecordedRequest {
  readonly verb: 'GET' | 'LIST' | 'PATCH' | 'PUT' | 'POST';
  readonly path: string;
  readonly contentType?: string;
  readonly body?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const singular = (rt: ResourceType) => `${rt.plural}.${rt.group === '' ? '' : rt.group}`.replace(/\.$/, '');

export interface FakeClusterOptions {
  readonly namespace?: string;
  /** Respond 404 to /status patches (a pre-subresource controller's CRD). */
  readonly noStatusSubresource?: boolean;
  /** Respond 409 to this many PUTs first. */
  readonly conflicts?: number;
  /** Fail this many watch calls first with 410 Gone. */
  readonly failWatches?: number;
}

export class FakeCluster implements Cluster {
  readonly namespace: string;
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, KubeObject>();
  private conflictsLeft: number;
  private failWatchesLeft: number;
  private rv = 1;
  private readonly watchers = new Set<{ kind: string; ns: string | undefined; name?: string; on: (e: WatchEvent) => void }>();

  constructor(objects: readonly KubeObject[] = [], private readonly opts: FakeClusterOptions = {}) {
    this.namespace = opts.namespace ?? 'default';
    this.conflictsLeft = opts.conflicts ?? 0;
    this.failWatchesLeft = opts.failWatches ?? 0;
    for (const o of objects) this.put(o);
  }

  private rtOf(kind: string | undefined): ResourceType {
    const rt = Object.values(Resources).find((r) => r.kind === kind);
    if (rt === undefined) throw new Error(`fake cluster: unknown kind ${kind}`);
    return rt;
  }

  private key(rt: ResourceType, ns: string | undefined, name: string): string {
    return `${rt.plural}/${rt.namespaced ? (ns ?? '') : ''}/${name}`;
  }

  put(o: KubeObject): void {
    const rt = this.rtOf(o.kind);
    const withRv = { ...o, metadata: { ...o.metadata, resourceVersion: String(this.rv++) } };
    const key = this.key(rt, o.metadata?.namespace ?? this.namespace, o.metadata?.name ?? '');
    const type = this.store.has(key) ? 'MODIFIED' : 'ADDED';
    this.store.set(key, withRv);
    for (const w of this.watchers) {
      const ns = withRv.metadata.namespace ?? this.namespace;
      if (w.kind === o.kind && (w.ns === undefined || w.ns === ns) && (w.name === undefined || w.name === o.metadata?.name)) w.on({ type, object: structuredClone(withRv) });
    }
  }

  object(rt: ResourceType, ns: string, name: string): KubeObject | undefined {
    return this.store.get(this.key(rt, ns, name));
  }

  private must(rt: ResourceType, ns: string, name: string): KubeObject {
    const o = this.object(rt, ns, name);
    if (o === undefined) throw new ApiError(404, `${singular(rt)} "${name}" not found`, 'NotFound');
    return o;
  }

  async get(rt: ResourceType, ns: string, name: string): Promise<KubeObject> {
    this.requests.push({ verb: 'GET', path: resourcePath(rt, ns, name) });
    return structuredClone(this.must(rt, ns, name));
  }

  async list(rt: ResourceType, ns: string | undefined, q?: { fieldSelector?: string }): Promise<ObjectList> {
    this.requests.push({ verb: 'LIST', path: resourcePath(rt, ns) });
    const nameSel = /^metadata\.name=(.*)$/.exec(q?.fieldSelector ?? '')?.[1];
    const items = [...this.store.values()].filter(
      (o) => o.kind === rt.kind && (ns === undefined || !rt.namespaced || o.metadata?.namespace === ns) && (nameSel === undefined || o.metadata?.name === nameSel),
    );
    return { items: structuredClone(items), resourceVersion: String(this.rv) };
  }

  async patch(rt: ResourceType, ns: string, name: string, type: PatchType, body: string, sub?: 'status'): Promise<KubeObject> {
    this.requests.push({ verb: 'PATCH', path: resourcePath(rt, ns, name, sub), contentType: type, body });
    if (sub === 'status' && this.opts.noStatusSubresource === true) throw new ApiError(404, 'the server could not find the requested resource', 'NotFound');
    const current = this.must(rt, ns, name);
    let next: KubeObject;
    if (type === 'application/json-patch+json') {
      next = structuredClone(current);
      for (const op of JSON.parse(body) as { op: string; path: string; value: unknown }[]) {
        const parts = op.path.split('/').slice(1);
        let at: Record<string, unknown> = next;
        for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
        at[parts[parts.length - 1] ?? ''] = op.value;
      }
    } else {
      const p = JSON.parse(body) as Record<string, unknown>;
      // With a status subresource, /status only changes status and the main resource ignores status.
      const scoped = sub === 'status' ? { status: p['status'] } : this.opts.noStatusSubresource === true ? p : { ...p, status: undefined };
      if (scoped.status === undefined) delete scoped.status;
      next = mergePatch(current, scoped) as KubeObject;
    }
    this.put(next);
    return structuredClone(this.must(rt, ns, name));
  }

  async replace(rt: ResourceType, ns: string, obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata?.name ?? '';
    this.requests.push({ verb: 'PUT', path: resourcePath(rt, ns, name), body: JSON.stringify(obj) });
    const current = this.must(rt, ns, name);
    if (this.conflictsLeft > 0) {
      this.conflictsLeft--;
      throw new ApiError(409, `Operation cannot be fulfilled on ${singular(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, 'Conflict');
    }
    if (obj.metadata?.resourceVersion !== current.metadata?.resourceVersion) throw new ApiError(409, 'conflict', 'Conflict');
    this.put(obj);
    return structuredClone(this.must(rt, ns, name));
  }

  async create(rt: ResourceType, ns: string, obj: KubeObject): Promise<KubeObject> {
    this.requests.push({ verb: 'POST', path: resourcePath(rt, ns), body: JSON.stringify(obj) });
    let name = obj.metadata?.name ?? '';
    if (name === '' && obj.metadata?.generateName !== undefined) name = `${obj.metadata.generateName}x${this.rv}`;
    if (this.object(rt, ns, name) !== undefined) throw new ApiError(409, `${singular(rt)} "${name}" already exists`, 'AlreadyExists');
    this.put({ ...obj, kind: rt.kind, metadata: { ...obj.metadata, name, namespace: rt.namespaced ? ns : undefined } });
    return structuredClone(this.must(rt, ns, name));
  }

  /** Streams ADDED/MODIFIED events for later writes (the resourceVersion is not replayed) until aborted. */
  async watch(rt: ResourceType, ns: string | undefined, q: { fieldSelector?: string }, on: (e: WatchEvent) => void, signal: AbortSignal): Promise<void> {
    if (this.failWatchesLeft > 0) {
      this.failWatchesLeft--;
      throw new ApiError(410, 'too old resource version', 'Expired');
    }
    const name = /^metadata\.name=(.*)$/.exec(q.fieldSelector ?? '')?.[1];
    const w = { kind: rt.kind, ns, ...(name !== undefined ? { name } : {}), on };
    this.watchers.add(w);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.watchers.delete(w);
  }

  /** Number of watch streams currently open. */
  get openWatches(): number {
    return this.watchers.size;
  }
}
