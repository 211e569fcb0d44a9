// Upstream recorded CLI fixtures (pkg/kubectl-argo-rollouts/info/testdata via /work/shared/upstream).
// The recorded objects have no uid/creationTimestamp; like upstream's testdata loader we stamp every object
// with `now − 7 days`, and give each owner the uid its dependants' ownerReferences name.
import { readFileSync } from 'node:fs';
import type { AnalysisRunLike, ExperimentLike, InfoObjects, PodLike, ReplicaSetLike, RolloutLike } from '@serin/core';

export const fixturesDir = '/work/shared/upstream/argo-rollouts/cli-fixtures';
export const FixtureNow = Date.parse('2026-11-20T12:00:00Z');
export const WeekMs = 7 * 24 * 3600 * 1000;

export type FixtureName = 'TestGetCanaryRollout' | 'TestGetBlueGreenRollout' | 'TestGetAbortedRollout';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string; creationTimestamp?: string; ownerReferences?: { kind: string; name: string; uid: string }[] };
  [key: string]: unknown;
}

export interface Fixture {
  readonly rolloutName: string;
  readonly namespace: string;
  /** Objects as recorded (no uid, no timestamps), for loading into an API server. */
  readonly raw: readonly K8sObject[];
  readonly rollout: RolloutLike;
  readonly objects: InfoObjects;
}

export function loadFixture(name: FixtureName, nowMs = FixtureNow): Fixture {
  const file = JSON.parse(readFileSync(`${fixturesDir}/${name}/objects.json`, 'utf8')) as {
    rollout: string;
    namespace: string;
    objects: K8sObject[];
  };
  const ownerUids = new Map<string, string>();
  for (const o of file.objects) for (const ref of o.metadata.ownerReferences ?? []) ownerUids.set(`${ref.kind}/${ref.name}`, ref.uid);
  const created = new Date(nowMs - WeekMs).toISOString().replace('.000Z', 'Z');
  const stamped = file.objects.map((o) => ({
    ...o,
    metadata: { ...o.metadata, uid: ownerUids.get(`${o.kind}/${o.metadata.name}`) ?? `uid-${o.kind}-${o.metadata.name}`, creationTimestamp: created },
  }));
  const ofKind = <T>(kind: string) => stamped.filter((o) => o.kind === kind) as unknown as T[];
  const rollout = ofKind<RolloutLike>('Rollout').find((r) => r.metadata?.name === file.rollout);
  if (rollout === undefined) throw new Error(`fixture ${name} has no rollout ${file.rollout}`);
  return {
    rolloutName: file.rollout,
    namespace: file.namespace,
    raw: file.objects,
    rollout,
    objects: {
      replicaSets: ofKind<ReplicaSetLike>('ReplicaSet'),
      pods: ofKind<PodLike>('Pod'),
      experiments: ofKind<ExperimentLike>('Experiment'),
      analysisRuns: ofKind<AnalysisRunLike>('AnalysisRun'),
    },
  };
}
