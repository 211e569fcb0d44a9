import type { IncomingMessage, ServerResponse } from 'node:http';
import { isReviewType } from '../builtins.js';
import { badRequest, methodNotAllowed, notFound, pathNotFound, unsupportedMediaType } from '../errors.js';
import { decodeBody, readBody, sendJson, sendRawJson, wantsTable } from '../http-util.js';
import type { SandboxApi } from '../ops/api.js';
import { parseDeleteOptions } from '../ops/delete.js';
import { asPatchType, PatchType } from '../ops/patch.js';
import type { Subresource } from '../ops/update.js';
import { listJson } from '../serialize.js';
import { buildTable, TABLE_CONTENT_TYPE } from '../table.js';
import type { KubeObject, ResourceType } from '../types.js';
import type { WatchHub } from '../watch.js';
import { isTrue, objectFilter, writeOptions } from './query.js';
import type { ResourceRoute } from './route.js';

export interface ResourceHandlerContext {
  api: SandboxApi;
  hub: WatchHub;
  now: () => Date;
}

function subresourceOf(t: ResourceType, route: ResourceRoute): Subresource {
  const sub = route.subresource;
  if (sub === undefined) return undefined;
  if (sub === 'status' && t.statusSubresource) return 'status';
  if (sub === 'scale' && t.scale !== undefined) return 'scale';
  throw pathNotFound();
}

function respondObject(req: IncomingMessage, res: ServerResponse, ctx: ResourceHandlerContext, t: ResourceType, code: number, obj: KubeObject, warnings: string[] = []): void {
  if (wantsTable(req.headers.accept)) {
    const table = buildTable(t, [obj], { now: ctx.now(), resourceVersion: obj.metadata.resourceVersion ?? '' });
    sendJson(res, code, table, TABLE_CONTENT_TYPE, warnings);
  } else {
    sendJson(res, code, obj, 'application/json', warnings);
  }
}

/** CRUD, list, watch, deletecollection and the status/scale/eviction subresources of one resource route. */
export async function handleResource(req: IncomingMessage, res: ServerResponse, url: URL, route: ResourceRoute, ctx: ResourceHandlerContext): Promise<void> {
  const { api } = ctx;
  const t = api.type(route.group, route.version, route.plural);
  if (route.namespace === undefined && t.namespaced && route.name !== undefined) throw notFound(t, route.name);
  if (route.namespace !== undefined && !t.namespaced) throw pathNotFound();
  const q = url.searchParams;
  const ns = route.namespace;
  const method = req.method ?? 'GET';

  if (route.name === undefined) {
    if (method === 'GET') return listOrWatch(req, res, ctx, t, ns, q);
    if (method === 'POST') {
      const raw = await readBody(req);
      // access reviews need no body (kubectl sends them as protobuf, which the decoder does not cover)
      const body = isReviewType(t) ? {} : decodeBody(raw, req.headers['content-type']);
      const result = api.create(t, ns, body, writeOptions(q));
      return respondObject(req, res, ctx, t, 201, result.object, result.warnings);
    }
    if (method === 'DELETE') {
      const body = decodeBody(await readBody(req), req.headers['content-type']);
      const opts = parseDeleteOptions(body, writeOptions(q).dryRun === true);
      return sendJson(res, 200, api.deleteCollection(t, objectFilter(q, t, ns), opts));
    }
    throw methodNotAllowed();
  }

  const name = route.name;
  if (route.subresource === 'eviction' && t.group === '' && t.plural === 'pods' && method === 'POST') {
    await readBody(req);
    api.delete(t, ns, name, {});
    return sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  const sub = subresourceOf(t, route);
  const opts = writeOptions(q);
  switch (method) {
    case 'GET':
      if (sub === 'scale') return sendJson(res, 200, api.getScale(t, ns, name));
      return respondObject(req, res, ctx, t, 200, api.get(t, ns, name));
    case 'PUT': {
      const body = decodeBody(await readBody(req), req.headers['content-type']);
      if (sub === 'scale') return sendJson(res, 200, api.writeScale(t, ns, name, { put: body }, opts));
      const result = api.update(t, ns, name, body, { ...opts, subresource: sub });
      return respondObject(req, res, ctx, t, 200, result.object, result.warnings);
    }
    case 'PATCH': {
      const type = asPatchType(req.headers['content-type'] ?? '');
      if (type === undefined) {
        throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${Object.values(PatchType).join(', ')}`);
      }
      const body = decodeBody(await readBody(req), req.headers['content-type']);
      if (body === undefined) throw badRequest('the body of the request was in an unknown format');
      if (sub === 'scale') return sendJson(res, 200, api.writeScale(t, ns, name, { patch: body, type }, opts));
      const result = api.patch(t, ns, name, body, type, { ...opts, subresource: sub, force: isTrue(q, 'force') });
      return respondObject(req, res, ctx, t, result.created ? 201 : 200, result.object, result.warnings);
    }
    case 'DELETE': {
      const body = decodeBody(await readBody(req), req.headers['content-type']);
      const result = api.delete(t, ns, name, parseDeleteOptions(body, opts.dryRun === true));
      return sendJson(res, result.deleted ? 200 : 202, result.object);
    }
    default:
      throw methodNotAllowed();
  }
}

function listOrWatch(req: IncomingMessage, res: ServerResponse, ctx: ResourceHandlerContext, t: ResourceType, ns: string | undefined, q: URLSearchParams): void {
  const filter = objectFilter(q, t, ns);
  const table = wantsTable(req.headers.accept);
  if (isTrue(q, 'watch')) {
    const timeout = q.get('timeoutSeconds');
    const rv = q.get('resourceVersion');
    ctx.hub.serve(res, {
      type: t,
      filter,
      ...(rv !== null ? { resourceVersion: rv } : {}),
      ...(timeout !== null ? { timeoutSeconds: Number(timeout) } : {}),
      allowBookmarks: isTrue(q, 'allowWatchBookmarks'),
      sendInitialEvents: isTrue(q, 'sendInitialEvents'),
      table,
    });
    return;
  }
  const { items, resourceVersion } = ctx.api.listStored(t, filter);
  if (table) {
    const includeObject = q.get('includeObject');
    const tableDoc = buildTable(t, items, { now: ctx.now(), resourceVersion, ...(includeObject !== null ? { includeObject } : {}) });
    sendJson(res, 200, tableDoc, TABLE_CONTENT_TYPE);
    return;
  }
  sendRawJson(res, 200, listJson(t, items, resourceVersion));
}
