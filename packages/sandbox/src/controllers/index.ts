import type { SandboxApi } from '../ops/api.js';
import type { Store, StoreChange } from '../store.js';
import type { Controller, ControllerContext } from './context.js';
import { Bucket, builtinTypes } from './context.js';
import { deploymentController } from './deployment.js';
import { endpointsController } from './endpoints.js';
import { garbageCollector } from './garbage-collector.js';
import { hpaController } from './hpa.js';
import { jobController } from './job.js';
import type { KubeletControl } from './kubelet.js';
import { kubeletController } from './kubelet.js';
import { namespaceController } from './namespace.js';
import { ObjectIndex } from './object-index.js';
import { replicaSetController } from './replica-set.js';
import { TypeByBucket } from './resource-types.js';

export type { KubeletControl } from './kubelet.js';
export { SANDBOX_NODE } from './context.js';

export interface ControllerOptions {
  api: SandboxApi;
  store: Store;
  now: () => Date;
  podReadyMs: number;
  /** Delay before objects whose owners never existed are collected; default 5 s. */
  danglingOwnerGraceMs?: number;
}

export interface Controllers {
  kubelet: KubeletControl;
  /** Names of the running controllers. */
  readonly names: string[];
  stop(): void;
}

/**
 * Starts the in-process cluster: garbage collector, namespace, ReplicaSet, Deployment, Job, Endpoints and
 * HorizontalPodAutoscaler controllers and the simulated kubelet. One store listener keeps the shared index current and hands every change
 * to each controller, which only queues keys; reconciles run later and write through `SandboxApi`, so watches and
 * resourceVersions look exactly as they would for HTTP clients.
 */
export function startControllers(opts: ControllerOptions): Controllers {
  const { api, store } = opts;
  const types = new TypeByBucket(api.ctx.registry);
  const index = new ObjectIndex(store, api.ctx.registry.all().map((t) => t.storageKey), [Bucket.Pods]);
  const ctx: ControllerContext = { api, index, now: opts.now, podReadyMs: opts.podReadyMs, danglingOwnerGraceMs: opts.danglingOwnerGraceMs ?? 5000 };
  const builtins = builtinTypes(api);
  const kubelet = kubeletController(ctx, builtins);
  const controllers: Controller[] = [
    garbageCollector(ctx, types),
    namespaceController(ctx, types),
    replicaSetController(ctx, builtins),
    deploymentController(ctx, builtins),
    jobController(ctx, builtins),
    endpointsController(ctx, builtins),
    hpaController(ctx),
    kubelet,
  ];
  const unsubscribe = store.onChange((change: StoreChange) => {
    index.apply(change);
    for (const c of controllers) c.onChange(change);
  });
  for (const c of controllers) c.resync();
  return {
    kubelet,
    names: controllers.map((c) => c.name),
    stop(): void {
      unsubscribe();
      for (const c of controllers) c.stop();
    },
  };
}
