import type { SandboxApi } from '../ops/api.js';
import type { StoreChange } from '../store.js';
import type { KubeObject, ResourceType } from '../types.js';
import type { ObjectIndex } from './object-index.js';

/** Field managers real clusters record for these writers. */
export const FieldManager = { Controller: 'kube-controller-manager', Kubelet: 'kubelet', Gc: 'garbage-collector' } as const;

/** Store buckets the controllers read. */
export const Bucket = {
  Pods: '/pods',
  Services: '/services',
  Endpoints: '/endpoints',
  Namespaces: '/namespaces',
  ReplicaSets: 'apps/replicasets',
  Deployments: 'apps/deployments',
  Jobs: 'batch/jobs',
} as const;

/** The name the simulated kubelet binds pods to. */
export const SANDBOX_NODE = 'serin-node-1';

export interface ControllerContext {
  api: SandboxApi;
  index: ObjectIndex;
  now: () => Date;
  /** Pod start-to-Ready delay. */
  podReadyMs: number;
  /** Delay before an object whose owners never existed is collected (gives fixture loaders time). */
  danglingOwnerGraceMs: number;
}

/** One controller: reacts to store changes by queueing keys; `stop` cancels its queue and timers. */
export interface Controller {
  readonly name: string;
  onChange(change: StoreChange): void;
  /** Queues every object it manages (start-up and resume). */
  resync(): void;
  stop(): void;
}

export interface Types {
  pods: ResourceType;
  services: ResourceType;
  endpoints: ResourceType;
  namespaces: ResourceType;
  replicaSets: ResourceType;
  deployments: ResourceType;
  jobs: ResourceType;
}

export function builtinTypes(api: SandboxApi): Types {
  return {
    pods: api.type('', 'v1', 'pods'),
    services: api.type('', 'v1', 'services'),
    endpoints: api.type('', 'v1', 'endpoints'),
    namespaces: api.type('', 'v1', 'namespaces'),
    replicaSets: api.type('apps', 'v1', 'replicasets'),
    deployments: api.type('apps', 'v1', 'deployments'),
    jobs: api.type('batch', 'v1', 'jobs'),
  };
}

/** Whole-second RFC 3339, as Kubernetes serialises `metav1.Time`. */
export function timestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isDeleting(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined;
}
