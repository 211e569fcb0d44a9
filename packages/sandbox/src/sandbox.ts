import type { AddressInfo } from 'node:net';
import type { Admin, FaultOptions } from './admin/index.js';
import { createAdmin } from './admin/index.js';
import type { Controllers } from './controllers/index.js';
import { startControllers } from './controllers/index.js';
import { writeKubeconfig } from './kubeconfig.js';
import { Mesh, type MeshOptions } from './mesh/index.js';
import { SandboxApi } from './ops/api.js';
import type { OpsContext } from './ops/context.js';
import { Registry } from './registry.js';
import type { RequestListener } from './server.js';
import { createApiServer } from './server.js';
import { Store } from './store.js';
import { WatchHub } from './watch.js';

export interface SandboxOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Pod start-to-Ready delay for the simulated kubelet (part 2 controllers read it from `sandbox.options`). */
  podReadyMs?: number;
  /** Written once the server listens. */
  kubeconfigPath?: string;
  /** Clock (tests may freeze it). */
  now?: () => Date;
  /** Changes kept for watch resumption (older resume points get 410). */
  historyLimit?: number;
  bookmarkIntervalMs?: number;
  /** Run the simulated cluster (GC, namespace, ReplicaSet, Job, Endpoints controllers, kubelet); default true. */
  controllers?: boolean;
  /** Fault injection from the start (also settable at `/serin/faults`). */
  faults?: FaultOptions;
  /** Simulated Istio mesh load and RNG seed (also settable at `/serin/mesh`). */
  mesh?: MeshOptions;
}

export interface Sandbox {
  url: string;
  kubeconfigPath?: string;
  store: Store;
  registry: Registry;
  /** Same semantics as the HTTP API, for in-process controllers. */
  api: SandboxApi;
  watches: WatchHub;
  options: { podReadyMs: number };
  /** In-process controllers and kubelet (undefined with `controllers: false`). */
  controllers?: Controllers;
  /** Fault injection, request accounting, compaction and watch-closing hooks (also under `/serin/…`). */
  admin: Admin;
  /** Simulated Istio mesh: request load, routing by VirtualService/DestinationRule, Istio metrics at `/serin/mesh/metrics`. */
  mesh: Mesh;
  /** Subscribe to served requests (method, path, status); returns the unsubscribe function. */
  onRequest(listener: RequestListener): () => void;
  close(): Promise<void>;
}

export const BOOT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Starts an in-memory Kubernetes API server on node:http. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? (() => new Date());
  const store = new Store(options.historyLimit !== undefined ? { historyLimit: options.historyLimit } : {});
  const registry = new Registry();
  const ctx: OpsContext = { store, registry, now };
  const api = new SandboxApi(ctx);
  const namespaces = api.type('', 'v1', 'namespaces');
  for (const name of BOOT_NAMESPACES) api.create(namespaces, undefined, { metadata: { name } }, { fieldManager: 'kube-apiserver' });

  const watches = new WatchHub(store, options.bookmarkIntervalMs !== undefined ? { now, bookmarkIntervalMs: options.bookmarkIntervalMs } : { now });
  const podReadyMs = options.podReadyMs ?? 1000;
  const controllers = options.controllers === false ? undefined : startControllers({ api, store, now, podReadyMs });
  const admin = createAdmin({ store, watches, registry, kubelet: () => controllers?.kubelet, ...(options.faults !== undefined ? { faults: options.faults } : {}) });
  const mesh = new Mesh(store, options.mesh);
  const requestListeners = new Set<RequestListener>();
  let address = '127.0.0.1:0';
  const server = createApiServer({ api, hub: watches, now, registry, requestListeners, serverAddress: () => address, admin: async (req, res, url) => (await mesh.middleware(req, res, url)) || admin.middleware(req, res, url) });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const url = `http://${address}`;
  if (options.kubeconfigPath !== undefined) writeKubeconfig(options.kubeconfigPath, url);

  const sandbox: Sandbox = {
    url,
    store,
    registry,
    api,
    watches,
    options: { podReadyMs },
    admin,
    mesh,
    onRequest(listener) {
      requestListeners.add(listener);
      return () => requestListeners.delete(listener);
    },
    async close() {
      mesh.stop();
      controllers?.stop();
      watches.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  if (options.kubeconfigPath !== undefined) sandbox.kubeconfigPath = options.kubeconfigPath;
  if (controllers !== undefined) sandbox.controllers = controllers;
  return sandbox;
}
