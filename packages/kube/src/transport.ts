/**
 * The one place HTTP happens. `Transport` is what resource clients and informers call; the
 * client-node implementation builds requests with client-node's own server configuration, auth
 * (`KubeConfig.applySecurityAuthentication`: tokens, exec plugins, client certs) and HTTP library,
 * and wraps every request — including watch starts — in the `--qps/--burst` rate limiter and the
 * request counter. A 429/5xx answer carrying `Retry-After: <s>` is sent again after s seconds (at most
 * 10 times, each try through the limiter again), as client-go's REST client.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import {
  type HttpLibrary,
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
  ServerConfiguration,
  Observable,
  Watch,
} from '@kubernetes/client-node';
import { type Clock, sleep, systemClock } from './clock.js';
import type { RateLimiter } from './rate-limiter.js';
import { MaxRequestRetries, retryAfterMs } from './retry-after.js';
import { type RequestCounter, RequestVerb, requestInfo } from './request-metrics.js';

export const HttpVerb = { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' } as const;
export type HttpVerb = (typeof HttpVerb)[keyof typeof HttpVerb];

export interface RestRequest {
  readonly method: HttpVerb;
  /** Absolute API path, e.g. `/apis/apps/v1/namespaces/ns1/replicasets`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Serialised as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

export interface RestResponse {
  readonly status: number;
  /** Raw response text (parse it yourself; errors carry a `Status` object). */
  readonly body: string;
}

/** A watch event as the API server streams it. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR' | string;
  readonly object: unknown;
}

export interface WatchHandle {
  abort(): void;
}

export interface Transport {
  request(req: RestRequest): Promise<RestResponse>;
  /**
   * Stream `GET path?watch=true`. `onEvent` gets each event (in-stream ERROR events included);
   * `onDone` is called once: `null` on a normal end, an error (with `statusCode` for HTTP failures)
   * otherwise. Rejects only when the request cannot be made at all.
   */
  watch(
    path: string,
    query: Readonly<Record<string, string | undefined>>,
    onEvent: (event: WatchEvent) => void,
    onDone: (err: unknown) => void,
  ): Promise<WatchHandle>;
}

export const DefaultRequestTimeoutMs = 60_000;

const noLimit: RateLimiter = { take: async () => undefined, nextWaitMs: () => 0 };

/**
 * Wrap a client-node HttpLibrary so every request waits for the rate limiter and is counted, and a
 * 429/5xx answer with `Retry-After` is sent again (see retry-after.ts; each try limited and counted).
 * Use it as `createConfiguration({ httpApi })` to give generated client-node APIs the same limits.
 */
export function limitedHttpLibrary(inner: HttpLibrary, limiter: RateLimiter, counter?: RequestCounter, clock: Clock = systemClock()): HttpLibrary {
  const once = async (ctx: RequestContext): Promise<ResponseContext> => {
    await limiter.take(ctx.getSignal());
    const info = requestInfo(ctx.getHttpMethod(), ctx.getUrl());
    try {
      const resp = await inner.send(ctx).toPromise();
      counter?.record(info, resp.httpStatusCode);
      return resp;
    } catch (err) {
      counter?.record(info, 0);
      throw err;
    }
  };
  return {
    send(ctx: RequestContext) {
      const run = async (): Promise<ResponseContext> => {
        for (let retries = 0; ; retries++) {
          const resp = await once(ctx);
          const waitMs = retries < MaxRequestRetries ? retryAfterMs(resp.httpStatusCode, resp.headers) : undefined;
          if (waitMs === undefined) return resp;
          await resp.body.text().catch(() => ''); // drain the answer we are not using
          await sleep(clock, waitMs, ctx.getSignal());
        }
      };
      return new Observable(run());
    },
  };
}

/** Replace client-node's per-request agent with one keep-alive agent (plain http/https agents only). */
function keepAliveAgentCache(): (agent: http.Agent | https.Agent | undefined) => http.Agent | https.Agent | undefined {
  let shared: http.Agent | https.Agent | undefined;
  return (agent) => {
    if (agent === undefined) return agent;
    if (shared !== undefined) return shared;
    const options = (agent as unknown as { options?: https.AgentOptions }).options ?? {};
    if (agent.constructor === https.Agent) shared = new https.Agent({ ...options, keepAlive: true });
    else if (agent.constructor === http.Agent) shared = new http.Agent({ ...options, keepAlive: true });
    else return agent;
    return shared;
  };
}

export interface ClientNodeTransportOptions {
  readonly kubeConfig: KubeConfig;
  readonly limiter?: RateLimiter;
  readonly counter?: RequestCounter;
  /** Defaults to client-node's node-fetch library. */
  readonly httpApi?: HttpLibrary;
  /** Abort a non-watch request after this long (default 60 s; 0 = never), so a hung call cannot stall a worker. */
  readonly requestTimeoutMs?: number;
  /** Waits out `Retry-After` (default: the system clock). */
  readonly clock?: Clock;
}

export function clientNodeTransport(options: ClientNodeTransportOptions): Transport {
  const { kubeConfig } = options;
  const limiter = options.limiter ?? noLimit;
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error('kubeconfig has no current cluster');
  const server = new ServerConfiguration<Record<string, string>>(cluster.server.replace(/\/+$/, ''), {});
  const clock = options.clock ?? systemClock();
  const httpApi = limitedHttpLibrary(options.httpApi ?? new IsomorphicFetchHttpLibrary(), limiter, options.counter, clock);
  const agentFor = keepAliveAgentCache();
  const watcher = new Watch(kubeConfig);

  return {
    async request(req) {
      const ctx = server.makeRequestContext(req.path, req.method as HttpMethod);
      for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) ctx.setQueryParam(k, v);
      ctx.setHeaderParam('Accept', 'application/json');
      if (req.body !== undefined) {
        ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
        ctx.setBody(JSON.stringify(req.body));
      }
      const timeoutMs = options.requestTimeoutMs ?? DefaultRequestTimeoutMs;
      const signals = [req.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter((x): x is AbortSignal => x !== undefined);
      if (signals.length > 0) ctx.setSignal(signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals));
      await kubeConfig.applySecurityAuthentication(ctx);
      const agent = agentFor(ctx.getAgent());
      if (agent !== undefined) ctx.setAgent(agent);
      const resp = await httpApi.send(ctx).toPromise();
      return { status: resp.httpStatusCode, body: await resp.body.text() };
    },

    async watch(path, query, onEvent, onDone) {
      await limiter.take();
      const info = { ...requestInfo('GET', `${path}?watch=true`), verb: RequestVerb.Watch };
      let recorded = false;
      const record = (err: unknown): void => {
        if (recorded) return;
        recorded = true;
        const code = (err as { statusCode?: unknown } | null | undefined)?.statusCode;
        options.counter?.record(info, typeof code === 'number' ? code : err === null || err === undefined ? 200 : 0);
      };
      const controller = await watcher.watch(
        path,
        Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)),
        (type: string, object: unknown) => onEvent({ type, object }),
        (err: unknown) => {
          record(err);
          onDone(err);
        },
      );
      record(null);
      return { abort: () => controller.abort() };
    },
  };
}
