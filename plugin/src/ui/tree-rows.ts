// Tree rows (NAME, KIND, STATUS, AGE, INFO) for rollouts and experiments, as pure cell arrays.
// parity: argo-rollouts cmd/get/get_rollout.go, get_experiment.go (Print*Info)
import { age, humanDuration, Icon, InfoTag, KindIcon, revisionGroups, toEpochMs } from '@serin/core';
import type { AnalysisRunInfo, ExperimentInfo, ReplicaSetInfo, RolloutInfo } from '@serin/core';
import type { Colorizer } from './color.js';

export type Row = readonly [name: string, kind: string, status: string, age: string, info: string];

export interface RowContext {
  readonly nowMs: number;
  readonly c: Colorizer;
}

export const headerRow: Row = ['NAME', 'KIND', 'STATUS', 'AGE', 'INFO'];

/** Child prefixes: not last → `├──` and `│  ` for grandchildren; last → `└──` and three spaces. */
export function prefixes(isLast: boolean, sub: string): { prefix: string; sub: string } {
  return isLast ? { prefix: `${sub}└──`, sub: `${sub}   ` } : { prefix: `${sub}├──`, sub: `${sub}│  ` };
}

/** `delay:<HumanDuration(deadline − now)>`, `delay:passed` once past, `delay:` when unparsable. */
export function scaleDownDelay(deadline: string, nowMs: number): string {
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(deadline) ? toEpochMs(deadline) : undefined;
  if (ms === undefined) return '';
  return ms < nowMs ? 'passed' : humanDuration(ms - nowMs);
}

function replicaSetRows(rs: ReplicaSetInfo, prefix: string, sub: string, ctx: RowContext): Row[] {
  const { c } = ctx;
  const info: string[] = [];
  let name = rs.name;
  const tag = (t: string) => {
    info.push(c.word(t));
    name = c.as(name, t);
  };
  if (rs.stable) tag(InfoTag.Stable);
  if (rs.canary) tag(InfoTag.Canary);
  else if (rs.active) tag(InfoTag.Active);
  else if (rs.preview) tag(InfoTag.Preview);
  if (rs.ping) tag(InfoTag.Ping);
  if (rs.pong) tag(InfoTag.Pong);
  if (rs.scaleDownDeadline !== '') info.push(`delay:${scaleDownDelay(rs.scaleDownDeadline, ctx.nowMs)}`);
  const rows: Row[] = [
    [`${prefix}${KindIcon.ReplicaSet} ${name}`, 'ReplicaSet', `${c.word(rs.icon)} ${rs.status}`, age(rs.createdAt, ctx.nowMs), info.join(',')],
  ];
  rs.pods.forEach((pod, i) => {
    const p = prefixes(i === rs.pods.length - 1, sub);
    const podInfo = [`ready:${pod.ready}`];
    if (pod.restarts > 0) podInfo.push(`restarts:${pod.restarts}`);
    rows.push([`${p.prefix}${KindIcon.Pod} ${pod.name}`, 'Pod', `${c.word(pod.icon)} ${pod.status}`, age(pod.createdAt, ctx.nowMs), podInfo.join(',')]);
  });
  return rows;
}

function analysisRunRows(ar: AnalysisRunInfo, prefix: string, sub: string, ctx: RowContext): Row[] {
  const { c } = ctx;
  const counters: string[] = [];
  if (ar.successful > 0) counters.push(`${c.word(Icon.OK)} ${ar.successful}`);
  if (ar.failed > 0) counters.push(`${c.word(Icon.Bad)} ${ar.failed}`);
  if (ar.inconclusive > 0) counters.push(`${c.word(Icon.Unknown)} ${ar.inconclusive}`);
  if (ar.error > 0) counters.push(`${c.word(Icon.Warning)} ${ar.error}`);
  const rows: Row[] = [
    [`${prefix}${KindIcon.AnalysisRun} ${c.as(ar.name, ar.status)}`, 'AnalysisRun', `${c.word(ar.icon)} ${ar.status}`, age(ar.createdAt, ctx.nowMs), counters.join(',')],
  ];
  ar.jobs.forEach((job, i) => {
    const p = prefixes(i === ar.jobs.length - 1, sub);
    rows.push([`${p.prefix}${KindIcon.Job} ${c.as(job.name, job.status)}`, 'Job', `${c.word(job.icon)} ${job.status}`, age(job.createdAt, ctx.nowMs), '']);
  });
  return rows;
}

/** An experiment row, then its ReplicaSets (with pods) and AnalysisRuns (with jobs). */
export function experimentRows(exp: ExperimentInfo, prefix: string, sub: string, ctx: RowContext): Row[] {
  const { c } = ctx;
  const rows: Row[] = [
    [`${prefix}${KindIcon.Experiment} ${c.as(exp.name, exp.status)}`, 'Experiment', `${c.word(exp.icon)} ${exp.status}`, age(exp.createdAt, ctx.nowMs), ''],
  ];
  const total = exp.replicaSets.length + exp.analysisRuns.length;
  let i = 0;
  for (const rs of exp.replicaSets) {
    const p = prefixes(i++ === total - 1, sub);
    rows.push(...replicaSetRows(rs, p.prefix, p.sub, ctx));
  }
  for (const ar of exp.analysisRuns) {
    const p = prefixes(i++ === total - 1, sub);
    rows.push(...analysisRunRows(ar, p.prefix, p.sub, ctx));
  }
  return rows;
}

/** Rollout row, then per revision (newest first): ReplicaSets, Experiments, AnalysisRuns. */
export function rolloutRows(ro: RolloutInfo, ctx: RowContext): Row[] {
  const rows: Row[] = [
    [`${KindIcon.Rollout} ${ro.name}`, 'Rollout', `${ctx.c.word(ro.icon)} ${ro.status}`, age(ro.createdAt, ctx.nowMs), ''],
  ];
  const groups = revisionGroups(ro);
  groups.forEach((g, gi) => {
    const rev = prefixes(gi === groups.length - 1, '');
    rows.push([`${rev.prefix}${KindIcon.Revision} revision:${g.revision}`, '', ' ', '', '']);
    const total = g.replicaSets.length + g.experiments.length + g.analysisRuns.length;
    let i = 0;
    for (const rs of g.replicaSets) {
      const p = prefixes(i++ === total - 1, rev.sub);
      rows.push(...replicaSetRows(rs, p.prefix, p.sub, ctx));
    }
    for (const exp of g.experiments) {
      const p = prefixes(i++ === total - 1, rev.sub);
      rows.push(...experimentRows(exp, p.prefix, p.sub, ctx));
    }
    for (const ar of g.analysisRuns) {
      const p = prefixes(i++ === total - 1, rev.sub);
      rows.push(...analysisRunRows(ar, p.prefix, p.sub, ctx));
    }
  });
  return rows;
}
