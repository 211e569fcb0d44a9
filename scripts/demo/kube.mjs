// A small REST client for the demo's own sandbox (plain HTTP on loopback, no auth): create-or-replace
// manifests, read objects. The user-facing commands go through kubectl and the plugin; this only sets up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Kinds the demo applies: kind → [apiVersion path prefix, plural, namespaced]. */
const KINDS = {
  CustomResourceDefinition: ['/apis/apiextensions.k8s.io/v1', 'customresourcedefinitions', false],
  Namespace: ['/api/v1', 'namespaces', false],
  Service: ['/api/v1', 'services', true],
  Rollout: ['/apis/argoproj.io/v1alpha1', 'rollouts', true],
  AnalysisTemplate: ['/apis/argoproj.io/v1alpha1', 'analysistemplates', true],
  VirtualService: ['/apis/networking.istio.io/v1alpha3', 'virtualservices', true],
  DestinationRule: ['/apis/networking.istio.io/v1alpha3', 'destinationrules', true],
};

export function loadYaml(root) {
  const require = createRequire(join(root, 'packages', 'sandbox', 'package.json'));
  return require('yaml');
}

/** Every document of a YAML file. */
export function readManifests(root, path) {
  const YAML = loadYaml(root);
  return YAML.parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o !== null && typeof o === 'object');
}

export function kubeClient(baseUrl) {
  const request = async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  };
  const collection = (obj, namespace) => {
    const kind = KINDS[obj.kind];
    if (kind === undefined) throw new Error(`the demo does not know how to apply kind ${obj.kind}`);
    const [prefix, plural, namespaced] = kind;
    const ns = obj.metadata?.namespace ?? namespace;
    return namespaced ? `${prefix}/namespaces/${ns}/${plural}` : `${prefix}/${plural}`;
  };
  return {
    request,
    /** POST, or GET + PUT with the current resourceVersion when it exists. */
    async apply(obj, namespace = 'default') {
      const base = collection(obj, namespace);
      const created = await request('POST', base, obj);
      if (created.status === 201 || created.status === 200) return created.json;
      if (created.status !== 409) throw new Error(`create ${obj.kind}/${obj.metadata?.name}: HTTP ${created.status} ${created.text}`);
      const current = await request('GET', `${base}/${obj.metadata.name}`);
      const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: current.json?.metadata?.resourceVersion } };
      const replaced = await request('PUT', `${base}/${obj.metadata.name}`, next);
      if (replaced.status !== 200) throw new Error(`replace ${obj.kind}/${obj.metadata?.name}: HTTP ${replaced.status} ${replaced.text}`);
      return replaced.json;
    },
    async get(path) {
      const r = await request('GET', path);
      return r.status === 200 ? r.json : undefined;
    },
    async list(path) {
      const r = await request('GET', path);
      return r.status === 200 ? (r.json?.items ?? []) : [];
    },
  };
}
