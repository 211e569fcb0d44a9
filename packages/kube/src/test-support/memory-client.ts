import { KubeError } from '../errors.js';
import { type KubeList, type KubeObject, isRecord } from '../object.js';
import type { DeleteOptions, ListOptions, MergePatch, ResourceClient } from '../resource-client.js';
import { type ResourceDescriptor } from '../resources.js';

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** An in-memory API for one resource: resourceVersions, conflicts, AlreadyExists, NotFound; records calls. */
export class MemoryClient<T extends KubeObject> implements ResourceClient<T> {
  readonly objects = new Map<string, T>();
  readonly calls: string[] = [];
  private rv = 0;
  /** Set to make every write fail with this error. */
  failWrites: KubeError | undefined;

  constructor(readonly resource: ResourceDescriptor) {}

  private key(ns: string, name: string): string {
    return `${ns}/${name}`;
  }

  private notFound(name: string): KubeError {
    return new KubeError(404, 'NotFound', `${this.resource.plural} "${name}" not found`);
  }

  private stamp(obj: T): T {
    const copy = structuredClone(obj);
    copy.metadata = { ...copy.metadata, resourceVersion: String(++this.rv) };
    return copy;
  }

  private checkWrite(): void {
    if (this.failWrites !== undefined) throw this.failWrites;
  }

  async get(ns: string, name: string): Promise<T> {
    this.calls.push(`get ${name}`);
    const o = this.objects.get(this.key(ns, name));
    if (o === undefined) throw this.notFound(name);
    return structuredClone(o);
  }

  async list(ns?: string, _opts?: ListOptions): Promise<KubeList<T>> {
    this.calls.push('list');
    const items = [...this.objects.values()].filter((o) => ns === undefined || ns === '' || o.metadata?.namespace === ns);
    return { metadata: { resourceVersion: String(this.rv) }, items: structuredClone(items) };
  }

  async create(ns: string, obj: T): Promise<T> {
    this.calls.push(`create ${obj.metadata?.name ?? ''}`);
    this.checkWrite();
    const name = obj.metadata?.name ?? '';
    if (this.objects.has(this.key(ns, name))) throw new KubeError(409, 'AlreadyExists', `${this.resource.plural} "${name}" already exists`);
    const stored = this.stamp({ ...obj, metadata: { ...obj.metadata, namespace: ns, uid: `uid-${name}` } });
    this.objects.set(this.key(ns, name), stored);
    return structuredClone(stored);
  }

  async update(obj: T): Promise<T> {
    this.calls.push(`update ${obj.metadata?.name ?? ''}`);
    this.checkWrite();
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name ?? '';
    const cur = this.objects.get(this.key(ns, name));
    if (cur === undefined) throw this.notFound(name);
    const rv = obj.metadata?.resourceVersion;
    if (rv !== undefined && rv !== cur.metadata?.resourceVersion) throw new KubeError(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version and try again');
    const stored = this.stamp(obj);
    this.objects.set(this.key(ns, name), stored);
    return structuredClone(stored);
  }

  updateStatus(obj: T): Promise<T> {
    return this.update(obj);
  }

  async patchMerge(ns: string, name: string, patch: MergePatch): Promise<T> {
    this.calls.push(`patch ${name}`);
    this.checkWrite();
    const cur = this.objects.get(this.key(ns, name));
    if (cur === undefined) throw this.notFound(name);
    const stored = this.stamp(mergePatch(cur, patch) as T);
    this.objects.set(this.key(ns, name), stored);
    return structuredClone(stored);
  }

  patchStatusMerge(ns: string, name: string, patch: MergePatch): Promise<T> {
    return this.patchMerge(ns, name, patch);
  }

  async delete(ns: string, name: string, _opts?: DeleteOptions): Promise<void> {
    this.calls.push(`delete ${name}`);
    this.checkWrite();
    if (!this.objects.delete(this.key(ns, name))) throw this.notFound(name);
  }
}
