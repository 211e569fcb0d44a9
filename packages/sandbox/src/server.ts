import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { asApiError } from './errors.js';
import { handleResource } from './handlers/resource.js';
import type { ResourceHandlerContext } from './handlers/resource.js';
import { serveDiscovery } from './handlers/discovery.js';
import { parseRoute } from './handlers/route.js';
import { sendStatus } from './http-util.js';
import type { Registry } from './registry.js';

/** One served request, for accounting hooks (tests assert "zero writes" with it). */
export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  userAgent: string;
}

export type RequestListener = (record: RequestRecord) => void;

export interface ServerDeps extends ResourceHandlerContext {
  registry: Registry;
  /** `host:port` reported in legacy `/api` discovery. */
  serverAddress: () => string;
  requestListeners: Set<RequestListener>;
  /** Admin routes (`/serin/…`, `/metrics`), accounting and fault injection; runs first, true = answered. */
  admin?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

/** node:http server routing discovery/OpenAPI and resource requests; every failure becomes a Status. */
export function createApiServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    void handle(req, res, deps);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (deps.requestListeners.size > 0) {
    res.on('finish', () => {
      const record: RequestRecord = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        status: res.statusCode,
        userAgent: req.headers['user-agent'] ?? '',
      };
      for (const listener of deps.requestListeners) listener(record);
    });
  }
  try {
    if (deps.admin !== undefined && (await deps.admin(req, res, url))) return;
    const route = parseRoute(url.pathname, deps.registry);
    if (route.kind === 'resource') await handleResource(req, res, url, route.route, deps);
    else serveDiscovery(req, res, route, deps.registry, deps.serverAddress());
  } catch (err) {
    const apiErr = asApiError(err);
    if (apiErr.code >= 500) process.stderr.write(`serin-sandbox: ${req.method ?? ''} ${url.pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    req.resume();
    sendStatus(res, apiErr);
  }
}
