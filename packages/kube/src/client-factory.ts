/**
 * `createKubeClient`: kubeconfig (path / $KUBECONFIG / in-cluster) → one rate-limited, counted
 * transport shared by the typed clients, the informers (list + watch) and, through
 * `apiConfiguration`, any generated client-node API (`new CoreV1Api(client.apiConfiguration)`).
 */
import {
  type Configuration,
  type HttpLibrary,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';
import { type ResourceClients, createResourceClients } from './clients.js';
import { type Clock, systemClock } from './clock.js';
import { type KubeConfigOptions, currentNamespace, loadKubeConfig } from './kubeconfig.js';
import { DefaultBurst, DefaultQps, type RateLimiter, createRateLimiter } from './rate-limiter.js';
import { RequestCounter } from './request-metrics.js';
import { type Transport, clientNodeTransport, limitedHttpLibrary } from './transport.js';

export interface KubeClientOptions extends KubeConfigOptions {
  /** Use this KubeConfig instead of loading one. */
  readonly kubeConfig?: KubeConfig;
  /** `--qps` (default 40; ≤ 0 disables limiting). */
  readonly qps?: number;
  /** `--burst` (default 80). */
  readonly burst?: number;
  readonly clock?: Clock;
  readonly istioApiVersion?: string;
  /** Replace client-node's HTTP library (tests). */
  readonly httpApi?: HttpLibrary;
}

export interface KubeClient {
  readonly kubeConfig: KubeConfig;
  /** Namespace of the kubeconfig's current context (`default` if unset). */
  readonly namespace: string;
  readonly transport: Transport;
  readonly clients: ResourceClients;
  readonly limiter: RateLimiter;
  /** `controller_clientset_k8s_request_total` source. */
  readonly requests: RequestCounter;
  /** For generated client-node APIs; same limiter and counter as `transport`. */
  readonly apiConfiguration: Configuration;
}

export function createKubeClient(options: KubeClientOptions = {}): KubeClient {
  const kubeConfig = options.kubeConfig ?? loadKubeConfig(options);
  const clock = options.clock ?? systemClock();
  const limiter = createRateLimiter(options.qps ?? DefaultQps, options.burst ?? DefaultBurst, clock);
  const requests = new RequestCounter();
  const transport = clientNodeTransport({ kubeConfig, limiter, counter: requests, clock, ...(options.httpApi === undefined ? {} : { httpApi: options.httpApi }) });
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error('kubeconfig has no current cluster');
  const apiConfiguration = createConfiguration({
    baseServer: new ServerConfiguration<Record<string, string>>(cluster.server, {}),
    authMethods: { default: kubeConfig },
    httpApi: limitedHttpLibrary(options.httpApi ?? new IsomorphicFetchHttpLibrary(), limiter, requests, clock),
  });
  return {
    kubeConfig,
    namespace: currentNamespace(kubeConfig),
    transport,
    clients: createResourceClients(transport, options.istioApiVersion === undefined ? {} : { istioApiVersion: options.istioApiVersion }),
    limiter,
    requests,
    apiConfiguration,
  };
}
