import type { GroupVersions, Registry } from './registry.js';
import type { JsonObject, ResourceType } from './types.js';

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

function gvk(t: ResourceType): JsonObject {
  return { group: t.group, version: t.version, kind: t.kind };
}

function aggregatedResource(t: ResourceType): JsonObject {
  const subresources: JsonObject[] = [];
  if (t.statusSubresource) subresources.push({ subresource: 'status', responseKind: gvk(t), verbs: SUBRESOURCE_VERBS });
  if (t.scale !== undefined) {
    subresources.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: SUBRESOURCE_VERBS });
  }
  const entry: JsonObject = {
    resource: t.plural,
    responseKind: gvk(t),
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
  };
  if (t.shortNames.length > 0) entry['shortNames'] = t.shortNames;
  if (t.categories.length > 0) entry['categories'] = t.categories;
  if (subresources.length > 0) entry['subresources'] = subresources;
  return entry;
}

function aggregatedGroup(g: GroupVersions): JsonObject {
  return {
    metadata: { name: g.group, creationTimestamp: null },
    versions: g.versions.map((v) => ({ version: v.version, resources: v.types.map(aggregatedResource), freshness: 'Current' })),
  };
}

/** `/api` (core only) or `/apis` (every other group) as an aggregated `APIGroupDiscoveryList`. */
export function aggregatedDiscovery(registry: Registry, core: boolean): JsonObject {
  const groups = registry.groups().filter((g) => (g.group === '') === core);
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: groups.map(aggregatedGroup) };
}

/** Legacy `/api`: `APIVersions`. */
export function legacyCoreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupVersionEntry(group: string, version: string): JsonObject {
  return { groupVersion: `${group}/${version}`, version };
}

function legacyGroup(g: GroupVersions): JsonObject {
  const first = g.versions[0]?.version ?? 'v1';
  return {
    name: g.group,
    versions: g.versions.map((v) => groupVersionEntry(g.group, v.version)),
    preferredVersion: groupVersionEntry(g.group, first),
  };
}

/** Legacy `/apis`: `APIGroupList`. */
export function legacyGroupList(registry: Registry): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().filter((g) => g.group !== '').map(legacyGroup),
  };
}

/** `/apis/{group}`: `APIGroup`, or undefined for an unknown group. */
export function legacyGroupDoc(registry: Registry, group: string): JsonObject | undefined {
  const g = registry.groups().find((x) => x.group === group);
  return g === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...legacyGroup(g) };
}

/** `/api/v1`, `/apis/{g}/{v}`: `APIResourceList` with subresource entries; undefined when not served. */
export function resourceList(registry: Registry, group: string, version: string): JsonObject | undefined {
  const types = registry.groups().find((g) => g.group === group)?.versions.find((v) => v.version === version)?.types;
  if (types === undefined) return undefined;
  const resources: JsonObject[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length > 0 ? { categories: t.categories } : {}),
    });
    if (t.statusSubresource) {
      resources.push({ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: SUBRESOURCE_VERBS });
    }
    if (t.scale !== undefined) {
      resources.push({
        name: `${t.plural}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: SUBRESOURCE_VERBS,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
}
