// Loads the recorded fixture objects into a running sandbox over HTTP: CRDs from crds/, the namespace, then
// owners before dependants (uids are the server's, so ownerReferences are rewritten), then each status via
// the /status subresource.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Resources } from '../kube/cluster.js';
import type { KubeObject, ResourceType } from '../kube/cluster.js';
import { resourcePath } from '../kube/http-cluster.js';

const crdDir = fileURLToPath(new URL('../../../crds/', import.meta.url));

async function call(url: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeObject> {
  const res = await fetch(url + path, { method, headers: { 'Content-Type': contentType, Accept: 'application/json' }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as KubeObject;
}

export async function installCrds(url: string): Promise<void> {
  for (const f of readdirSync(crdDir).filter((n) => n.endsWith('.yaml')).sort()) {
    await call(url, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', parse(readFileSync(crdDir + f, 'utf8')));
  }
}

export async function ensureNamespace(url: string, name: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/namespaces/${name}`);
  if (res.ok) return;
  await call(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

const order = ['Rollout', 'Experiment', 'ReplicaSet', 'Pod', 'AnalysisRun'];
const typeOf = (kind: string): ResourceType | undefined => Object.values(Resources).find((r) => r.kind === kind);

/** Create every fixture object in `namespace`; returns the server's objects keyed `Kind/name`. */
export async function loadObjects(url: string, namespace: string, objects: readonly KubeObject[]): Promise<Map<string, KubeObject>> {
  await ensureNamespace(url, namespace);
  const created = new Map<string, KubeObject>();
  const sorted = objects.filter((o) => order.includes(o.kind ?? '')).sort((a, b) => order.indexOf(a.kind ?? '') - order.indexOf(b.kind ?? ''));
  for (const o of sorted) {
    const rt = typeOf(o.kind ?? '');
    if (rt === undefined) continue;
    const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...meta } = o.metadata ?? {};
    const ownerReferences = (o.metadata?.ownerReferences ?? []).map((ref) => ({ ...ref, uid: created.get(`${ref.kind}/${ref.name}`)?.metadata?.uid ?? ref.uid }));
    const body = { ...o, metadata: { ...meta, namespace, ...(ownerReferences.length > 0 ? { ownerReferences } : {}) } };
    // Kept on create where the type has no status subresource (AnalysisRun, Experiment); otherwise via /status.
    let saved = await call(url, 'POST', resourcePath(rt, namespace), body);
    const statusPath = resourcePath(rt, namespace, o.metadata?.name ?? '', 'status');
    if (o.status !== undefined && (await fetch(url + statusPath)).ok) {
      saved = await call(url, 'PATCH', statusPath, { status: o.status }, 'application/merge-patch+json');
    }
    created.set(`${o.kind}/${o.metadata?.name}`, saved);
  }
  return created;
}

export async function getObject(url: string, rt: ResourceType, namespace: string, name: string): Promise<KubeObject> {
  return call(url, 'GET', resourcePath(rt, namespace, name));
}
