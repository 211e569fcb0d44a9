/** Experiment reconciler test support: the blue-green fake cluster plus an Experiment store and recording client. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Experiment } from '@serin/api';
import { ObjectStore, Resources } from '@serin/kube';
import { parseAllDocuments } from 'yaml';
import { BlueGreenCluster, RecordingClient } from '../../bluegreen/test-support/harness.js';
import { ExperimentReconciler } from '../experiment-reconciler.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Upstream e2e manifests copied by the api package (Apache-2.0). */
export const UPSTREAM_FUNCTIONAL = join(here, '../../../../api/src/__fixtures__/upstream-e2e/functional');

/** Every document of an upstream manifest. */
export function upstreamManifest(file: string): unknown[] {
  return parseAllDocuments(readFileSync(join(UPSTREAM_FUNCTIONAL, file), 'utf8')).map((d) => d.toJS() as unknown);
}

const isKind = <T>(kind: string) => (o: unknown): o is T => typeof o === 'object' && o !== null && (o as { kind?: unknown }).kind === kind;
export const isExperiment = isKind<Experiment>('Experiment');

export class ExperimentCluster extends BlueGreenCluster {
  readonly experiments = new ObjectStore<Experiment>();
  readonly experimentClient = new RecordingClient<Experiment>(Resources.experiments, this.experiments, this);

  experimentReconciler(): ExperimentReconciler {
    return new ExperimentReconciler({
      experiments: this.experiments,
      replicaSets: this.replicaSets,
      services: this.services,
      analysisRuns: this.analysisRuns,
      analysisTemplates: this.analysisTemplates,
      clusterAnalysisTemplates: this.clusterAnalysisTemplates,
      experimentClient: this.experimentClient,
      replicaSetClient: this.replicaSetClient,
      serviceClient: this.serviceClient,
      analysisRunClient: this.analysisRunClient,
      recorder: this.recorder,
      clock: this.clock,
    });
  }

  /** Store an Experiment as the API server would after `kubectl create` (name, uid, namespace). */
  addExperiment(ex: Experiment, name = 'experiment-basic'): void {
    this.experiments.upsert({ ...ex, metadata: { ...ex.metadata, name, namespace: 'default', uid: `uid-${name}`, generation: 1, resourceVersion: String(this.nextResourceVersion()) } });
  }

  experiment(name = 'experiment-basic'): Experiment {
    const ex = this.experiments.get('default', name);
    if (ex === undefined) throw new Error(`no experiment ${name}`);
    return ex;
  }
}

/** Reconcile, settle pods, until a reconcile writes nothing; returns the last requeue delay. */
export async function convergeExperiment(cluster: ExperimentCluster, name = 'experiment-basic', maxRounds = 30): Promise<number | undefined> {
  const reconciler = cluster.experimentReconciler();
  let last: number | undefined;
  for (let round = 1; round <= maxRounds; round++) {
    const before = cluster.writes.length;
    last = (await reconciler.reconcile('default', name)).requeueAfterMs;
    cluster.settle();
    if (cluster.writes.length === before) return last;
  }
  throw new Error(`experiment did not converge in ${maxRounds} rounds`);
}
