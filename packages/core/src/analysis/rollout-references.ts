/**
 * The Rollout's referenced AnalysisTemplates as spec validation sees them (the `InvalidSpec` condition): missing
 * templates, templates that cannot make a run (duplicate metrics or rules, conflicting or unresolved arguments),
 * step templates whose metrics do not resolve or run forever, background template arguments the Rollout does not
 * supply. Messages are upstream's `field.Error` texts.
 * parity: argo-rollouts rollout/controller.go getReferencedRolloutAnalyses, getReferencedAnalysisTemplatesFromRef;
 *         pkg/apis/rollouts/validation/validation_references.go ValidateAnalysisTemplatesWithType,
 *         ValidateAnalysisTemplateWithType, GetAnalysisTemplateWithTypeFieldPath, buildAnalysisArgs,
 *         validateAnalysisMetrics
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { type AnalysisRunArgument, type AnalysisTemplateSpec, type Argument, type DryRun, type FieldError, type MeasurementRetention, type Rollout, type RolloutAnalysis, LABEL, fieldError } from '@serin/api';
import { type Resolved, mergeArgs, resolveMetricArgs } from './args.js';
import { effectiveCount } from './metric-status.js';
import { collectRolloutArguments } from './rollout-runs.js';
import { type TemplateLookup, collectAnalysisTemplates, flattenTemplates, mergeDryRunRules, mergeMeasurementRetentionRules } from './templates.js';

export const ANALYSIS_TEMPLATE_TYPE = {
  PrePromotion: 'PrePromotionAnalysis',
  PostPromotion: 'PostPromotionAnalysis',
  Inline: 'InlineAnalysis',
  Background: 'BackgroundAnalysis',
} as const;
export type AnalysisTemplateType = (typeof ANALYSIS_TEMPLATE_TYPE)[keyof typeof ANALYSIS_TEMPLATE_TYPE];

/** One `analysis` of the Rollout with the templates it references (namespaced, then cluster-scoped, each once). */
export interface ReferencedAnalysis {
  readonly type: AnalysisTemplateType;
  /** Steps only. */
  readonly stepIndex: number;
  readonly args: readonly AnalysisRunArgument[];
  readonly templates: ReadonlyArray<{ readonly name: string; readonly spec: AnalysisTemplateSpec }>;
  readonly clusterTemplates: ReadonlyArray<{ readonly name: string; readonly spec: AnalysisTemplateSpec }>;
}

/** `spec.strategy.blueGreen.prePromotionAnalysis.templates`, `spec.strategy.canary.steps[i].analysis.templates`, … */
export function analysisTemplatesFieldPath(type: AnalysisTemplateType, stepIndex: number): string {
  switch (type) {
    case ANALYSIS_TEMPLATE_TYPE.PrePromotion:
      return 'spec.strategy.blueGreen.prePromotionAnalysis.templates';
    case ANALYSIS_TEMPLATE_TYPE.PostPromotion:
      return 'spec.strategy.blueGreen.postPromotionAnalysis.templates';
    case ANALYSIS_TEMPLATE_TYPE.Inline:
      return `spec.strategy.canary.steps[${stepIndex}].analysis.templates`;
    case ANALYSIS_TEMPLATE_TYPE.Background:
      return 'spec.strategy.canary.analysis.templates';
  }
}

/** The Rollout's analyses in upstream's order: blue-green pre, post; or canary steps, then background. */
function rolloutAnalyses(rollout: Rollout): Array<{ type: AnalysisTemplateType; stepIndex: number; analysis: RolloutAnalysis }> {
  const strategy = rollout.spec.strategy;
  const out: Array<{ type: AnalysisTemplateType; stepIndex: number; analysis: RolloutAnalysis }> = [];
  if (strategy?.blueGreen !== undefined) {
    if (strategy.blueGreen.prePromotionAnalysis !== undefined) out.push({ type: ANALYSIS_TEMPLATE_TYPE.PrePromotion, stepIndex: 0, analysis: strategy.blueGreen.prePromotionAnalysis });
    if (strategy.blueGreen.postPromotionAnalysis !== undefined) out.push({ type: ANALYSIS_TEMPLATE_TYPE.PostPromotion, stepIndex: 0, analysis: strategy.blueGreen.postPromotionAnalysis });
  } else if (strategy?.canary !== undefined) {
    (strategy.canary.steps ?? []).forEach((step, i) => {
      if (step.analysis !== undefined) out.push({ type: ANALYSIS_TEMPLATE_TYPE.Inline, stepIndex: i, analysis: step.analysis });
    });
    if (strategy.canary.analysis !== undefined) out.push({ type: ANALYSIS_TEMPLATE_TYPE.Background, stepIndex: 0, analysis: strategy.canary.analysis });
  }
  return out;
}

/**
 * Every analysis with its templates; the first missing template is the error
 * `<path>: Invalid value: "<name>": AnalysisTemplate '<name>' not found` (`ClusterAnalysisTemplate '<name>' …` for
 * cluster scope; `spec.templates` as the path for a template referenced from another template).
 */
export function referencedRolloutAnalyses(rollout: Rollout, lookup: TemplateLookup): { ok: true; value: ReferencedAnalysis[] } | { ok: false; error: FieldError } {
  const namespace = rollout.metadata?.namespace ?? '';
  const out: ReferencedAnalysis[] = [];
  for (const { type, stepIndex, analysis } of rolloutAnalyses(rollout)) {
    const path = analysisTemplatesFieldPath(type, stepIndex);
    let missing: FieldError | undefined;
    const collected = collectAnalysisTemplates(analysis.templates ?? [], namespace, lookup, (ref, nested) => {
      const kind = ref.clusterScope === true ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      missing = fieldError.invalid(nested ? 'spec.templates' : path, ref.templateName, `${kind} '${ref.templateName}' not found`);
      return missing.message;
    });
    if (!collected.ok) {
      if (missing !== undefined) return { ok: false, error: missing };
      return { ok: false, error: fieldError.invalid(path, (analysis.templates ?? []).map((t) => t.templateName).join(' '), collected.error) };
    }
    out.push({
      type,
      stepIndex,
      args: analysis.args ?? [],
      templates: collected.value.templates.map((t) => ({ name: t.metadata?.name ?? '', spec: t.spec })),
      clusterTemplates: collected.value.clusterTemplates.map((t) => ({ name: t.metadata?.name ?? '', spec: t.spec })),
    });
  }
  return { ok: true, value: out };
}

const dummyRS = (hash: string): V1ReplicaSet => ({ metadata: { labels: { [LABEL.PodTemplateHash]: hash } } });

/** What `NewAnalysisRunFromTemplates` would reject: flattening, argument merge, dryRun / retention rule merge. */
function runFromTemplatesError(set: ReferencedAnalysis, args: readonly Argument[], dryRun: readonly DryRun[] | undefined, retention: readonly MeasurementRetention[] | undefined): string | undefined {
  const wrap = (t: { readonly spec: AnalysisTemplateSpec }) => ({ spec: t.spec });
  const flat = flattenTemplates(set.templates.map(wrap), set.clusterTemplates.map(wrap));
  if (!flat.ok) return flat.error;
  const steps: Array<() => Resolved<unknown>> = [
    () => mergeArgs(args, flat.value.args ?? []),
    () => mergeDryRunRules(dryRun, flat.value.dryRun),
    () => mergeMeasurementRetentionRules(retention, flat.value.measurementRetention),
  ];
  for (const step of steps) {
    const result = step();
    if (!result.ok) return result.error;
  }
  return undefined;
}

/** Go `%s` of a `*intstr.IntOrString` count: `<nil>`, the int, or the string. */
const countText = (count: number | string | undefined): string => (count === undefined ? '<nil>' : String(count));

/** A step/blue-green template: its metrics must resolve with placeholder arguments and must not run forever. */
function validateTemplateMetrics(path: string, name: string, spec: AnalysisTemplateSpec): FieldError[] {
  const args: Argument[] = [];
  for (const arg of spec.args ?? []) {
    if (arg.valueFrom !== undefined && arg.value !== undefined) {
      return [fieldError.invalid(path, name, `AnalysisTemplate ${name}: arg '${arg.name}' has both Value and ValueFrom fields`)];
    }
    args.push({ name: arg.name, value: arg.value ?? 'dummy-value' });
  }
  const errors: FieldError[] = [];
  for (const metric of spec.metrics ?? []) {
    const resolved = resolveMetricArgs(metric, args);
    if (!resolved.ok) return [fieldError.invalid(path, name, `AnalysisTemplate ${name}: ${resolved.error}`)];
    if (effectiveCount(resolved.value) === undefined) {
      errors.push(fieldError.invalid(path, name, `AnalysisTemplate ${name} has metric ${resolved.value.name} which runs indefinitely. Invalid value for count: ${countText(resolved.value.count)}`));
    }
  }
  return errors;
}

/** A background template: every argument without a value must be supplied by `canary.analysis.args`. */
function validateBackgroundArgs(rollout: Rollout, path: string, name: string, spec: AnalysisTemplateSpec): FieldError[] {
  const supplied = rollout.spec.strategy?.canary?.analysis?.args;
  return (spec.args ?? [])
    .filter((arg) => arg.value === undefined && arg.valueFrom === undefined)
    .flatMap((arg) => {
      if (supplied === undefined) return [fieldError.invalid(path, name, 'missing analysis arguments in rollout spec')];
      return supplied.some((s) => s.name === arg.name) ? [] : [fieldError.invalid(path, name, arg.name)];
    });
}

/**
 * Field errors of one referenced analysis: `<path>: Invalid value: "templateNames: [a b]": <run error>` when no run
 * can be built from the templates (with the Rollout's args, hashes `dummy-new-hash` / `dummy-stable-hash`; for a
 * canary also with each analysis step's dryRun / measurementRetention), else the per-template checks.
 */
export function validateReferencedAnalysis(rollout: Rollout, set: ReferencedAnalysis): FieldError[] {
  const path = analysisTemplatesFieldPath(set.type, set.stepIndex);
  const names = `templateNames: [${[...set.templates, ...set.clusterTemplates].map((t) => t.name).join(' ')}]`;
  const args = collectRolloutArguments(set.args, { newRS: dummyRS('dummy-new-hash'), stableRS: dummyRS('dummy-stable-hash') }, rollout).args ?? [];
  const runError = runFromTemplatesError(set, args, [], []);
  if (runError !== undefined) return [fieldError.invalid(path, names, runError)];
  for (const step of rollout.spec.strategy?.canary?.steps ?? []) {
    if (step.analysis === undefined) continue;
    const stepError = runFromTemplatesError(set, args, step.analysis.dryRun, step.analysis.measurementRetention);
    if (stepError !== undefined) return [fieldError.invalid(path, names, stepError)];
  }
  return [...set.templates, ...set.clusterTemplates].flatMap((t) =>
    set.type === ANALYSIS_TEMPLATE_TYPE.Background ? validateBackgroundArgs(rollout, path, t.name, t.spec) : validateTemplateMetrics(path, t.name, t.spec),
  );
}

/**
 * All analysis reference errors of the Rollout, first one first: a missing template alone, else every analysis's
 * errors in order. Feed the first to the InvalidSpec condition (after the Rollout's own validation).
 */
export function validateRolloutAnalysisReferences(rollout: Rollout, lookup: TemplateLookup): FieldError[] {
  const referenced = referencedRolloutAnalyses(rollout, lookup);
  if (!referenced.ok) return [referenced.error];
  return referenced.value.flatMap((set) => validateReferencedAnalysis(rollout, set));
}
