// AnalysisRun rows with measurement counters and Job children.
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info/analysisrun_info.go
import type { AnalysisRunLike } from './types.js';
import type { AnalysisRunInfo, JobInfo } from './model.js';
import { analysisIcon } from './icons.js';
import { toEpochMs } from './duration.js';
import { isOwnedBy, parseRevision } from './owners.js';

const JobNameKey = 'job-name';
const JobNamespaceKey = 'job-namespace';

/** Jobs: per metric in metricResults order, one per measurement whose metadata names a job (oldest first). */
function jobsOf(run: AnalysisRunLike): JobInfo[] {
  const jobs: JobInfo[] = [];
  for (const mr of run.status?.metricResults ?? []) {
    for (const m of mr.measurements ?? []) {
      const jobName = m.metadata?.[JobNameKey];
      if (jobName === undefined) continue;
      const phase = m.phase ?? '';
      jobs.push({
        name: jobName,
        namespace: m.metadata?.[JobNamespaceKey] ?? run.metadata?.namespace ?? '',
        createdAt: toEpochMs(m.startedAt),
        status: phase,
        icon: analysisIcon(phase),
        metricName: mr.name,
      });
    }
  }
  return jobs;
}

/** Order: revision descending, creation ascending, then name descending. */
export function compareAnalysisRuns(a: AnalysisRunInfo, b: AnalysisRunInfo): number {
  if (a.revision !== b.revision) return b.revision - a.revision;
  const ta = a.createdAt ?? 0;
  const tb = b.createdAt ?? 0;
  if (ta !== tb) return ta - tb;
  return a.name > b.name ? -1 : a.name < b.name ? 1 : 0;
}

export function newAnalysisRunInfo(run: AnalysisRunLike): AnalysisRunInfo {
  const phase = run.status?.phase ?? '';
  const sum = (pick: (r: { successful?: number; failed?: number; inconclusive?: number; error?: number }) => number | undefined) =>
    (run.status?.metricResults ?? []).reduce((n, r) => n + (pick(r) ?? 0), 0);
  return {
    name: run.metadata?.name ?? '',
    namespace: run.metadata?.namespace ?? '',
    createdAt: toEpochMs(run.metadata?.creationTimestamp),
    status: phase,
    icon: analysisIcon(phase),
    revision: parseRevision(run.metadata),
    successful: sum((r) => r.successful),
    failed: sum((r) => r.failed),
    inconclusive: sum((r) => r.inconclusive),
    error: sum((r) => r.error),
    jobs: jobsOf(run),
  };
}

/** AnalysisRuns controlled by `ownerUid` (Rollout or Experiment), sorted. */
export function getAnalysisRunInfos(ownerUid: string | undefined, runs: readonly AnalysisRunLike[]): AnalysisRunInfo[] {
  return runs.filter((r) => isOwnedBy(r.metadata, ownerUid)).map(newAnalysisRunInfo).sort(compareAnalysisRuns);
}
