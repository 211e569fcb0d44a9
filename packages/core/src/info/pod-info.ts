// Pod rows: kubectl-style status reason, ready count and restarts.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/pod_info.go (mirrors kubectl's printPod)
import type { ContainerStatusLike, PodLike } from './types.js';
import type { PodInfo } from './model.js';
import { podIcon } from './icons.js';
import { toEpochMs } from './duration.js';

const NodeUnreachablePodReason = 'NodeLost';

interface InitOutcome {
  readonly reason: string | undefined;
  readonly restarts: number;
}

/**
 * Init containers, in order, until the first one that is not done: a failed one gives `Init:<reason>` /
 * `Init:Signal:<n>` / `Init:ExitCode:<n>`; a waiting one `Init:<reason>`; otherwise `Init:<i>/<n>`.
 * Succeeded init containers and started+ready restartable (sidecar) ones are skipped.
 */
function initContainerReason(pod: PodLike): InitOutcome {
  const specInit = pod.spec?.initContainers ?? [];
  const sidecar = new Set(specInit.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let restarts = 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [i, c] of statuses.entries()) {
    restarts += c.restartCount ?? 0;
    const term = c.state?.terminated;
    if (term !== undefined && (term.exitCode ?? 0) === 0) continue;
    if (term !== undefined) {
      if ((term.reason ?? '') !== '') return { reason: `Init:${term.reason}`, restarts };
      return { reason: (term.signal ?? 0) !== 0 ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`, restarts };
    }
    if (sidecar.has(c.name) && c.started === true) {
      if (c.ready === true) continue;
      return { reason: undefined, restarts };
    }
    const waiting = c.state?.waiting?.reason ?? '';
    if (waiting !== '' && waiting !== 'PodInitializing') return { reason: `Init:${waiting}`, restarts };
    return { reason: `Init:${i}/${specInit.length}`, restarts };
  }
  return { reason: undefined, restarts };
}

/** Main containers, last to first: waiting reason, terminated reason, `Signal:n`, `ExitCode:n`, or ready+running. */
function containerReason(statuses: readonly ContainerStatusLike[], start: string) {
  let reason = start;
  let restarts = 0;
  let ready = 0;
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    if (c === undefined) continue;
    restarts += c.restartCount ?? 0;
    const waiting = c.state?.waiting?.reason ?? '';
    const term = c.state?.terminated;
    if (waiting !== '') reason = waiting;
    else if (term !== undefined && (term.reason ?? '') !== '') reason = term.reason ?? '';
    else if (term !== undefined) reason = (term.signal ?? 0) !== 0 ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
    else if (c.ready === true && c.state?.running !== undefined) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) reason = 'Running';
  return { reason, restarts, ready };
}

/** Project one pod: status reason (phase, overridden by status.reason, init/containers, Terminating), icon, ready, restarts. */
export function newPodInfo(pod: PodLike): PodInfo {
  const phase = pod.status?.phase ?? '';
  let reason = (pod.status?.reason ?? '') !== '' ? (pod.status?.reason ?? '') : phase;
  const init = initContainerReason(pod);
  let restarts: number;
  let readyContainers = 0;
  if (init.reason !== undefined) {
    reason = init.reason;
    restarts = init.restarts;
  } else {
    const main = containerReason(pod.status?.containerStatuses ?? [], reason);
    reason = main.reason;
    restarts = main.restarts;
    readyContainers = main.ready;
  }
  if (pod.metadata?.deletionTimestamp !== undefined) {
    reason = pod.status?.reason === NodeUnreachablePodReason ? 'Unknown' : 'Terminating';
  }
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    createdAt: toEpochMs(pod.metadata?.creationTimestamp),
    status: reason,
    icon: podIcon(reason),
    ready: `${readyContainers}/${(pod.spec?.containers ?? []).length}`,
    restarts,
  };
}

/** Pods order: creation time ascending, then name ascending. */
export function comparePods(a: PodInfo, b: PodInfo): number {
  const ta = a.createdAt ?? 0;
  const tb = b.createdAt ?? 0;
  if (ta !== tb) return ta - tb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
