/**
 * The AnalysisRun of an experiment analysis: `<experiment>-<analysis>`, arguments with `{{templates.<t>.podTemplateHash}}`,
 * `{{templates.<t>.replicaset.name}}`, `{{experiment.availableAt}}` and `{{experiment.finishedAt}}` resolved.
 * parity: argo-rollouts experiments/experiment.go newAnalysisRun, ResolveAnalysisRunArgs;
 *         utils/template/template.go ResolveExperimentArgsValue
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisRun, Argument, Experiment, ExperimentAnalysisTemplateRef } from '@serin/api';
import { LABEL, parseGoDurationMs } from '@serin/api';
import { type Resolved, mergeArgs, substituteTags } from '../analysis/args.js';
import { type TemplateLookup, collectAnalysisTemplates, flattenTemplates, mergeDryRunRules, mergeMeasurementRetentionRules } from '../analysis/templates.js';
import { metaTime, parseMetaTime } from '../rollout/time.js';
import { experimentControllerRef } from './template-replica-set.js';

/** Values for `{{…}}` in experiment analysis arguments. */
export function experimentArgValues(ex: Experiment, templateRSs: ReadonlyMap<string, V1ReplicaSet>): Map<string, string> {
  const values = new Map<string, string>();
  const availableAt = parseMetaTime(ex.status?.availableAt as string | undefined);
  if (availableAt !== undefined) {
    values.set('experiment.availableAt', metaTime(availableAt));
    const ms = ex.spec.duration === undefined || ex.spec.duration === '' ? null : parseGoDurationMs(ex.spec.duration);
    if (ms !== null) values.set('experiment.finishedAt', metaTime(availableAt + ms));
  }
  for (const t of ex.spec.templates) {
    const rs = templateRSs.get(t.name);
    if (rs === undefined) continue;
    values.set(`templates.${t.name}.podTemplateHash`, rs.metadata?.labels?.[LABEL.PodTemplateHash] ?? '');
    values.set(`templates.${t.name}.replicaset.name`, rs.metadata?.name ?? '');
  }
  return values;
}

/** `args` with every `value` resolved; an unknown tag is an error. */
export function resolveExperimentArgs(args: readonly Argument[] | undefined, values: ReadonlyMap<string, string>): Resolved<Argument[]> {
  const out: Argument[] = [];
  for (const arg of args ?? []) {
    if (arg.value === undefined) {
      out.push({ name: arg.name });
      continue;
    }
    const resolved = substituteTags(arg.value, values);
    if (!resolved.ok) return resolved;
    out.push({ name: arg.name, value: resolved.value });
  }
  return { ok: true, value: out };
}

export interface BuildExperimentRunInput {
  readonly experiment: Experiment;
  readonly analysis: ExperimentAnalysisTemplateRef;
  readonly templateRSs: ReadonlyMap<string, V1ReplicaSet>;
  readonly templates: TemplateLookup;
}

/** The run (not yet named for collisions); labels = instance id + analysisRunMetadata, controller ref to the Experiment. */
export function buildExperimentAnalysisRun(input: BuildExperimentRunInput): Resolved<AnalysisRun> {
  const { experiment: ex, analysis } = input;
  const namespace = ex.metadata?.namespace ?? '';
  const args = resolveExperimentArgs(analysis.args, experimentArgValues(ex, input.templateRSs));
  if (!args.ok) return args;
  const collected = collectAnalysisTemplates([{ templateName: analysis.templateName, ...(analysis.clusterScope === undefined ? {} : { clusterScope: analysis.clusterScope }) }], namespace, input.templates);
  if (!collected.ok) return collected;
  const template = flattenTemplates(collected.value.templates, collected.value.clusterTemplates);
  if (!template.ok) return template;
  const merged = mergeArgs(args.value, template.value.args ?? []);
  if (!merged.ok) return merged;
  const dryRun = mergeDryRunRules(ex.spec.dryRun, template.value.dryRun);
  if (!dryRun.ok) return dryRun;
  const retention = mergeMeasurementRetentionRules(ex.spec.measurementRetention, template.value.measurementRetention);
  if (!retention.ok) return retention;
  const instanceId = ex.metadata?.labels?.[LABEL.ControllerInstanceId];
  const labels = { ...(instanceId === undefined ? {} : { [LABEL.ControllerInstanceId]: instanceId }), ...(ex.spec.analysisRunMetadata?.labels ?? {}) };
  const annotations = { ...(ex.spec.analysisRunMetadata?.annotations ?? {}) };
  return {
    ok: true,
    value: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: {
        name: `${ex.metadata?.name ?? ''}-${analysis.name}`,
        namespace,
        ...(Object.keys(labels).length === 0 ? {} : { labels }),
        ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
        ownerReferences: [experimentControllerRef(ex)],
      },
      spec: {
        metrics: template.value.metrics ?? [],
        ...(merged.value.length > 0 ? { args: merged.value } : {}),
        ...(dryRun.value.length > 0 ? { dryRun: dryRun.value } : {}),
        ...(retention.value.length > 0 ? { measurementRetention: retention.value } : {}),
      },
    },
  };
}
