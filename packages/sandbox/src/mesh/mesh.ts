/**
 * The simulated Istio mesh: steady request load per host, each request routed by the VirtualServices
 * and DestinationRules in the store to a Ready pod of the selected Service (and subset), answered by
 * that pod's image, and recorded as Istio standard metrics (reporter `source` and `destination`).
 * Mirrored copies are recorded by the destination reporter only. Deterministic: a seeded RNG decides
 * weights, pods and responses; load is generated on a timer or on demand (`send`).
 *
 * Admin endpoints: `GET /serin/mesh` (config and totals), `PUT /serin/mesh` (`{"loads":[{"namespace",
 * "host","ratePerSecond","headers"?,"method"?,"path"?,"sourceWorkload"?,"gateway"?}],"seed"?,"tickMs"?}`),
 * `POST /serin/mesh/requests` (`{"namespace","host","count",…}` → outcome counts, synchronous),
 * `GET /serin/mesh/metrics` (Prometheus text), `DELETE /serin/mesh/metrics` (reset).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mapSelectorMatches } from '../controllers/label-selector.js';
import { readBody, sendJson, sendText } from '../http-util.js';
import type { Store } from '../store.js';
import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import { type IstioLabels, IstioMetrics } from './metrics.js';
import { isServingPod, podImage, respond, workloadName } from './pods.js';
import { type Rng, seededRng } from './rng.js';
import { type MeshRequest, type RouteTarget, routeRequest, serviceOfHost } from './routing.js';

export interface MeshLoad {
  readonly namespace: string;
  readonly host: string;
  readonly ratePerSecond: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: string;
  readonly path?: string;
  /** Reported as `source_workload` (default `loadgen`; `istio-ingressgateway` through a gateway). */
  readonly sourceWorkload?: string;
  /** Enter through this ingress gateway (`ns/name`); VirtualServices bound to it apply. */
  readonly gateway?: string;
}

export interface MeshOptions {
  readonly seed?: number;
  readonly loads?: readonly MeshLoad[];
  /** Load-generator tick (real time); default 100 ms. */
  readonly tickMs?: number;
}

export type MeshSend = Omit<MeshLoad, 'ratePerSecond'> & { readonly count: number };

export interface SendOutcome {
  /** Responses by HTTP code. */
  readonly codes: Record<string, number>;
  /** Primary requests served per destination workload (`unknown` when nothing could serve). */
  readonly workloads: Record<string, number>;
  /** Mirrored copies per destination workload. */
  readonly mirrored: Record<string, number>;
}

const ISTIO_VS = 'networking.istio.io/virtualservices';
const ISTIO_DR = 'networking.istio.io/destinationrules';
const PODS = '/pods';
const SERVICES = '/services';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const inc = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1;
};

export class Mesh {
  readonly metrics = new IstioMetrics();
  private rng: Rng;
  private seed: number;
  private loads: MeshLoad[];
  private tickMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTick = 0;
  private readonly carry = new Map<number, number>();
  /** Pods per target for the duration of one `send` batch. */
  private batch: Map<string, KubeObject[]> | undefined;

  constructor(
    private readonly store: Store,
    options: MeshOptions = {},
  ) {
    this.seed = options.seed ?? 1;
    this.rng = seededRng(this.seed);
    this.loads = [...(options.loads ?? [])];
    this.tickMs = options.tickMs ?? 100;
    this.schedule();
  }

  configure(options: MeshOptions): void {
    if (options.seed !== undefined) {
      this.seed = options.seed;
      this.rng = seededRng(options.seed);
    }
    if (options.tickMs !== undefined) this.tickMs = options.tickMs;
    if (options.loads !== undefined) {
      this.loads = [...options.loads];
      this.carry.clear();
    }
    this.schedule();
  }

  get config(): { seed: number; tickMs: number; loads: MeshLoad[] } {
    return { seed: this.seed, tickMs: this.tickMs, loads: [...this.loads] };
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.stop();
    if (this.loads.length === 0) return;
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** Send each load's share of the elapsed time (fractions carried over). */
  private tick(): void {
    const now = performance.now();
    const elapsed = (now - this.lastTick) / 1000;
    this.lastTick = now;
    this.loads.forEach((load, i) => {
      const due = (this.carry.get(i) ?? 0) + load.ratePerSecond * elapsed;
      const count = Math.floor(due);
      this.carry.set(i, due - count);
      if (count > 0) this.send({ ...load, count });
    });
  }

  /** Send `count` requests now, synchronously; returns what happened. */
  send(load: MeshSend): SendOutcome {
    const outcome: SendOutcome = { codes: {}, workloads: {}, mirrored: {} };
    const virtualServices = this.store.list(ISTIO_VS) as unknown as JsonObject[];
    const headers = Object.fromEntries(Object.entries(load.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const request: MeshRequest = { namespace: load.namespace, host: load.host, method: load.method ?? 'GET', path: load.path ?? '/', headers, ...(load.gateway !== undefined ? { gateway: load.gateway } : {}) };
    const source = { workload: load.sourceWorkload ?? (load.gateway !== undefined ? 'istio-ingressgateway' : 'loadgen'), namespace: load.gateway !== undefined ? 'istio-system' : load.namespace };
    this.batch = new Map();
    try {
      for (let i = 0; i < load.count; i++) {
        const decision = routeRequest(virtualServices, request, this.rng);
        const served = this.serve(decision.target, source, true);
        inc(outcome.codes, String(served.code));
        inc(outcome.workloads, served.workload);
        if (decision.mirror !== undefined) inc(outcome.mirrored, this.serve(decision.mirror, source, false).workload);
      }
    } finally {
      this.batch = undefined;
    }
    return outcome;
  }

  private servingPods(target: RouteTarget): KubeObject[] {
    const key = `${target.service.namespace}/${target.service.name}/${target.subset}`;
    const cached = this.batch?.get(key);
    if (cached !== undefined) return cached;
    const pods = this.pods(target).pods;
    this.batch?.set(key, pods);
    return pods;
  }

  private pods(target: RouteTarget): { service: KubeObject | undefined; pods: KubeObject[] } {
    const service = this.store.get(SERVICES, target.service.namespace, target.service.name);
    const selector = isRecord(service?.['spec']) ? service['spec']['selector'] : undefined;
    let subsetLabels: Record<string, string> = {};
    if (target.subset !== '') {
      const rule = this.store.list(ISTIO_DR, target.service.namespace).find((dr) => {
        const host = str(isRecord(dr['spec']) ? dr['spec']['host'] : '');
        const svc = serviceOfHost(host, dr.metadata.namespace ?? '');
        return svc?.name === target.service.name && svc.namespace === target.service.namespace;
      });
      const subsets = isRecord(rule?.['spec']) && Array.isArray(rule['spec']['subsets']) ? rule['spec']['subsets'] : [];
      const subset = subsets.find((s) => isRecord(s) && s['name'] === target.subset);
      if (!isRecord(subset)) return { service, pods: [] };
      subsetLabels = isRecord(subset['labels']) ? (subset['labels'] as Record<string, string>) : {};
    }
    if (service === undefined) return { service, pods: [] };
    const pods = this.store
      .list(PODS, target.service.namespace)
      .filter((p) => mapSelectorMatches(selector, p.metadata.labels) && Object.entries(subsetLabels).every(([k, v]) => p.metadata.labels?.[k] === v))
      .filter(isServingPod)
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    return { service, pods };
  }

  /** Serve one request at `target`; records metrics; returns the code and the workload that answered. */
  private serve(target: RouteTarget | undefined, source: { workload: string; namespace: string }, primary: boolean): { code: number; workload: string } {
    const svcName = target?.service.name ?? 'unknown';
    const svcNs = target?.service.namespace ?? 'unknown';
    const base: IstioLabels = {
      reporter: 'source',
      source_workload: source.workload,
      source_workload_namespace: source.namespace,
      source_app: source.workload,
      destination_service: target === undefined ? 'unknown' : `${svcName}.${svcNs}.svc.cluster.local`,
      destination_service_name: svcName,
      destination_service_namespace: svcNs,
      destination_workload: 'unknown',
      destination_workload_namespace: 'unknown',
      destination_app: 'unknown',
      destination_version: 'unknown',
      destination_canonical_service: 'unknown',
      request_protocol: 'http',
      response_code: '503',
      response_flags: 'UH',
      connection_security_policy: 'unknown',
    };
    const pods = target === undefined ? [] : this.servingPods(target);
    if (pods.length === 0) {
      if (target === undefined) base.response_flags = 'NR';
      if (primary) this.metrics.record(base, 0);
      return { code: 503, workload: 'unknown' };
    }
    const pod = pods[Math.floor(this.rng.next() * pods.length)] ?? (pods[0] as KubeObject);
    const answer = respond(podImage(pod), this.rng);
    const labels = pod.metadata.labels ?? {};
    const workload = workloadName(pod);
    const app = labels['app'] ?? 'unknown';
    const dest: IstioLabels = {
      ...base,
      destination_workload: workload,
      destination_workload_namespace: pod.metadata.namespace ?? '',
      destination_app: app,
      destination_version: labels['version'] ?? 'unknown',
      destination_canonical_service: labels['service.istio.io/canonical-name'] ?? (app !== 'unknown' ? app : workload),
      response_code: String(answer.code),
      response_flags: '-',
      connection_security_policy: 'none',
    };
    if (primary) this.metrics.record(dest, answer.durationMs);
    this.metrics.record({ ...dest, reporter: 'destination', connection_security_policy: 'mutual_tls' }, answer.durationMs);
    return { code: answer.code, workload };
  }

  /** `/serin/mesh…` admin routes; false for every other path. */
  readonly middleware = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path !== '/serin/mesh' && !path.startsWith('/serin/mesh/')) return false;
    const method = req.method ?? 'GET';
    const raw = (await readBody(req)).toString('utf8');
    let body: unknown = {};
    try {
      body = raw === '' ? {} : JSON.parse(raw);
    } catch {
      sendJson(res, 400, { error: 'body must be JSON' });
      return true;
    }
    const route = `${method} ${path}`;
    if (route === 'GET /serin/mesh') sendJson(res, 200, { ...this.config, requests: this.metrics.total({ reporter: 'source' }) });
    else if (route === 'PUT /serin/mesh' || route === 'POST /serin/mesh') {
      const error = validateOptions(body);
      if (error !== undefined) sendJson(res, 400, { error });
      else {
        this.configure(body as MeshOptions);
        sendJson(res, 200, this.config);
      }
    } else if (route === 'POST /serin/mesh/requests') {
      const b = isRecord(body) ? body : {};
      if (typeof b['namespace'] !== 'string' || typeof b['host'] !== 'string' || typeof b['count'] !== 'number') {
        sendJson(res, 400, { error: 'requests: namespace, host (strings) and count (number) are required' });
      } else sendJson(res, 200, this.send(b as unknown as MeshSend));
    } else if (route === 'GET /serin/mesh/metrics') sendText(res, 200, this.metrics.prometheus());
    else if (route === 'DELETE /serin/mesh/metrics') {
      this.metrics.reset();
      sendJson(res, 200, { ok: true });
    } else sendJson(res, 404, { error: `no mesh route ${route}` });
    return true;
  };
}

function validateOptions(body: unknown): string | undefined {
  if (!isRecord(body)) return 'mesh: body must be a JSON object';
  if (body['seed'] !== undefined && typeof body['seed'] !== 'number') return 'mesh: seed must be a number';
  if (body['tickMs'] !== undefined && (typeof body['tickMs'] !== 'number' || body['tickMs'] <= 0)) return 'mesh: tickMs must be a positive number';
  if (body['loads'] !== undefined) {
    if (!Array.isArray(body['loads'])) return 'mesh: loads must be a list';
    for (const l of body['loads']) {
      if (!isRecord(l) || typeof l['namespace'] !== 'string' || typeof l['host'] !== 'string' || typeof l['ratePerSecond'] !== 'number') {
        return 'mesh: each load needs namespace, host (strings) and ratePerSecond (number)';
      }
    }
  }
  return undefined;
}
