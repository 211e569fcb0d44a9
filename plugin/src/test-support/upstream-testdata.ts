// Loads upstream's info testdata directories (copied under ./testdata) the way upstream's testdata.go does:
// every object's creationTimestamp = now − 7 days, and the first metric's measurements start/finish then too.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { InfoObjects, RolloutLike, ExperimentLike } from '@serin/core';
import { WeekMs } from './fixtures.js';

const dir = fileURLToPath(new URL('./testdata/', import.meta.url));

export type TestdataDir = 'canary' | 'experiment-analysis' | 'experiment-step' | 'rollout-invalid';

export interface Testdata {
  readonly rollouts: readonly RolloutLike[];
  readonly objects: InfoObjects;
  readonly experiments: readonly ExperimentLike[];
}

interface Obj {
  kind: string;
  metadata: Record<string, unknown>;
  status?: { metricResults?: { measurements?: Record<string, unknown>[] }[] };
}

export function loadTestdata(name: TestdataDir, nowMs: number): Testdata {
  const created = new Date(nowMs - WeekMs).toISOString().replace('.000Z', 'Z');
  const objs = readdirSync(`${dir}${name}`)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(readFileSync(`${dir}${name}/${f}`, 'utf8')) as Obj)
    .map((o) => {
      const first = o.status?.metricResults?.[0];
      if (o.kind === 'AnalysisRun' && first?.measurements !== undefined) {
        first.measurements = first.measurements.map((m) => ({ ...m, startedAt: created, finishedAt: created }));
      }
      return { ...o, metadata: { ...o.metadata, creationTimestamp: created } };
    });
  const ofKind = <T>(kind: string) => objs.filter((o) => o.kind === kind) as unknown as T[];
  const experiments = ofKind<ExperimentLike>('Experiment');
  return {
    rollouts: ofKind<RolloutLike>('Rollout'),
    experiments,
    objects: { replicaSets: ofKind('ReplicaSet'), pods: ofKind('Pod'), experiments, analysisRuns: ofKind('AnalysisRun') },
  };
}
