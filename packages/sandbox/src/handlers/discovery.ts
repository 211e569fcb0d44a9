import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE,
  aggregatedDiscovery,
  legacyCoreVersions,
  legacyGroupDoc,
  legacyGroupList,
  resourceList,
  VERSION_INFO,
} from '../discovery.js';
import { pathNotFound } from '../errors.js';
import { sendJson, sendStatus, sendText } from '../http-util.js';
import { openApiDocument, openApiIndex } from '../openapi.js';
import type { Registry } from '../registry.js';
import type { Route } from './route.js';

/**
 * `/api` and `/apis`: aggregated discovery when the client accepts it (kubectl does), with the exact
 * content type — the same body as plain JSON makes kubectl see no resources.
 */
export function serveRoot(req: IncomingMessage, res: ServerResponse, registry: Registry, core: boolean, serverAddress: string): void {
  const accept = req.headers.accept ?? '';
  const accepted = accept.split(',').map((s) => s.trim());
  const v2 = accepted.some((a) => a.includes('as=APIGroupDiscoveryList') && a.includes('v=v2') && !a.includes('v=v2beta1'));
  const v2beta1 = accepted.some((a) => a.includes('as=APIGroupDiscoveryList') && a.includes('v=v2beta1'));
  if (v2 || v2beta1) {
    const doc = aggregatedDiscovery(registry, core);
    if (!v2) doc['apiVersion'] = 'apidiscovery.k8s.io/v2beta1';
    sendJson(res, 200, doc, v2 ? AGGREGATED_DISCOVERY_CONTENT_TYPE : AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE);
    return;
  }
  sendJson(res, 200, core ? legacyCoreVersions(serverAddress) : legacyGroupList(registry));
}

/** Discovery and OpenAPI routes; returns false when `route` is none of them. */
export function serveDiscovery(req: IncomingMessage, res: ServerResponse, route: Route, registry: Registry, serverAddress: string): boolean {
  if (route.kind === 'root') {
    serveRoot(req, res, registry, route.core, serverAddress);
    return true;
  }
  if (route.kind === 'group') {
    const doc = legacyGroupDoc(registry, route.group);
    if (doc === undefined) sendStatus(res, pathNotFound());
    else sendJson(res, 200, doc);
    return true;
  }
  if (route.kind === 'groupVersion') {
    const doc = resourceList(registry, route.group, route.version);
    if (doc === undefined) sendStatus(res, pathNotFound());
    else sendJson(res, 200, doc);
    return true;
  }
  if (route.kind !== 'other') return false;
  const path = route.path.replace(/\/+$/, '');
  if (path === '/version') {
    sendJson(res, 200, VERSION_INFO);
  } else if (path === '/healthz' || path === '/readyz' || path === '/livez') {
    sendText(res, 200, 'ok');
  } else if (path === '/openapi/v3') {
    sendJson(res, 200, openApiIndex(registry));
  } else if (path.startsWith('/openapi/v3/')) {
    const doc = openApiDocument(registry, path.slice('/openapi/v3/'.length));
    if (doc === undefined) sendStatus(res, pathNotFound());
    else sendJson(res, 200, doc);
  } else {
    // includes /openapi/v2: kubectl tolerates its 404 but fails on any JSON answer
    sendStatus(res, pathNotFound());
  }
  return true;
}
