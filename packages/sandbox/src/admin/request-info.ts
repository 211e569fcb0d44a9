import { parseRoute } from '../handlers/route.js';
import type { Registry } from '../registry.js';

/** What a request does, in the apiserver's metric vocabulary. */
export interface RequestInfo {
  /** get, list, watch, create, update, patch, delete, deletecollection, or `nonResource` for other paths. */
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  /** Writes are create/update/patch/delete/deletecollection on a resource (fault injection targets them). */
  isWrite: boolean;
}

export const WRITE_VERBS: readonly string[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * Verb from method and shape (parity: kubernetes apiserver RequestInfoFactory): GET with a name → get, without
 * → list, with `watch=true` → watch; POST → create (POST to a subresource such as `eviction` is create too);
 * PUT → update; PATCH → patch; DELETE with a name → delete, without → deletecollection.
 */
export function requestInfo(method: string, url: URL, registry: Registry): RequestInfo {
  const route = parseRoute(url.pathname, registry);
  if (route.kind !== 'resource') return { verb: 'nonResource', group: '', resource: url.pathname, subresource: '', isWrite: false };
  const r = route.route;
  const named = r.name !== undefined;
  const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  let verb: string;
  switch (method) {
    case 'GET':
      verb = watch ? 'watch' : named ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = named ? 'delete' : 'deletecollection';
      break;
    default:
      verb = method.toLowerCase();
  }
  return { verb, group: r.group, resource: r.plural, subresource: r.subresource ?? '', isWrite: WRITE_VERBS.includes(verb) };
}
