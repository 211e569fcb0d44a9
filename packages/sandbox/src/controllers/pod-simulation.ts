import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';

/** How the simulated kubelet runs a pod, decided from its spec (images, restart policy, command). */
export const PodBehaviour = {
  /** Ready after the delay. */
  Normal: 'Normal',
  /** An image containing `slow-start`: ready after 5 × the delay. */
  SlowStart: 'SlowStart',
  /** An image containing `does-not-exist`: `ImagePullBackOff`, never ready. */
  ImagePullBackOff: 'ImagePullBackOff',
  /** An image containing `crash`: `CrashLoopBackOff` with a rising restart count, never ready. */
  CrashLoop: 'CrashLoop',
  /** restartPolicy Never/OnFailure and a command that ends: runs `sleep S`, then exits with `exit N` (0 if absent). */
  RunToCompletion: 'RunToCompletion',
} as const;
export type PodBehaviour = (typeof PodBehaviour)[keyof typeof PodBehaviour];

export interface PodPlan {
  behaviour: PodBehaviour;
  /** RunToCompletion only. */
  exitCode?: number;
  runMs?: number;
}

export const SLOW_START_FACTOR = 5;
/** Longest CrashLoopBackOff interval (kubelet's 5 minutes). */
export const MAX_CRASH_BACKOFF_MS = 300_000;

interface Container {
  name: string;
  image: string;
  command: string;
}

export function containersOf(pod: KubeObject): Container[] {
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  const list = Array.isArray(spec['containers']) ? spec['containers'] : [];
  return list.filter(isRecord).map((c) => ({
    name: typeof c['name'] === 'string' ? c['name'] : '',
    image: typeof c['image'] === 'string' ? c['image'] : '',
    command: [...strings(c['command']), ...strings(c['args'])].join(' '),
  }));
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Plan from the spec. Image markers win (first match among all containers: `does-not-exist`, then `crash`,
 * then `slow-start`); otherwise a pod whose restartPolicy is not Always and whose command mentions `exit N` or
 * `sleep S` runs to completion: `sleep S` first (seconds), then exit code N (0 without `exit`).
 */
export function planPod(pod: KubeObject): PodPlan {
  const containers = containersOf(pod);
  const images = containers.map((c) => c.image);
  if (images.some((i) => i.includes('does-not-exist'))) return { behaviour: PodBehaviour.ImagePullBackOff };
  if (images.some((i) => i.includes('crash'))) return { behaviour: PodBehaviour.CrashLoop };
  if (images.some((i) => i.includes('slow-start'))) return { behaviour: PodBehaviour.SlowStart };
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  const restartPolicy = typeof spec['restartPolicy'] === 'string' ? spec['restartPolicy'] : 'Always';
  if (restartPolicy !== 'Always') {
    const command = containers.map((c) => c.command).join(' ; ');
    const exit = /\bexit\s+(\d+)\s*;?\s*["']?\s*$/.exec(command);
    const sleep = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(command);
    if (exit !== null || sleep !== null) {
      return { behaviour: PodBehaviour.RunToCompletion, exitCode: exit !== null ? Number(exit[1]) : 0, runMs: sleep !== null ? Number(sleep[1]) * 1000 : 0 };
    }
  }
  return { behaviour: PodBehaviour.Normal };
}

export interface SimulationInput {
  pod: KubeObject;
  plan: PodPlan;
  /** Time since the kubelet started the pod. */
  elapsedMs: number;
  readyDelayMs: number;
  /** When the kubelet started the pod (epoch ms); every container timestamp derives from it. */
  startedAtMs: number;
  /** Transition time for conditions that change now. */
  now: string;
  podIP: string;
  hostIP: string;
}

export interface SimulatedStatus {
  status: JsonObject;
  /** Re-evaluate after this many ms (undefined: nothing changes by itself). */
  nextInMs?: number;
}

type ContainerPhase =
  | { kind: 'creating' }
  | { kind: 'pullBackOff' }
  | { kind: 'running'; ready: boolean }
  | { kind: 'crashLoop'; restarts: number }
  | { kind: 'terminated'; exitCode: number };

/**
 * Where the containers are at `elapsedMs`, and when that changes next. With d = the ready delay:
 * Normal: creating until d, then running+ready. SlowStart: the same with 5d. ImagePullBackOff: creating until d,
 * then pull back-off forever. CrashLoop: creating until d, then restarts = ⌊log2(elapsed/d)⌋ + 1 (back-off
 * doubles: restarts at d, 2d, 4d, … capped at 5 min). RunToCompletion: creating until d, running until d + run,
 * then terminated with the exit code.
 */
export function containerPhase(plan: PodPlan, elapsedMs: number, d: number): { phase: ContainerPhase; nextInMs?: number } {
  const delay = Math.max(d, 1);
  const startAt = plan.behaviour === PodBehaviour.SlowStart ? delay * SLOW_START_FACTOR : delay;
  if (elapsedMs < startAt) return { phase: { kind: 'creating' }, nextInMs: startAt - elapsedMs };
  switch (plan.behaviour) {
    case PodBehaviour.ImagePullBackOff:
      return { phase: { kind: 'pullBackOff' } };
    case PodBehaviour.CrashLoop: {
      const restarts = Math.floor(Math.log2(elapsedMs / delay)) + 1;
      const nextAt = Math.min(delay * 2 ** restarts, elapsedMs + MAX_CRASH_BACKOFF_MS);
      return { phase: { kind: 'crashLoop', restarts }, nextInMs: Math.max(1, nextAt - elapsedMs) };
    }
    case PodBehaviour.RunToCompletion: {
      const endAt = startAt + (plan.runMs ?? 0);
      if (elapsedMs < endAt) return { phase: { kind: 'running', ready: true }, nextInMs: endAt - elapsedMs };
      return { phase: { kind: 'terminated', exitCode: plan.exitCode ?? 0 } };
    }
    default:
      return { phase: { kind: 'running', ready: true } };
  }
}

/** Readiness-gate condition types (`spec.readinessGates[].conditionType`). */
export function readinessGates(pod: KubeObject): string[] {
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  const gates = Array.isArray(spec['readinessGates']) ? spec['readinessGates'] : [];
  return gates.filter(isRecord).map((g) => g['conditionType']).filter((c): c is string => typeof c === 'string');
}

export function podConditions(pod: KubeObject): JsonObject[] {
  const status = isRecord(pod['status']) ? pod['status'] : {};
  return Array.isArray(status['conditions']) ? status['conditions'].filter(isRecord) : [];
}

export function conditionStatus(pod: KubeObject, type: string): string | undefined {
  const c = podConditions(pod).find((x) => x['type'] === type);
  return typeof c?.['status'] === 'string' ? c['status'] : undefined;
}

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const;

/**
 * The status the kubelet reports: phase, conditions (Ready needs ready containers and every readiness gate's
 * condition True), container statuses, IPs. Conditions the kubelet does not own (readiness gates, written by
 * other controllers) are kept; a condition keeps its lastTransitionTime while its status is unchanged.
 */
export function simulatePodStatus(input: SimulationInput): SimulatedStatus {
  const { pod, plan, now } = input;
  const { phase, nextInMs } = containerPhase(plan, input.elapsedMs, input.readyDelayMs);
  const containers = containersOf(pod);
  const containersReady = phase.kind === 'running' && phase.ready;
  const gates = readinessGates(pod);
  const missingGates = gates.filter((g) => conditionStatus(pod, g) !== 'True');
  const ready = containersReady && missingGates.length === 0;
  const names = containers.map((c) => c.name).join(' ');
  const started = phase.kind !== 'creating' && phase.kind !== 'pullBackOff';
  const podPhase = phase.kind === 'terminated' ? (phase.exitCode === 0 ? 'Succeeded' : 'Failed') : phase.kind === 'creating' || phase.kind === 'pullBackOff' ? 'Pending' : 'Running';

  let notReady: JsonObject = { reason: 'ContainersNotReady', message: `containers with unready status: [${names}]` };
  if (phase.kind === 'terminated') notReady = { reason: 'PodCompleted' };
  else if (containersReady) {
    const gate = missingGates[0] ?? '';
    notReady = { reason: 'ReadinessGatesNotReady', message: `corresponding condition of pod readiness gate "${gate}" does not exist.` };
  }
  const want: Record<(typeof KUBELET_CONDITIONS)[number], JsonObject> = {
    PodReadyToStartContainers: { status: phase.kind === 'terminated' ? 'False' : 'True' },
    Initialized: { status: 'True' },
    Ready: ready ? { status: 'True' } : { status: 'False', ...notReady },
    ContainersReady: containersReady ? { status: 'True' } : { status: 'False', ...(phase.kind === 'terminated' ? { reason: 'PodCompleted' } : { reason: 'ContainersNotReady', message: `containers with unready status: [${names}]` }) },
    PodScheduled: { status: 'True' },
  };
  const previous = podConditions(pod);
  const conditions: JsonObject[] = KUBELET_CONDITIONS.map((type) => {
    const old = previous.find((c) => c['type'] === type);
    const lastTransitionTime = old !== undefined && old['status'] === want[type]['status'] ? old['lastTransitionTime'] : now;
    return { type, ...want[type], lastProbeTime: null, lastTransitionTime };
  });
  for (const c of previous) if (!(KUBELET_CONDITIONS as readonly unknown[]).includes(c['type'])) conditions.push(c);

  const old = isRecord(pod['status']) ? pod['status'] : {};
  const containerStatuses = containers.map((c, i) => {
    return {
      name: c.name,
      image: c.image,
      imageID: started ? `docker.io/library/${c.image}@sha256:${'0'.repeat(64)}` : '',
      ...(started ? { containerID: `containerd://${(pod.metadata.uid ?? '').replace(/-/g, '')}${i}` } : {}),
      ready: containersReady,
      started: phase.kind === 'running',
      restartCount: phase.kind === 'crashLoop' ? phase.restarts : 0,
      ...containerState(phase, c.image, input),
    };
  });
  const status: JsonObject = {
    ...old,
    phase: podPhase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    podIP: input.podIP,
    podIPs: [{ ip: input.podIP }],
    startTime: iso(input.startedAtMs),
    qosClass: typeof old['qosClass'] === 'string' ? old['qosClass'] : 'BestEffort',
    containerStatuses,
  };
  return nextInMs === undefined ? { status } : { status, nextInMs };
}

/** Whole-second RFC 3339 of an epoch-ms instant. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Container state; its timestamps are fixed points on the pod's timeline so re-evaluation is idempotent. */
function containerState(phase: ContainerPhase, image: string, input: SimulationInput): JsonObject {
  const d = Math.max(input.readyDelayMs, 1);
  const startAt = input.plan.behaviour === PodBehaviour.SlowStart ? d * SLOW_START_FACTOR : d;
  const runningSince = iso(input.startedAtMs + startAt);
  switch (phase.kind) {
    case 'creating':
      return { state: { waiting: { reason: 'ContainerCreating' } } };
    case 'pullBackOff':
      return { state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } };
    case 'crashLoop': {
      const lastRestart = input.startedAtMs + d * 2 ** (phase.restarts - 1);
      return {
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container` } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(lastRestart), finishedAt: iso(lastRestart) } },
      };
    }
    case 'terminated':
      return {
        state: {
          terminated: { exitCode: phase.exitCode, reason: phase.exitCode === 0 ? 'Completed' : 'Error', startedAt: runningSince, finishedAt: iso(input.startedAtMs + startAt + (input.plan.runMs ?? 0)) },
        },
      };
    default:
      return { state: { running: { startedAt: runningSince } } };
  }
}
