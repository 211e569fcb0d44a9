import type { Registry } from './registry.js';
import type { JsonObject } from './types.js';

/** `api/v1` or `apis/{g}/{v}`: the key of a group-version in the `/openapi/v3` index. */
function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/**
 * `/openapi/v3` index. kubectl only reads it to learn that PATCH accepts `fieldValidation` (then it delegates
 * validation to the server), so each group-version document is a stub (see `openApiDocument`).
 * The hash changes with the registry revision so kubectl's cache never serves a stale document.
 */
export function openApiIndex(registry: Registry): JsonObject {
  const paths: JsonObject = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      const key = gvPath(g.group, v.version);
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${registry.revision}` };
    }
  }
  return { paths };
}

/** Stub document for one group-version: one PATCH operation per kind carrying its GVK and `fieldValidation`. */
export function openApiDocument(registry: Registry, path: string): JsonObject | undefined {
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      if (gvPath(g.group, v.version) !== path) continue;
      const paths: JsonObject = {};
      for (const t of v.types) {
        const prefix = `/${path}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}/{name}`;
        paths[prefix] = {
          patch: {
            'x-kubernetes-action': 'patch',
            'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
            parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string' } }],
            responses: {},
          },
        };
      }
      return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, components: { schemas: {} }, paths };
    }
  }
  return undefined;
}
