/**
 * Request accounting for `controller_clientset_k8s_request_total{kind,namespace,name,verb,status_code}`.
 * Labels are derived from the request URL the way argoproj/pkg `kubeclientmetrics` does, then
 * normalised as Argo's `IncKubernetesRequest` does: `name` is `N/A` for List verbs and for
 * `events`/`replicasets`; unparseable paths count under kind/namespace/name `Unknown`.
 * parity: argo-rollouts controller/metrics/client.go
 */
export const RequestVerb = {
  Get: 'Get',
  List: 'List',
  Watch: 'Watch',
  Create: 'Create',
  Update: 'Update',
  Patch: 'Patch',
  Delete: 'Delete',
  Unknown: 'Unknown',
} as const;
export type RequestVerb = (typeof RequestVerb)[keyof typeof RequestVerb];

export interface RequestInfo {
  /** Resource plural as in the URL (`rollouts`, `replicasets`); `Unknown` when not a resource URL. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly verb: RequestVerb;
}

export interface RequestLabels extends RequestInfo {
  readonly statusCode: string;
}

interface ParsedPath {
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
}

/** Split `/api/v1/...` or `/apis/<group>/<version>/...` into resource, namespace and name. */
export function parseResourcePath(pathname: string): ParsedPath | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 4) rest = parts.slice(3);
  else return undefined;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1] ?? '';
    rest = rest.slice(2);
  }
  const [resource, name = ''] = rest;
  if (resource === undefined) return undefined;
  return { resource, namespace, name };
}

/** Labels for one request: method + URL (path and query). */
export function requestInfo(method: string, url: string): RequestInfo {
  const u = new URL(url, 'http://localhost');
  const parsed = parseResourcePath(u.pathname);
  const verb = verbFor(method.toUpperCase(), parsed?.name ?? '', u.searchParams.get('watch'));
  if (parsed === undefined || verb === RequestVerb.Unknown) {
    return { kind: 'Unknown', namespace: 'Unknown', name: 'Unknown', verb: RequestVerb.Unknown };
  }
  const name = verb === RequestVerb.List || parsed.resource === 'events' || parsed.resource === 'replicasets' ? 'N/A' : parsed.name;
  return { kind: parsed.resource, namespace: parsed.namespace, name, verb };
}

function verbFor(method: string, name: string, watch: string | null): RequestVerb {
  switch (method) {
    case 'GET':
      if (watch === 'true' || watch === '1') return RequestVerb.Watch;
      return name === '' ? RequestVerb.List : RequestVerb.Get;
    case 'POST':
      return RequestVerb.Create;
    case 'PUT':
      return RequestVerb.Update;
    case 'PATCH':
      return RequestVerb.Patch;
    case 'DELETE':
      return RequestVerb.Delete;
    default:
      return RequestVerb.Unknown;
  }
}

export interface RequestCount {
  readonly labels: RequestLabels;
  readonly count: number;
}

/** Counter keyed by (kind, namespace, name, verb, status_code); the controller exports it via prom-client. */
export class RequestCounter {
  private readonly counts = new Map<string, RequestCount>();
  private readonly listeners: Array<(labels: RequestLabels) => void> = [];

  record(info: RequestInfo, statusCode: number): void {
    const labels: RequestLabels = { ...info, statusCode: String(statusCode) };
    const key = JSON.stringify([labels.kind, labels.namespace, labels.name, labels.verb, labels.statusCode]);
    const prev = this.counts.get(key);
    this.counts.set(key, { labels, count: (prev?.count ?? 0) + 1 });
    for (const l of this.listeners) l(labels);
  }

  /** Call `fn` on every request recorded from now on (e.g. to increment a prom-client Counter). */
  onRequest(fn: (labels: RequestLabels) => void): void {
    this.listeners.push(fn);
  }

  entries(): RequestCount[] {
    return [...this.counts.values()];
  }

  /** Sum of counts whose labels match every given field. */
  total(match: Partial<RequestLabels> = {}): number {
    let sum = 0;
    for (const { labels, count } of this.counts.values()) {
      const ok = (Object.keys(match) as Array<keyof RequestLabels>).every((k) => labels[k] === match[k]);
      if (ok) sum += count;
    }
    return sum;
  }
}
