// `create -f` and `create analysisrun`. parity: argo-rollouts cmd/create/create.go, utils/analysis/helpers.go
import { Resources } from '../kube/cluster.js';
import type { KubeObject, ResourceType } from '../kube/cluster.js';
import type { ActionContext } from './context.js';
import { UsageError, UserError } from './context.js';
import { decodeOne, readText } from './files.js';
import type { ReadText } from './files.js';
import { unknownFieldError } from './lint-rules.js';

/** kind → resource and the singular printed in `<singular>.argoproj.io/<name> created` (sic for CATs). */
const creatable: Readonly<Record<string, { rt: ResourceType; singular: string }>> = {
  Rollout: { rt: Resources.rollouts, singular: 'rollout' },
  Experiment: { rt: Resources.experiments, singular: 'experiment' },
  AnalysisTemplate: { rt: Resources.analysisTemplates, singular: 'analysistemplate' },
  ClusterAnalysisTemplate: { rt: Resources.clusterAnalysisTemplates, singular: 'analysistemplate' },
  AnalysisRun: { rt: Resources.analysisRuns, singular: 'analysisrun' },
};

export interface CreateOptions {
  readonly files: readonly string[];
  readonly watch: boolean;
  readonly read?: ReadText;
  /** Continue as `get rollout|experiment <name> --watch`. */
  readonly watchCreated?: (kind: 'Rollout' | 'Experiment', name: string) => Promise<void>;
}

export async function create(ctx: ActionContext, opts: CreateOptions): Promise<void> {
  if (opts.files.length === 0) throw new UsageError();
  if (opts.files.length > 1 && opts.watch) throw new UserError('Cannot watch multiple resources');
  const cluster = await ctx.cluster();
  const created: KubeObject[] = [];
  for (const file of opts.files) {
    const obj = decodeOne(await (opts.read ?? readText)(file));
    const unknown = unknownFieldError(obj);
    if (unknown !== undefined) throw new UserError(unknown);
    const [group] = (obj.apiVersion ?? '').split('/');
    const target = group === 'argoproj.io' ? creatable[obj.kind ?? ''] : undefined;
    if (target === undefined) throw new UserError(`creates of ${group?.includes('.') || (obj.apiVersion ?? '').includes('/') ? group : ''}/${obj.kind ?? ''} unsupported`);
    const ns = obj.metadata?.namespace ?? cluster.namespace;
    const saved = await cluster.create(target.rt, ns, obj);
    ctx.io.out(`${target.singular}.argoproj.io/${saved.metadata?.name ?? ''} created\n`);
    created.push(saved);
  }
  if (!opts.watch) return;
  const first = created[0];
  if (first?.kind !== 'Rollout' && first?.kind !== 'Experiment') throw new UserError('Can only watch resources of type Rollout or Experiment');
  await opts.watchCreated?.(first.kind, first.metadata?.name ?? '');
}

export interface CreateAnalysisRunOptions {
  readonly name?: string;
  readonly generateName?: string;
  readonly instanceId?: string;
  readonly args: readonly string[];
  readonly from?: string;
  readonly fromFile?: string;
  readonly global: boolean;
  readonly read?: ReadText;
}

interface Argument {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

/** `NAME=VALUE` flags (split at the first `=`). */
export function parseArgFlags(flags: readonly string[]): Argument[] {
  return flags.map((f) => {
    const i = f.indexOf('=');
    if (i < 0) throw new UserError('arguments must be in the form NAME=VALUE');
    return { name: f.slice(0, i), value: f.slice(i + 1) };
  });
}

/** Template args overridden by name from the flags; every arg must end with a value or valueFrom. */
export function mergeArgs(incoming: readonly Argument[], template: readonly Argument[]): Argument[] {
  const merged = template.map((a) => ({ ...a }));
  for (const arg of incoming) {
    const target = merged.find((a) => a.name === arg.name);
    if (target !== undefined && arg.value !== undefined) target.value = arg.value;
  }
  for (const a of merged) if (a.value === undefined && a.valueFrom === undefined) throw new UserError(`args.${a.name} was not resolved`);
  return merged;
}

export async function createAnalysisRun(ctx: ActionContext, opts: CreateAnalysisRunOptions): Promise<void> {
  const froms = (opts.from ? 1 : 0) + (opts.fromFile ? 1 : 0);
  if (froms !== 1) throw new UserError('one of --from or --from-file must be specified');
  const incoming = parseArgFlags(opts.args);
  const cluster = await ctx.cluster();
  const ns = cluster.namespace;
  const template =
    opts.from !== undefined && opts.from !== ''
      ? await cluster.get(opts.global ? Resources.clusterAnalysisTemplates : Resources.analysisTemplates, ns, opts.from)
      : decodeOne(await (opts.read ?? readText)(opts.fromFile ?? ''));
  const templateName = template.metadata?.name ?? '';
  const name = opts.name ?? '';
  const generateName = name !== '' ? '' : opts.generateName ? opts.generateName : `${templateName}-`;
  if (name === '' && generateName === '-') throw new UserError('name is invalid');
  const spec = { ...(template.spec ?? {}) } as Record<string, unknown>;
  const templateArgs = spec['args'];
  const args = Array.isArray(templateArgs) ? mergeArgs(incoming, templateArgs as Argument[]) : incoming;
  if (args.length > 0) spec['args'] = args;
  const { uid: _u, creationTimestamp: _c, managedFields: _m, resourceVersion: _r, selfLink: _s, generation: _g, ...meta } = template.metadata ?? {};
  const labels = opts.instanceId ? { 'argo-rollouts.argoproj.io/controller-instance-id': opts.instanceId } : meta.labels;
  const run: KubeObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { ...meta, name, generateName, namespace: ns, ...(labels ? { labels } : {}) },
    spec,
  };
  const saved = await cluster.create(Resources.analysisRuns, ns, run);
  ctx.io.out(`analysisrun.argoproj.io/${saved.metadata?.name ?? ''} created\n`);
}
