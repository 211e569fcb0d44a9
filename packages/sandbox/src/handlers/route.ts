import type { Registry } from '../registry.js';

/** A resource request path, e.g. `/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/demo/status`. */
export interface ResourceRoute {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
}

export type Route =
  | { kind: 'resource'; route: ResourceRoute }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'root'; core: boolean }
  | { kind: 'other'; path: string };

/**
 * Splits a path into a route. `namespaces/{ns}/{plural}` is a namespaced prefix only when `{plural}` is a
 * namespaced resource of that group-version; otherwise `namespaces/{name}/{sub}` addresses the Namespace itself.
 */
export function parseRoute(pathname: string, registry: Registry): Route {
  const segs = pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { kind: 'root', core: true };
    group = '';
    version = segs[1] ?? '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { kind: 'root', core: false };
    if (segs.length === 2) return { kind: 'group', group: segs[1] ?? '' };
    group = segs[1] ?? '';
    version = segs[2] ?? '';
    rest = segs.slice(3);
  } else {
    return { kind: 'other', path: pathname };
  }
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  if (rest[0] === 'namespaces' && rest.length >= 3 && registry.lookup(group, version, rest[2] ?? '')?.namespaced === true) {
    return { kind: 'resource', route: compact({ group, version, namespace: rest[1], plural: rest[2] ?? '', name: rest[3], subresource: rest[4] }) };
  }
  return { kind: 'resource', route: compact({ group, version, plural: rest[0] ?? '', name: rest[1], subresource: rest[2] }) };
}

function compact(r: { group: string; version: string; plural: string; namespace?: string | undefined; name?: string | undefined; subresource?: string | undefined }): ResourceRoute {
  const out: ResourceRoute = { group: r.group, version: r.version, plural: r.plural };
  if (r.namespace !== undefined) out.namespace = r.namespace;
  if (r.name !== undefined) out.name = r.name;
  if (r.subresource !== undefined) out.subresource = r.subresource;
  return out;
}
