/**
 * Typed CRUD for one resource kind over a Transport. Every method returns the server's object or
 * throws a `KubeError`. Patches are JSON merge patches (`application/merge-patch+json`) — the
 * content type CRDs accept and the one Argo uses for status; status goes to `/status`.
 */
import { KubeError, kubeErrorFromResponse, toKubeError } from './errors.js';
import type { KubeList, KubeObject } from './object.js';
import { type ResourceDescriptor, apiVersionOf, resourcePath } from './resources.js';
import type { RestRequest, RestResponse, Transport } from './transport.js';

export const ContentType = {
  Json: 'application/json',
  MergePatch: 'application/merge-patch+json',
  JsonPatch: 'application/json-patch+json',
  StrategicMergePatch: 'application/strategic-merge-patch+json',
} as const;

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly resourceVersion?: string;
  readonly limit?: number;
  readonly continue?: string;
}

export interface WriteOptions {
  readonly fieldManager?: string;
  readonly dryRun?: boolean;
}

export interface DeleteOptions {
  readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  readonly gracePeriodSeconds?: number;
  /** Precondition: only delete this exact object. */
  readonly uid?: string;
}

/** JSON merge patch body (RFC 7386): objects merge, `null` deletes, arrays replace. */
export type MergePatch = { readonly [key: string]: unknown };

export interface ResourceClient<T extends KubeObject> {
  readonly resource: ResourceDescriptor;
  get(namespace: string, name: string): Promise<T>;
  list(namespace?: string, options?: ListOptions): Promise<KubeList<T>>;
  create(namespace: string, obj: T, options?: WriteOptions): Promise<T>;
  /** PUT; `obj.metadata.resourceVersion` makes it a conflict-checked update. */
  update(obj: T, options?: WriteOptions): Promise<T>;
  updateStatus(obj: T, options?: WriteOptions): Promise<T>;
  patchMerge(namespace: string, name: string, patch: MergePatch, options?: WriteOptions): Promise<T>;
  patchStatusMerge(namespace: string, name: string, patch: MergePatch, options?: WriteOptions): Promise<T>;
  /** Resolves when the server accepted the delete (the object may linger with finalizers). */
  delete(namespace: string, name: string, options?: DeleteOptions): Promise<void>;
}

function writeQuery(options: WriteOptions | undefined): Record<string, string | undefined> {
  return { fieldManager: options?.fieldManager, dryRun: options?.dryRun === true ? 'All' : undefined };
}

function parseJson(resp: RestResponse): unknown {
  try {
    return JSON.parse(resp.body) as unknown;
  } catch (cause) {
    throw new KubeError(resp.status, 'InternalError', `invalid JSON in response (HTTP ${resp.status})`, { cause });
  }
}

export function resourceClient<T extends KubeObject>(transport: Transport, resource: ResourceDescriptor): ResourceClient<T> {
  const send = async (req: RestRequest): Promise<unknown> => {
    let resp: RestResponse;
    try {
      resp = await transport.request(req);
    } catch (err) {
      throw toKubeError(err);
    }
    if (resp.status < 200 || resp.status >= 300) throw kubeErrorFromResponse(resp.status, resp.body);
    return parseJson(resp);
  };
  const nameOf = (obj: T): { namespace: string; name: string } => {
    const name = obj.metadata?.name;
    if (name === undefined || name === '') throw new KubeError(422, 'Invalid', `${resource.kind} has no metadata.name`);
    return { namespace: obj.metadata?.namespace ?? '', name };
  };
  const withTypeMeta = (obj: T): T => ({ apiVersion: apiVersionOf(resource), kind: resource.kind, ...obj });

  return {
    resource,
    async get(namespace, name) {
      return (await send({ method: 'GET', path: resourcePath(resource, namespace, name) })) as T;
    },
    async list(namespace, options = {}) {
      const query = {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        resourceVersion: options.resourceVersion,
        limit: options.limit === undefined ? undefined : String(options.limit),
        continue: options.continue,
      };
      const list = (await send({ method: 'GET', path: resourcePath(resource, namespace), query })) as KubeList<T>;
      return { ...list, items: list.items ?? [] };
    },
    async create(namespace, obj, options) {
      return (await send({ method: 'POST', path: resourcePath(resource, namespace), query: writeQuery(options), body: withTypeMeta(obj), contentType: ContentType.Json })) as T;
    },
    async update(obj, options) {
      const { namespace, name } = nameOf(obj);
      return (await send({ method: 'PUT', path: resourcePath(resource, namespace, name), query: writeQuery(options), body: withTypeMeta(obj), contentType: ContentType.Json })) as T;
    },
    async updateStatus(obj, options) {
      const { namespace, name } = nameOf(obj);
      return (await send({ method: 'PUT', path: resourcePath(resource, namespace, name, 'status'), query: writeQuery(options), body: withTypeMeta(obj), contentType: ContentType.Json })) as T;
    },
    async patchMerge(namespace, name, patch, options) {
      return (await send({ method: 'PATCH', path: resourcePath(resource, namespace, name), query: writeQuery(options), body: patch, contentType: ContentType.MergePatch })) as T;
    },
    async patchStatusMerge(namespace, name, patch, options) {
      return (await send({ method: 'PATCH', path: resourcePath(resource, namespace, name, 'status'), query: writeQuery(options), body: patch, contentType: ContentType.MergePatch })) as T;
    },
    async delete(namespace, name, options = {}) {
      const body = {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        ...(options.propagationPolicy === undefined ? {} : { propagationPolicy: options.propagationPolicy }),
        ...(options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds }),
        ...(options.uid === undefined ? {} : { preconditions: { uid: options.uid } }),
      };
      await send({ method: 'DELETE', path: resourcePath(resource, namespace, name), body, contentType: ContentType.Json });
    },
  };
}
