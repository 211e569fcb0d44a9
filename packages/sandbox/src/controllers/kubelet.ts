import { deepEqual } from '../ops/object-meta.js';
import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Controller, ControllerContext, Types } from './context.js';
import { Bucket, FieldManager, isDeleting, parseTime, SANDBOX_NODE, timestamp } from './context.js';
import { nsKey, splitNsKey } from './object-index.js';
import { planPod, simulatePodStatus } from './pod-simulation.js';
import { WorkQueue } from './work-queue.js';

export const SANDBOX_NODE_IP = '172.18.0.2';

export interface KubeletControl {
  /** Stops binding and advancing pods; their timers wait until `resume`. */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

interface PodRuntime {
  startedAtMs: number;
  podIP: string;
}

/**
 * Simulated kubelet for node `serin-node-1`: binds unscheduled pods to it, then reports the status
 * `simulatePodStatus` computes from the time since start (re-evaluated by timer when it changes by itself, and on
 * every pod change, e.g. a readiness-gate condition written by a client). Pods bound to any other node are left
 * exactly as written.
 */
export function kubeletController(ctx: ControllerContext, types: Types): Controller & KubeletControl {
  const { api } = ctx;
  const runtimes = new Map<string, PodRuntime>();
  let nextIP = 1;
  const queue = new WorkQueue(sync);

  function runtimeOf(pod: KubeObject): PodRuntime {
    const uid = pod.metadata.uid ?? '';
    let rt = runtimes.get(uid);
    if (rt === undefined) {
      const status = isRecord(pod['status']) ? pod['status'] : {};
      const known = parseTime(status['startTime']);
      const ip = typeof status['podIP'] === 'string' ? status['podIP'] : `10.244.${(nextIP >> 8) & 255}.${nextIP & 255}`;
      if (typeof status['podIP'] !== 'string') nextIP++;
      rt = { startedAtMs: known ?? ctx.now().getTime(), podIP: ip };
      runtimes.set(uid, rt);
    }
    return rt;
  }

  function sync(key: string): void {
    const [namespace, name] = splitNsKey(key);
    let pod = api.ctx.store.get(Bucket.Pods, namespace, name);
    if (pod === undefined || isDeleting(pod)) return;
    const spec = isRecord(pod['spec']) ? pod['spec'] : {};
    const nodeName = spec['nodeName'];
    if (nodeName !== undefined && nodeName !== SANDBOX_NODE) return;
    const phase = isRecord(pod['status']) ? pod['status']['phase'] : undefined;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    if (nodeName === undefined) {
      pod = api.update(types.pods, namespace, name, { ...pod, spec: { ...spec, nodeName: SANDBOX_NODE } }, { fieldManager: 'kube-scheduler' }).object;
    }
    const rt = runtimeOf(pod);
    const now = ctx.now();
    const sim = simulatePodStatus({
      pod,
      plan: planPod(pod),
      elapsedMs: now.getTime() - rt.startedAtMs,
      readyDelayMs: ctx.podReadyMs,
      startedAtMs: rt.startedAtMs,
      now: timestamp(now),
      podIP: rt.podIP,
      hostIP: SANDBOX_NODE_IP,
    });
    if (!deepEqual(sim.status, pod['status'])) {
      api.update(types.pods, namespace, name, { ...pod, status: sim.status }, { subresource: 'status', fieldManager: FieldManager.Kubelet });
    }
    if (sim.nextInMs !== undefined) queue.addAfter(key, sim.nextInMs);
  }

  return {
    name: 'kubelet',
    onChange(change: StoreChange): void {
      if (change.resource !== Bucket.Pods) return;
      if (change.type === ChangeType.Deleted) {
        runtimes.delete(change.object.metadata.uid ?? '');
        return;
      }
      if (!isDeleting(change.object)) queue.add(nsKey(change.object));
    },
    resync(): void {
      for (const pod of api.ctx.store.list(Bucket.Pods)) queue.add(nsKey(pod));
    },
    stop(): void {
      queue.stop();
    },
    pause(): void {
      queue.pause();
    },
    resume(): void {
      queue.resume();
    },
    get paused(): boolean {
      return queue.paused;
    },
  };
}
