/**
 * Building AnalysisRuns from a Rollout: arguments (value, fieldRef, podTemplateHashValue), names, labels,
 * annotations, owner reference, and the merged template spec.
 * parity: argo-rollouts rollout/analysis.go createAnalysisRun, newAnalysisRunFromRollout;
 *         utils/analysis/factory.go BuildArgumentsForRolloutAnalysisRun, StepLabels, BackgroundLabels, …;
 *         utils/analysis/helpers.go NewAnalysisRunFromTemplates
 */
import type { V1OwnerReference, V1ReplicaSet } from '@kubernetes/client-node';
import {
  ANNOTATION,
  LABEL,
  ROLLOUT_TYPE,
  type AnalysisRun,
  type AnalysisRunArgument,
  type Argument,
  type Rollout,
  type RolloutAnalysis,
  type RolloutType,
} from '@serin/api';
import { type Resolved, mergeArgs } from './args.js';
import { extractFieldPath } from './field-path.js';
import { type TemplateLookup, collectAnalysisTemplates, flattenTemplates, mergeDryRunRules, mergeMeasurementRetentionRules } from './templates.js';

export interface RolloutReplicaSets {
  /** The ReplicaSet of the current pod template. */
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
}

const hashOf = (rs: V1ReplicaSet | undefined): string => rs?.metadata?.labels?.[LABEL.PodTemplateHash] ?? '';

/** Run arguments from a Rollout's arguments, with the error that goes with them (upstream returns both). */
export interface RolloutArguments {
  /** Absent when a `metadata.*` fieldRef failed (upstream returns no arguments then). */
  readonly args?: Argument[];
  readonly error?: string;
}

/**
 * Rollout arguments → run arguments, every one with a value: `value` as given; `podTemplateHashValue` Latest/Stable →
 * the new/stable ReplicaSet's pod-template hash; `fieldRef` → the Rollout field (`metadata.*` downward-API rules,
 * other paths walked through the Rollout). A `metadata.*` path that fails ends it (no arguments); any other path
 * that fails leaves '' and the loop goes on, the outcome of the last fieldRef deciding the error (a later fieldRef
 * that resolves clears it), as upstream.
 */
export function collectRolloutArguments(args: readonly AnalysisRunArgument[] | undefined, replicaSets: RolloutReplicaSets, rollout: Rollout): RolloutArguments {
  const out: Argument[] = [];
  let pathError: string | undefined;
  for (const arg of args ?? []) {
    let value = arg.value ?? '';
    const from = arg.valueFrom;
    if (from?.podTemplateHashValue !== undefined) {
      if (from.podTemplateHashValue === 'Latest') value = hashOf(replicaSets.newRS);
      else if (from.podTemplateHashValue === 'Stable') value = hashOf(replicaSets.stableRS);
    } else if (from?.fieldRef !== undefined) {
      const extracted = extractFieldPath(rollout, from.fieldRef.fieldPath);
      if (!extracted.ok && from.fieldRef.fieldPath.startsWith('metadata')) return { error: extracted.error };
      value = extracted.ok ? extracted.value : '';
      pathError = extracted.ok ? undefined : extracted.error;
    }
    out.push({ name: arg.name, value });
  }
  return pathError === undefined ? { args: out } : { args: out, error: pathError };
}

/** `collectRolloutArguments` as a result: the arguments, or the error when there is one. */
export function buildArgumentsForRolloutAnalysisRun(args: readonly AnalysisRunArgument[] | undefined, replicaSets: RolloutReplicaSets, rollout: Rollout): Resolved<Argument[]> {
  const collected = collectRolloutArguments(args, replicaSets, rollout);
  return collected.error === undefined ? { ok: true, value: collected.args ?? [] } : { ok: false, error: collected.error };
}

/** `<rollout>-<podHash>-<revision>[-<infix>]`; infix = step index, '' (background), `pre`, `post`. */
export function analysisRunName(rolloutName: string, podHash: string, revision: string, infix: string): string {
  return [rolloutName, podHash, revision, ...(infix === '' ? [] : [infix])].join('-');
}

/** On a name collision with a run that is not ours: `<base>.1`, `<base>.2`, … */
export function analysisRunCollisionName(baseName: string, collisionCount: number): string {
  return `${baseName}.${collisionCount}`;
}

/** Labels every Rollout-created run carries: pod hash, rollout-type, step-index (steps), instance id (when set). */
export function analysisRunLabels(rolloutType: RolloutType, podHash: string, instanceId: string | undefined, stepIndex?: number): Record<string, string> {
  return {
    [LABEL.PodTemplateHash]: podHash,
    [LABEL.RolloutType]: rolloutType,
    ...(rolloutType === ROLLOUT_TYPE.Step && stepIndex !== undefined ? { [LABEL.StepIndex]: String(stepIndex) } : {}),
    ...(instanceId ? { [LABEL.ControllerInstanceId]: instanceId } : {}),
  };
}

/** `metav1.NewControllerRef(rollout)`. */
export function rolloutControllerRef(rollout: Rollout): V1OwnerReference {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    name: rollout.metadata?.name ?? '',
    uid: rollout.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

const INFIX: Readonly<Record<RolloutType, (stepIndex?: number) => string>> = {
  Step: (stepIndex) => String(stepIndex ?? 0),
  Background: () => '',
  PrePromotion: () => 'pre',
  PostPromotion: () => 'post',
};

export interface BuildRolloutAnalysisRunInput extends RolloutReplicaSets {
  readonly rollout: Rollout;
  readonly rolloutAnalysis: RolloutAnalysis;
  readonly rolloutType: RolloutType;
  /** Step runs only. */
  readonly stepIndex?: number;
  readonly templates: TemplateLookup;
}

/**
 * The AnalysisRun a Rollout creates (not yet named for collisions): templates collected and flattened, args merged
 * (Rollout args override the template's declared ones), dryRun/measurementRetention = Rollout rules + template rules,
 * labels = type labels + analysisRunMetadata.labels + the Rollout's selector matchLabels, annotations = revision +
 * analysisRunMetadata.annotations, controller ownerReference to the Rollout.
 */
export function buildAnalysisRunFromRollout(input: BuildRolloutAnalysisRunInput): Resolved<AnalysisRun> {
  const { rollout, rolloutAnalysis } = input;
  const args = buildArgumentsForRolloutAnalysisRun(rolloutAnalysis.args, input, rollout);
  if (!args.ok) return args;
  const podHash = hashOf(input.newRS);
  if (podHash === '') return { ok: false, error: `Latest ReplicaSet '${input.newRS?.metadata?.name ?? ''}' has no pod hash in the labels` };
  const namespace = rollout.metadata?.namespace ?? '';
  const collected = collectAnalysisTemplates(rolloutAnalysis.templates ?? [], namespace, input.templates);
  if (!collected.ok) return collected;
  const template = flattenTemplates(collected.value.templates, collected.value.clusterTemplates);
  if (!template.ok) return template;
  const mergedArgs = mergeArgs(args.value, template.value.args ?? []);
  if (!mergedArgs.ok) return mergedArgs;
  const dryRun = mergeDryRunRules(rolloutAnalysis.dryRun, template.value.dryRun);
  if (!dryRun.ok) return dryRun;
  const retention = mergeMeasurementRetentionRules(rolloutAnalysis.measurementRetention, template.value.measurementRetention);
  if (!retention.ok) return retention;

  const revision = rollout.metadata?.annotations?.[ANNOTATION.Revision] ?? '';
  const instanceId = rollout.metadata?.labels?.[LABEL.ControllerInstanceId];
  const labels = {
    ...analysisRunLabels(input.rolloutType, podHash, instanceId, input.stepIndex),
    ...(rolloutAnalysis.analysisRunMetadata?.labels ?? {}),
    ...(rollout.spec.selector?.matchLabels ?? {}),
  };
  const annotations = { [ANNOTATION.Revision]: revision, ...(rolloutAnalysis.analysisRunMetadata?.annotations ?? {}) };
  return {
    ok: true,
    value: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: {
        name: analysisRunName(rollout.metadata?.name ?? '', podHash, revision, INFIX[input.rolloutType](input.stepIndex)),
        namespace,
        labels,
        annotations,
        ownerReferences: [rolloutControllerRef(rollout)],
      },
      spec: {
        metrics: template.value.metrics ?? [],
        ...(mergedArgs.value.length > 0 ? { args: mergedArgs.value } : {}),
        ...(dryRun.value.length > 0 ? { dryRun: dryRun.value } : {}),
        ...(retention.value.length > 0 ? { measurementRetention: retention.value } : {}),
      },
    },
  };
}

export interface BuildStepAnalysisRunInput extends RolloutReplicaSets {
  readonly rollout: Rollout;
  readonly stepIndex: number;
  readonly templates: TemplateLookup;
}

/** The run for canary step `stepIndex` (an `analysis` step): `<rollout>-<hash>-<revision>-<stepIndex>`, type Step. */
export function buildStepAnalysisRun(input: BuildStepAnalysisRunInput): Resolved<AnalysisRun> {
  const analysis = input.rollout.spec.strategy?.canary?.steps?.[input.stepIndex]?.analysis;
  if (analysis === undefined) return { ok: false, error: `step ${input.stepIndex} is not an analysis step` };
  return buildAnalysisRunFromRollout({ ...input, rolloutAnalysis: analysis, rolloutType: ROLLOUT_TYPE.Step });
}

export interface BuildRolloutRunInput extends RolloutReplicaSets {
  readonly rollout: Rollout;
  readonly templates: TemplateLookup;
}

/** The canary background run (`spec.strategy.canary.analysis`): `<rollout>-<hash>-<revision>`, type Background. */
export function buildBackgroundAnalysisRun(input: BuildRolloutRunInput): Resolved<AnalysisRun> {
  const analysis = input.rollout.spec.strategy?.canary?.analysis;
  if (analysis === undefined) return { ok: false, error: 'rollout has no background analysis' };
  return buildAnalysisRunFromRollout({ ...input, rolloutAnalysis: analysis, rolloutType: ROLLOUT_TYPE.Background });
}

/** Blue-green pre-promotion run: `<rollout>-<hash>-<revision>-pre`. */
export function buildPrePromotionAnalysisRun(input: BuildRolloutRunInput): Resolved<AnalysisRun> {
  const analysis = input.rollout.spec.strategy?.blueGreen?.prePromotionAnalysis;
  if (analysis === undefined) return { ok: false, error: 'rollout has no pre-promotion analysis' };
  return buildAnalysisRunFromRollout({ ...input, rolloutAnalysis: analysis, rolloutType: ROLLOUT_TYPE.PrePromotion });
}

/** Blue-green post-promotion run: `<rollout>-<hash>-<revision>-post`. */
export function buildPostPromotionAnalysisRun(input: BuildRolloutRunInput): Resolved<AnalysisRun> {
  const analysis = input.rollout.spec.strategy?.blueGreen?.postPromotionAnalysis;
  if (analysis === undefined) return { ok: false, error: 'rollout has no post-promotion analysis' };
  return buildAnalysisRunFromRollout({ ...input, rolloutAnalysis: analysis, rolloutType: ROLLOUT_TYPE.PostPromotion });
}
