/**
 * AnalysisTemplate / ClusterAnalysisTemplate composition: resolve `templates[]` references (nested, de-duplicated by
 * name) and flatten them into one spec (metrics concatenated, args merged, dryRun and measurementRetention rules
 * concatenated).
 * parity: argo-rollouts rollout/analysis.go getAnalysisTemplatesFromRefs, utils/analysis/helpers.go FlattenTemplates,
 *         FilterUniqueTemplates, mergeDryRunMetrics, mergeMeasurementRetentionMetrics
 */
import type {
  AnalysisTemplate,
  AnalysisTemplateRef,
  AnalysisTemplateSpec,
  Argument,
  ClusterAnalysisTemplate,
  DryRun,
  MeasurementRetention,
  Metric,
} from '@serin/api';
import { type Resolved, flattenArgs } from './args.js';

/** Read-only template lookups (informer caches); `undefined` = not found. */
export interface TemplateLookup {
  analysisTemplate(namespace: string, name: string): AnalysisTemplate | undefined;
  clusterAnalysisTemplate(name: string): ClusterAnalysisTemplate | undefined;
}

export interface CollectedTemplates {
  readonly templates: AnalysisTemplate[];
  readonly clusterTemplates: ClusterAnalysisTemplate[];
}

/** Nesting deeper than this is treated as a reference cycle. */
const MAX_TEMPLATE_DEPTH = 10;

/** The error for a template that does not exist; `nested` when it is referenced from a template's `templates`. */
export type MissingTemplateMessage = (ref: AnalysisTemplateRef, nested: boolean) => string;

/** The API's NotFound text: `analysistemplate.argoproj.io "<name>" not found`. */
const notFoundText: MissingTemplateMessage = (ref) => `${ref.clusterScope === true ? 'clusteranalysistemplate' : 'analysistemplate'}.argoproj.io "${ref.templateName}" not found`;

/**
 * Every template referenced by `refs`, depth first (a template, then the ones it composes), each name once.
 * Missing templates fail with `missing` (default: the API's NotFound text).
 */
export function collectAnalysisTemplates(refs: readonly AnalysisTemplateRef[], namespace: string, lookup: TemplateLookup, missing: MissingTemplateMessage = notFoundText): Resolved<CollectedTemplates> {
  const templates: AnalysisTemplate[] = [];
  const clusterTemplates: ClusterAnalysisTemplate[] = [];
  const visit = (list: readonly AnalysisTemplateRef[], depth: number): string | undefined => {
    if (depth > MAX_TEMPLATE_DEPTH) return `analysis template nesting exceeds ${MAX_TEMPLATE_DEPTH} levels`;
    for (const ref of list) {
      const found = ref.clusterScope === true ? lookup.clusterAnalysisTemplate(ref.templateName) : lookup.analysisTemplate(namespace, ref.templateName);
      if (found === undefined) return missing(ref, depth > 0);
      const name = found.metadata?.name ?? ref.templateName;
      if (ref.clusterScope === true) {
        if (!clusterTemplates.some((t) => (t.metadata?.name ?? '') === name)) clusterTemplates.push(found as ClusterAnalysisTemplate);
      } else if (!templates.some((t) => (t.metadata?.name ?? '') === name)) {
        templates.push(found as AnalysisTemplate);
      }
      const nested = found.spec.templates ?? [];
      if (nested.length > 0) {
        const error = visit(nested, depth + 1);
        if (error !== undefined) return error;
      }
    }
    return undefined;
  };
  const error = visit(refs, 0);
  return error === undefined ? { ok: true, value: { templates, clusterTemplates } } : { ok: false, error };
}

function uniqueRuleNames<T extends { metricName: string }>(rules: readonly T[], what: string): string | undefined {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.metricName)) return `two ${what} metric rules have the same name '${rule.metricName}'`;
    seen.add(rule.metricName);
  }
  return undefined;
}

/** Rules concatenated; two rules with the same `metricName` are an error. */
export function mergeDryRunRules(...lists: ReadonlyArray<readonly DryRun[] | undefined>): Resolved<DryRun[]> {
  const rules = lists.flatMap((l) => [...(l ?? [])]);
  const error = uniqueRuleNames(rules, 'Dry-Run');
  return error === undefined ? { ok: true, value: rules } : { ok: false, error };
}

/** Rules concatenated; two rules with the same `metricName` are an error. */
export function mergeMeasurementRetentionRules(...lists: ReadonlyArray<readonly MeasurementRetention[] | undefined>): Resolved<MeasurementRetention[]> {
  const rules = lists.flatMap((l) => [...(l ?? [])]);
  const error = uniqueRuleNames(rules, 'Measurement Retention');
  return error === undefined ? { ok: true, value: rules } : { ok: false, error };
}

/**
 * One spec from many templates (namespaced first, then cluster-scoped): metrics concatenated with unique names
 * (`two metrics have the same name '<m>'`), args flattened, dryRun and measurementRetention rules concatenated.
 */
export function flattenTemplates(templates: readonly AnalysisTemplate[], clusterTemplates: readonly ClusterAnalysisTemplate[]): Resolved<AnalysisTemplateSpec> {
  const specs = [...templates.map((t) => t.spec), ...clusterTemplates.map((t) => t.spec)];
  const metrics: Metric[] = specs.flatMap((s) => (s.metrics ?? []).map((m) => structuredClone(m)));
  const names = new Set<string>();
  for (const metric of metrics) {
    if (names.has(metric.name)) return { ok: false, error: `two metrics have the same name '${metric.name}'` };
    names.add(metric.name);
  }
  const dryRun = mergeDryRunRules(...specs.map((s) => s.dryRun));
  if (!dryRun.ok) return dryRun;
  const retention = mergeMeasurementRetentionRules(...specs.map((s) => s.measurementRetention));
  if (!retention.ok) return retention;
  const args = flattenArgs(specs.map((s): readonly Argument[] => s.args ?? []));
  if (!args.ok) return args;
  return {
    ok: true,
    value: {
      metrics,
      ...(dryRun.value.length > 0 ? { dryRun: dryRun.value } : {}),
      ...(retention.value.length > 0 ? { measurementRetention: retention.value } : {}),
      ...(args.value.length > 0 ? { args: args.value } : {}),
    },
  };
}
