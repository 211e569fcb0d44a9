// Cluster over HTTP(S). Kubeconfig resolution: a fast built-in path (kubeconfig.ts) for static credentials,
// client-node's KubeConfig (loaded lazily) for exec/auth-provider users and in-cluster config. Requests are
// plain node http(s) so patch bodies go out byte for byte as the builders produced them.
import type { IncomingMessage, RequestOptions } from 'node:http';
import { ApiError } from './cluster.js';
import type { Cluster, KubeObject, ListQuery, ObjectList, PatchType, ResourceType, WatchEvent } from './cluster.js';
import { parseGoDuration } from '@serin/core';
import { resolveFast } from './kubeconfig.js';

/** Kubernetes client flags (genericclioptions.ConfigFlags) the plugin accepts. */
export interface ClientFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly cluster?: string;
  readonly user?: string;
  readonly server?: string;
  readonly token?: string;
  readonly namespace?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly certificateAuthority?: string;
  readonly clientCertificate?: string;
  readonly clientKey?: string;
  readonly tlsServerName?: string;
  readonly as?: string;
  readonly asGroup?: readonly string[];
  readonly asUid?: string;
  readonly requestTimeout?: string;
}

interface Resolved {
  readonly server: string;
  readonly namespace: string;
  readonly apply: (opts: RequestOptions) => Promise<void>;
}

function impersonationHeaders(flags: ClientFlags): Record<string, string | string[]> {
  const h: Record<string, string | string[]> = {};
  if (flags.as) h['Impersonate-User'] = flags.as;
  if (flags.asGroup !== undefined && flags.asGroup.length > 0) h['Impersonate-Group'] = [...flags.asGroup];
  if (flags.asUid) h['Impersonate-Uid'] = flags.asUid;
  return h;
}

/** Kubeconfig → server, namespace and request options; the fast path unless exec/auth-provider/in-cluster. */
async function resolveConfig(flags: ClientFlags, env: Readonly<Record<string, string | undefined>>): Promise<Resolved> {
  const fast = resolveFast(flags, env);
  if (fast === undefined) return resolveWithClientNode(flags);
  const impersonation = impersonationHeaders(flags);
  return {
    server: fast.server,
    namespace: fast.namespace,
    apply: async (opts) => {
      const auth = fast.token ? { Authorization: `Bearer ${fast.token}` } : fast.basic ? { Authorization: `Basic ${fast.basic}` } : {};
      Object.assign(opts, {
        ...(fast.ca ? { ca: fast.ca } : {}),
        ...(fast.cert ? { cert: fast.cert } : {}),
        ...(fast.key ? { key: fast.key } : {}),
        ...(fast.servername ? { servername: fast.servername } : {}),
        rejectUnauthorized: !fast.insecure,
      });
      opts.headers = { ...(opts.headers ?? {}), ...auth, ...impersonation };
    },
  };
}

async function resolveWithClientNode(flags: ClientFlags): Promise<Resolved> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  if (flags.kubeconfig !== undefined && flags.kubeconfig !== '') kc.loadFromFile(flags.kubeconfig);
  else kc.loadFromDefault();
  const contextName = flags.context !== undefined && flags.context !== '' ? flags.context : kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  if (flags.context !== undefined && flags.context !== '' && context === null) {
    throw new Error(`context was not found for specified context: ${flags.context}`);
  }
  const clusterName = flags.cluster !== undefined && flags.cluster !== '' ? flags.cluster : (context?.cluster ?? '');
  const userName = flags.user !== undefined && flags.user !== '' ? flags.user : (context?.user ?? '');
  const baseCluster = kc.getCluster(clusterName);
  if (baseCluster === null && (flags.server ?? '') === '') {
    if (flags.cluster !== undefined && flags.cluster !== '') throw new Error(`cluster "${flags.cluster}" does not exist`);
    throw new Error('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
  }
  const baseUser = kc.getUser(userName);
  const cluster = {
    ...(baseCluster ?? { name: 'serin-flags', skipTLSVerify: false }),
    name: 'serin-cluster',
    server: flags.server !== undefined && flags.server !== '' ? flags.server : (baseCluster?.server ?? ''),
    ...(flags.insecureSkipTlsVerify === true ? { skipTLSVerify: true } : {}),
    ...(flags.certificateAuthority ? { caFile: flags.certificateAuthority, caData: undefined } : {}),
    ...(flags.tlsServerName ? { tlsServerName: flags.tlsServerName } : {}),
  };
  const user = {
    ...(baseUser ?? {}),
    name: 'serin-user',
    ...(flags.token ? { token: flags.token, exec: undefined, authProvider: undefined } : {}),
    ...(flags.clientCertificate ? { certFile: flags.clientCertificate, certData: undefined } : {}),
    ...(flags.clientKey ? { keyFile: flags.clientKey, keyData: undefined } : {}),
  };
  const namespace = flags.namespace !== undefined && flags.namespace !== '' ? flags.namespace : (context?.namespace ?? 'default');
  const finalKc = new KubeConfig();
  finalKc.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: 'serin', cluster: cluster.name, user: user.name, namespace }],
    currentContext: 'serin',
  });
  const impersonation = impersonationHeaders(flags);
  return {
    server: cluster.server.replace(/\/+$/, ''),
    namespace,
    apply: async (opts) => {
      await finalKc.applyToHTTPSOptions(opts);
      opts.headers = { ...(opts.headers ?? {}), ...impersonation };
    },
  };
}

export function resourcePath(rt: ResourceType, namespace: string | undefined, name?: string, subresource?: string): string {
  const base = rt.group === '' ? `/api/${rt.version}` : `/apis/${rt.group}/${rt.version}`;
  const ns = rt.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const tail = name === undefined ? '' : `/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
  return `${base}${ns}/${rt.plural}${tail}`;
}

function query(q: Record<string, string | undefined>): string {
  const entries = Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}

function toApiError(code: number, body: string, method: string, url: string): ApiError {
  try {
    const status = JSON.parse(body) as { message?: string; reason?: string };
    if (typeof status.message === 'string') return new ApiError(code, status.message, status.reason ?? '');
  } catch {
    // not a Status object
  }
  return new ApiError(code, `the server responded with status ${code} (${method} ${url})`);
}

/** Connect using kubeconfig + flags; no request is made until a verb is called. */
export async function connectHttp(flags: ClientFlags, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Cluster> {
  const cfg = await resolveConfig(flags, env);
  const timeoutMs = flags.requestTimeout !== undefined ? (/^\d+$/.test(flags.requestTimeout) ? Number(flags.requestTimeout) * 1000 : parseGoDuration(flags.requestTimeout) ?? 0) : 0;

  async function open(method: string, path: string, body?: string, contentType?: string, signal?: AbortSignal): Promise<IncomingMessage> {
    const url = new URL(cfg.server + path);
    const opts: RequestOptions = { method, headers: { Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}) } };
    await cfg.apply(opts);
    const mod = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    return new Promise((resolve, reject) => {
      const req = mod.request(url, { ...opts, ...(signal ? { signal } : {}) }, resolve);
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.name === 'AbortError') return reject(e);
        const verb = method[0] + method.slice(1).toLowerCase();
        const reason = e.code === 'ECONNREFUSED' ? 'connect: connection refused' : e.message;
        reject(new Error(`${verb} "${url.href}": dial tcp ${url.host}: ${reason}`));
      });
      if (timeoutMs > 0) req.setTimeout(timeoutMs, () => req.destroy(new Error(`context deadline exceeded (Client.Timeout exceeded while awaiting headers)`)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  async function call(method: string, path: string, body?: string, contentType?: string): Promise<KubeObject> {
    const res = await open(method, path, body, contentType);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) throw toApiError(code, text, method, path);
    return JSON.parse(text) as KubeObject;
  }

  return {
    namespace: cfg.namespace,
    get: (rt, ns, name) => call('GET', resourcePath(rt, ns, name)),
    async list(rt, ns, q?: ListQuery): Promise<ObjectList> {
      const res = (await call('GET', resourcePath(rt, ns) + query({ fieldSelector: q?.fieldSelector, labelSelector: q?.labelSelector }))) as {
        items?: KubeObject[];
        metadata?: { resourceVersion?: string };
      };
      const items = (res.items ?? []).map((o) => ({ apiVersion: rt.group === '' ? rt.version : `${rt.group}/${rt.version}`, kind: rt.kind, ...o }));
      return { items, resourceVersion: res.metadata?.resourceVersion ?? '' };
    },
    patch: (rt, ns, name, type: PatchType, body, sub) => call('PATCH', resourcePath(rt, ns, name, sub), body, type),
    replace: (rt, ns, obj) => call('PUT', resourcePath(rt, ns, obj.metadata?.name ?? ''), JSON.stringify(obj), 'application/json'),
    create: (rt, ns, obj) => call('POST', resourcePath(rt, ns), JSON.stringify(obj), 'application/json'),
    async watch(rt, ns, q, onEvent: (e: WatchEvent) => void, signal) {
      const path = resourcePath(rt, ns) + query({ watch: 'true', resourceVersion: q.resourceVersion, fieldSelector: q.fieldSelector, labelSelector: q.labelSelector, allowWatchBookmarks: 'false' });
      let res: IncomingMessage;
      try {
        res = await open('GET', path, undefined, undefined, signal);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      if ((res.statusCode ?? 0) >= 300) {
        const chunks: Buffer[] = [];
        for await (const c of res) chunks.push(c as Buffer);
        throw toApiError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), 'GET', path);
      }
      let buf = '';
      try {
        for await (const chunk of res) {
          buf += (chunk as Buffer).toString('utf8');
          let nl = buf.indexOf('\n');
          while (nl >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (line !== '') onEvent(JSON.parse(line) as WatchEvent);
            nl = buf.indexOf('\n');
          }
        }
      } catch (e) {
        if (!signal.aborted) throw e;
      }
    },
  };
}
