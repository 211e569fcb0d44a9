// `list rollouts` / `list experiments` tables. parity: argo-rollouts cmd/list/rollloutinfo.go, list_experiments.go
import { age as ageOf, humanDuration, newRolloutInfo, toEpochMs } from '@serin/core';
import type { ExperimentLike, RolloutLike } from '@serin/core';
import { parseDurationString } from '@serin/core';
import { tabulate } from './tabwriter.js';

export interface ListColumns {
  readonly allNamespaces: boolean;
  /** `TIMESTAMP` column value (`2006-01-02T15:04:05Z`), or undefined for no column. */
  readonly timestamp?: string;
}

const pad = (v: string | number, n: number) => String(v).padEnd(n);

/** Go `%-Ns` pads by code points. */
const padS = (v: string, n: number) => v + ' '.repeat(Math.max(0, n - [...v].length));

const noObjects = { replicaSets: [], pods: [], experiments: [], analysisRuns: [] };

export const rolloutHeaderCells = ['NAME', 'STRATEGY', 'STATUS', 'STEP', 'SET-WEIGHT', 'READY', 'DESIRED', 'UP-TO-DATE', 'AVAILABLE'];

/** The values a rollout row shows; also the change key for `list -w`. */
export function rolloutRowValues(ro: RolloutLike): string[] {
  const info = newRolloutInfo(ro, noObjects);
  const canary = info.strategy === 'Canary';
  const s = ro.status ?? {};
  return [
    info.name,
    info.strategy === '' ? 'unknown' : info.strategy,
    info.status,
    canary && info.step !== '' ? info.step : '-',
    canary ? info.setWeight : '-',
    `${s.readyReplicas ?? 0}/${s.replicas ?? 0}`,
    String(ro.spec?.replicas ?? 1),
    String(s.updatedReplicas ?? 0),
    String(s.availableReplicas ?? 0),
  ];
}

/** `%-10s\t%-9s\t%-12s\t%-4s\t%-10s\t%-5s\t%-7d\t%-10d\t%-9d`, with `%-9s\t` namespace / `%-20s\t` timestamp prefixes. */
export function rolloutRowCells(ro: RolloutLike, cols: ListColumns): string[] {
  const widths = [10, 9, 12, 4, 10, 5, 7, 10, 9];
  const cells = rolloutRowValues(ro).map((v, i) => padS(v, widths[i] ?? 0));
  if (cols.allNamespaces) cells.unshift(padS(ro.metadata?.namespace ?? '', 9));
  if (cols.timestamp !== undefined) cells.unshift(pad(cols.timestamp, 20));
  return cells;
}

export function rolloutHeader(cols: ListColumns): string[] {
  return [...(cols.timestamp !== undefined ? ['TIMESTAMP'] : []), ...(cols.allNamespaces ? ['NAMESPACE'] : []), ...rolloutHeaderCells];
}

export function renderRolloutTable(rollouts: readonly RolloutLike[], cols: ListColumns): string {
  return tabulate([rolloutHeader(cols), ...rollouts.map((r) => rolloutRowCells(r, cols))]);
}

/** Go time formatted as `2006-01-02T15:04:05Z` (UTC, truncated to seconds). */
export function listTimestamp(nowMs: number): string {
  return new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const completed = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);

/** One experiment row: NAME, STATUS, DURATION, REMAINING, AGE (`%-10s\t%-6s\t%-8s\t%-9s\t%-3s`). */
export function experimentRowCells(exp: ExperimentLike, nowMs: number, allNamespaces: boolean): string[] {
  const created = toEpochMs(exp.metadata?.creationTimestamp);
  const age = ageOf(created, nowMs);
  let dur = '-';
  let remaining = '-';
  const durationMs = exp.spec?.duration !== undefined && exp.spec.duration !== '' ? parseDurationString(exp.spec.duration) : undefined;
  if (durationMs !== undefined) {
    dur = humanDuration(durationMs);
    const availableAt = toEpochMs(exp.status?.availableAt);
    if (!completed.has(exp.status?.phase ?? '') && availableAt !== undefined) {
      const left = availableAt + durationMs - nowMs;
      if (left > 0) remaining = humanDuration(left);
    }
  }
  const cells = [padS(exp.metadata?.name ?? '', 10), padS(exp.status?.phase ?? '', 6), padS(dur, 8), padS(remaining, 9), padS(age, 3)];
  if (allNamespaces) cells.unshift(padS(exp.metadata?.namespace ?? '', 9));
  return cells;
}

export function renderExperimentTable(exps: readonly ExperimentLike[], nowMs: number, allNamespaces: boolean): string {
  const header = [...(allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'STATUS', 'DURATION', 'REMAINING', 'AGE'];
  return tabulate([header, ...exps.map((e) => experimentRowCells(e, nowMs, allNamespaces))]);
}
