/** Experiment reconciler test support: the blue-green fake cluster plus an Experiment store and recording client. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Experiment } from '@serin/api';
import { KubeError, type KubeObject, type Lister, ObjectStore, type ResourceClient, type ResourceDescriptor, Resources, isNotFound } from '@serin/kube';
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

/** `replicasets.apps "x" not found`: the API server's NotFound text (`<plural>.<group>`, core group bare). */
const notFoundText = (resource: ResourceDescriptor, name: string): string => `${resource.plural}${resource.group === '' ? '' : `.${resource.group}`} "${name}" not found`;

/** Writes the API server refuses, by verb, each keyed `Kind/name`. */
export interface ServerFaults {
  readonly create: ReadonlyMap<string, KubeError>;
  readonly patch: ReadonlyMap<string, KubeError>;
  readonly delete: ReadonlyMap<string, KubeError>;
}

/** The client as the API server answers: a write listed in `faults` (`Kind/name`) fails; NotFound carries the server's text. */
function serverClient<T extends KubeObject>(client: ResourceClient<T>, resource: ResourceDescriptor, faults: ServerFaults): ResourceClient<T> {
  const refuse = (verb: keyof ServerFaults, name: string): void => {
    const fault = faults[verb].get(`${resource.kind}/${name}`);
    if (fault !== undefined) throw fault;
  };
  const overrides: Pick<ResourceClient<T>, 'create' | 'get' | 'patchMerge' | 'delete'> = {
    create: async (namespace, obj) => {
      refuse('create', obj.metadata?.name ?? '');
      return client.create(namespace, obj);
    },
    patchMerge: async (namespace, name, patch) => {
      refuse('patch', name);
      return client.patchMerge(namespace, name, patch);
    },
    delete: async (namespace, name) => {
      refuse('delete', name);
      return client.delete(namespace, name);
    },
    get: async (namespace, name) => {
      try {
        return await client.get(namespace, name);
      } catch (err) {
        if (isNotFound(err)) throw new KubeError(404, 'NotFound', notFoundText(resource, name), { cause: err });
        throw err;
      }
    },
  };
  return Object.assign(Object.create(client) as ResourceClient<T>, overrides);
}

/** The cache without the objects named in `hidden` (a watch that has not delivered them yet). */
function laggingLister<T extends KubeObject>(lister: Lister<T>, hidden: ReadonlySet<string>): Lister<T> {
  const shown = (o: T): boolean => !hidden.has(o.metadata?.name ?? '');
  const overrides: Pick<Lister<T>, 'get' | 'list' | 'ownedBy'> = {
    get: (namespace, name) => (hidden.has(name) ? undefined : lister.get(namespace, name)),
    list: (namespace) => lister.list(namespace).filter(shown),
    ownedBy: (uid) => lister.ownedBy(uid).filter(shown),
  };
  return Object.assign(Object.create(lister) as Lister<T>, overrides);
}

export class ExperimentCluster extends BlueGreenCluster {
  readonly experiments = new ObjectStore<Experiment>();
  readonly experimentClient = new RecordingClient<Experiment>(Resources.experiments, this.experiments, this);
  /** Creates the API server refuses, by `Kind/name` (e.g. `ReplicaSet/experiment-basic-canary`). */
  readonly createFaults = new Map<string, KubeError>();
  /** Merge patches the API server refuses, by `Kind/name`. */
  readonly patchFaults = new Map<string, KubeError>();
  /** Deletes the API server refuses, by `Kind/name`. */
  readonly deleteFaults = new Map<string, KubeError>();
  /** Names of Services and AnalysisRuns the reconciler's cache does not show yet (the server has them). */
  readonly notInCache = new Set<string>();

  private get faults(): ServerFaults {
    return { create: this.createFaults, patch: this.patchFaults, delete: this.deleteFaults };
  }

  experimentReconciler(): ExperimentReconciler {
    return new ExperimentReconciler({
      experiments: this.experiments,
      replicaSets: this.replicaSets,
      services: laggingLister(this.services, this.notInCache),
      analysisRuns: laggingLister(this.analysisRuns, this.notInCache),
      analysisTemplates: this.analysisTemplates,
      clusterAnalysisTemplates: this.clusterAnalysisTemplates,
      experimentClient: this.experimentClient,
      replicaSetClient: serverClient(this.replicaSetClient, Resources.replicaSets, this.faults),
      serviceClient: serverClient(this.serviceClient, Resources.services, this.faults),
      analysisRunClient: serverClient(this.analysisRunClient, Resources.analysisRuns, this.faults),
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
