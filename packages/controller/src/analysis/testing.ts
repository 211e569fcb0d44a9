/**
 * Test fakes for the analysis reconciler: an ObjectStore-backed AnalysisRun client that applies RFC 7386 merge
 * patches and records every write, a scripted metric provider, and a secret reader.
 */
import type { V1Secret } from '@kubernetes/client-node';
import type { AnalysisRun, Measurement, Metric } from '@serin/api';
import { KubeError, type KubeList, type MergePatch, ObjectStore, type ResourceClient, Resources, isRecord } from '@serin/kube';
import type { MetricProvider, ProviderFactory } from './provider.js';
import type { SecretReader } from './secret-args.js';

export interface Write {
  readonly verb: 'create' | 'patch' | 'delete';
  readonly name: string;
  readonly body?: unknown;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class FakeAnalysisRuns {
  readonly store = new ObjectStore<AnalysisRun>();
  readonly writes: Write[] = [];
  private rv = 100;

  add(run: AnalysisRun): void {
    this.store.upsert({ ...structuredClone(run), metadata: { namespace: 'default', uid: `uid-${run.metadata?.name ?? ''}`, ...run.metadata, resourceVersion: String(++this.rv) } });
  }

  get(name: string): AnalysisRun {
    const run = this.store.get('default', name);
    if (run === undefined) throw new Error(`no run ${name}`);
    return run;
  }

  readonly client: ResourceClient<AnalysisRun> = {
    resource: Resources.analysisRuns,
    get: async (ns, name) => {
      const run = this.store.get(ns, name);
      if (run === undefined) throw new KubeError(404, 'NotFound', `analysisruns.argoproj.io "${name}" not found`);
      return structuredClone(run);
    },
    list: async (ns): Promise<KubeList<AnalysisRun>> => ({ items: structuredClone(this.store.list(ns)) }),
    create: async (_ns, obj) => {
      this.writes.push({ verb: 'create', name: obj.metadata?.name ?? '', body: obj });
      if (this.store.get(_ns, obj.metadata?.name ?? '') !== undefined) throw new KubeError(409, 'AlreadyExists', `analysisruns.argoproj.io "${obj.metadata?.name ?? ''}" already exists`);
      this.add(obj);
      return structuredClone(obj);
    },
    update: async () => {
      throw new Error('update not expected');
    },
    updateStatus: async () => {
      throw new Error('AnalysisRun has no status subresource');
    },
    patchMerge: async (ns, name, patch: MergePatch) => {
      this.writes.push({ verb: 'patch', name, body: structuredClone(patch) });
      const current = this.store.get(ns, name);
      if (current === undefined) throw new KubeError(404, 'NotFound', `analysisruns.argoproj.io "${name}" not found`);
      const next = mergePatch(structuredClone(current), patch) as AnalysisRun;
      next.metadata = { ...next.metadata, resourceVersion: String(++this.rv) };
      this.store.upsert(next);
      return structuredClone(next);
    },
    patchStatusMerge: async () => {
      throw new Error('AnalysisRun has no status subresource');
    },
    delete: async (ns, name) => {
      this.writes.push({ verb: 'delete', name });
      const current = this.store.get(ns, name);
      if (current === undefined) throw new KubeError(404, 'NotFound', `analysisruns.argoproj.io "${name}" not found`);
      this.store.remove(current);
    },
  };
}

export type Step = (metric: Metric, measurement?: Measurement) => Measurement | Promise<Measurement>;

/** A provider whose outcomes are scripted per call; records calls. */
export class ScriptedProvider implements MetricProvider {
  readonly type = 'Web';
  readonly calls: Array<{ op: 'run' | 'resume' | 'terminate' | 'gc'; metric: Metric; limit?: number }> = [];
  constructor(private readonly steps: { run?: Step; resume?: Step; terminate?: Step }) {}
  metadata(): Record<string, string> | undefined {
    return undefined;
  }
  async run(_r: AnalysisRun, metric: Metric): Promise<Measurement> {
    this.calls.push({ op: 'run', metric });
    if (this.steps.run === undefined) throw new Error('run not scripted');
    return this.steps.run(metric);
  }
  async resume(_r: AnalysisRun, metric: Metric, m: Measurement): Promise<Measurement> {
    this.calls.push({ op: 'resume', metric });
    return this.steps.resume === undefined ? m : this.steps.resume(metric, m);
  }
  async terminate(_r: AnalysisRun, metric: Metric, m: Measurement): Promise<Measurement> {
    this.calls.push({ op: 'terminate', metric });
    return this.steps.terminate === undefined ? m : this.steps.terminate(metric, m);
  }
  async garbageCollect(_r: AnalysisRun, metric: Metric, limit: number): Promise<void> {
    this.calls.push({ op: 'gc', metric, limit });
  }
}

export const providerFactory = (provider: MetricProvider): ProviderFactory => () => provider;

export const secretReader = (secrets: Record<string, Record<string, string>>): SecretReader => ({
  get: async (_ns, name): Promise<V1Secret> => {
    const data = secrets[name];
    if (data === undefined) throw new KubeError(404, 'NotFound', `secrets "${name}" not found`);
    return { metadata: { name }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) };
  },
});
