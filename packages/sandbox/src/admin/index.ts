import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, methodNotAllowed, pathNotFound } from '../errors.js';
import { readBody, sendJson, sendStatus, sendText } from '../http-util.js';
import type { Registry } from '../registry.js';
import type { Store } from '../store.js';
import { isRecord } from '../types.js';
import type { WatchHub } from '../watch.js';
import { RequestAccounting } from './accounting.js';
import type { FaultOptions } from './faults.js';
import { FaultInjector } from './faults.js';
import { requestInfo } from './request-info.js';

export { RequestAccounting } from './accounting.js';
export type { RequestCount, RequestsSnapshot } from './accounting.js';
export { FaultInjector } from './faults.js';
export type { FaultOptions } from './faults.js';
export type { RequestInfo } from './request-info.js';

/** The kubelet switch the admin endpoints flip (satisfied by the controllers' KubeletControl). */
export interface PausableKubelet {
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

export interface AdminDeps {
  store: Store;
  watches: WatchHub;
  registry: Registry;
  kubelet?: () => PausableKubelet | undefined;
  faults?: FaultOptions;
}

/** Runs first for every HTTP request; true when it answered the request itself. */
export type AdminMiddleware = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface Admin {
  faults: FaultInjector;
  accounting: RequestAccounting;
  middleware: AdminMiddleware;
  /** Forget all watch history: the next watch from an older resourceVersion gets 410 Expired. */
  compact(): void;
  closeWatches(): void;
}

const SERIN_PREFIX = '/serin/';

/**
 * Admin and test hooks over HTTP:
 * - `GET /serin/requests` (JSON accounting), `DELETE /serin/requests` (reset), `GET /metrics` (Prometheus);
 * - `GET|PUT|DELETE /serin/faults` — read, set (`{"writeFailureRate":0.2,"writeFailureCode":409,
 *   "latencyMs":50,"resources":["pods"]}`) or clear fault injection;
 * - `POST /serin/watches/close`, `POST /serin/compact`, `POST /serin/kubelet/pause|resume`, `GET /serin/kubelet`.
 * Every other request is accounted, delayed by the configured latency and, when it is a selected write, failed.
 */
export function createAdmin(deps: AdminDeps): Admin {
  const faults = new FaultInjector(deps.faults);
  const accounting = new RequestAccounting();
  const admin: Admin = {
    faults,
    accounting,
    compact: () => deps.store.compact(),
    closeWatches: () => deps.watches.closeAll(),
    middleware: async (req, res, url) => {
      const path = url.pathname;
      if (path === '/metrics') {
        sendText(res, 200, accounting.prometheus());
        return true;
      }
      if (path.startsWith(SERIN_PREFIX)) {
        await serveAdmin(req, res, path.slice(SERIN_PREFIX.length), admin, deps);
        return true;
      }
      const method = req.method ?? 'GET';
      const info = requestInfo(method, url, deps.registry);
      const started = performance.now();
      res.once('close', () => accounting.record(info, req.headers['user-agent'] ?? '', res.statusCode, (performance.now() - started) / 1000));
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const failure = faults.failureFor(info);
      if (failure !== undefined) {
        await readBody(req);
        sendStatus(res, failure);
        return true;
      }
      return false;
    },
  };
  return admin;
}

async function serveAdmin(req: IncomingMessage, res: ServerResponse, path: string, admin: Admin, deps: AdminDeps): Promise<void> {
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  const ok = (extra: Record<string, unknown> = {}): void => sendJson(res, 200, { ok: true, ...extra });
  switch (`${method} ${path}`) {
    case 'GET requests':
      return sendJson(res, 200, admin.accounting.snapshot());
    case 'DELETE requests':
      admin.accounting.reset();
      return ok();
    case 'GET faults':
      return sendJson(res, 200, { ...admin.faults.options, injected: admin.faults.injected });
    case 'PUT faults':
    case 'POST faults': {
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('faults: body must be JSON');
      }
      if (!isRecord(parsed)) throw badRequest('faults: body must be a JSON object');
      try {
        admin.faults.configure(parsed as FaultOptions);
      } catch (err) {
        throw badRequest(err instanceof Error ? err.message : String(err));
      }
      return sendJson(res, 200, admin.faults.options);
    }
    case 'DELETE faults':
      admin.faults.clear();
      return ok();
    case 'POST watches/close':
      admin.closeWatches();
      return ok();
    case 'POST compact':
      admin.compact();
      return ok({ compactedResourceVersion: String(deps.store.compactedResourceVersion) });
    case 'GET kubelet':
      return sendJson(res, 200, { paused: deps.kubelet?.()?.paused ?? false });
    case 'POST kubelet/pause':
    case 'POST kubelet/resume': {
      const kubelet = deps.kubelet?.();
      if (kubelet === undefined) throw pathNotFound();
      if (path.endsWith('pause')) kubelet.pause();
      else kubelet.resume();
      return ok({ paused: kubelet.paused });
    }
    default:
      if (['requests', 'faults', 'watches/close', 'compact', 'kubelet', 'kubelet/pause', 'kubelet/resume'].includes(path)) throw methodNotAllowed();
      throw pathNotFound();
  }
}
