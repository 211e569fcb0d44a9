/**
 * The Experiment a canary `experiment` step creates, and how its outcome drives the step.
 * parity: argo-rollouts rollout/experiment.go GetExperimentFromTemplate, reconcileExperiments (step outcome);
 *         utils/replicaset/canary.go GetCurrentExperimentStep
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Experiment, Rollout, TemplateSpec } from '@serin/api';
import { ANALYSIS_PHASE, ANNOTATION, LABEL, REPLICA_SET_SPEC_REF } from '@serin/api';
import type { Resolved } from '../analysis/args.js';
import { buildArgumentsForRolloutAnalysisRun, rolloutControllerRef } from '../analysis/rollout-runs.js';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';

/** `<rollout>-<podHash>-<revision>-<stepIndex>`. */
export function stepExperimentName(rollout: Rollout, stepIndex: number): string {
  const hash = computePodTemplateHash(rollout.spec.template ?? {}, rollout.status?.collisionCount);
  const revision = rollout.metadata?.annotations?.[ANNOTATION.Revision] ?? '';
  return `${rollout.metadata?.name ?? ''}-${hash}-${revision}-${stepIndex}`;
}

/** On a name collision: `<name>-<n>`. */
export const stepExperimentCollisionName = (name: string, n: number): string => `${name}-${n}`;

export interface BuildStepExperimentInput {
  readonly rollout: Rollout;
  /** The step to build (default `status.currentStepIndex ?? 0`). */
  readonly stepIndex?: number;
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
}

/**
 * The step's Experiment: owned by the Rollout; labels = Rollout labels + `rollouts-pod-template-hash` (+ instance id);
 * annotation revision; duration, progressDeadlineSeconds (the Rollout's), dryRun, analysisRunMetadata,
 * scaleDownDelaySeconds from the step. Each template copies the pod template, minReadySeconds and selector of the
 * stable (`specRef: stable`) or new (`canary`) RS, with `metadata` labels added to template and selector and
 * annotations to the template; `weight` or `service` asks for a Service. Analyses carry their arguments resolved
 * against the Rollout (`podTemplateHashValue`, `fieldRef`); `{{templates.…}}` values are left for the experiment.
 */
export function buildStepExperiment(input: BuildStepExperimentInput): Resolved<Experiment> {
  const { rollout } = input;
  const index = input.stepIndex ?? rollout.status?.currentStepIndex ?? 0;
  const step = rollout.spec.strategy?.canary?.steps?.[index]?.experiment;
  if (step === undefined) return { ok: false, error: `step ${index} is not an experiment step` };
  const hash = computePodTemplateHash(rollout.spec.template ?? {}, rollout.status?.collisionCount);
  const revision = rollout.metadata?.annotations?.[ANNOTATION.Revision] ?? '';
  const instanceId = rollout.metadata?.labels?.[LABEL.ControllerInstanceId];
  const templates: TemplateSpec[] = [];
  for (const t of step.templates) {
    const source = t.specRef === REPLICA_SET_SPEC_REF.Canary ? input.newRS : t.specRef === REPLICA_SET_SPEC_REF.Stable ? input.stableRS : undefined;
    if (t.specRef !== REPLICA_SET_SPEC_REF.Canary && t.specRef !== REPLICA_SET_SPEC_REF.Stable) return { ok: false, error: 'Invalid template step SpecRef: must be canary or stable' };
    const podTemplate = structuredClone(source?.spec?.template ?? {});
    const selector = structuredClone(t.selector ?? source?.spec?.selector ?? {});
    if (t.metadata?.labels !== undefined) {
      podTemplate.metadata = { ...(podTemplate.metadata ?? {}), labels: { ...(podTemplate.metadata?.labels ?? {}), ...t.metadata.labels } };
      selector.matchLabels = { ...(selector.matchLabels ?? {}), ...t.metadata.labels };
    }
    if (t.metadata?.annotations !== undefined) {
      podTemplate.metadata = { ...(podTemplate.metadata ?? {}), annotations: { ...(podTemplate.metadata?.annotations ?? {}), ...t.metadata.annotations } };
    }
    const minReadySeconds = source?.spec?.minReadySeconds;
    templates.push({
      name: t.name,
      ...(t.replicas === undefined ? {} : { replicas: t.replicas }),
      ...(minReadySeconds === undefined ? {} : { minReadySeconds }),
      selector,
      template: podTemplate,
      ...(t.weight !== undefined || t.service !== undefined ? { service: t.service?.name ? { name: t.service.name } : {} } : {}),
    });
  }
  const analyses: NonNullable<Experiment['spec']['analyses']> = [];
  for (const a of step.analyses ?? []) {
    const args = buildArgumentsForRolloutAnalysisRun(a.args, { newRS: input.newRS, stableRS: input.stableRS }, rollout);
    if (!args.ok) return args;
    analyses.push({
      name: a.name,
      templateName: a.templateName,
      ...(a.clusterScope === undefined ? {} : { clusterScope: a.clusterScope }),
      ...(args.value.length > 0 ? { args: args.value } : {}),
      ...(a.requiredForCompletion === undefined ? {} : { requiredForCompletion: a.requiredForCompletion }),
    });
  }
  return {
    ok: true,
    value: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Experiment',
      metadata: {
        name: `${rollout.metadata?.name ?? ''}-${hash}-${revision}-${index}`,
        namespace: rollout.metadata?.namespace ?? '',
        labels: { ...(rollout.metadata?.labels ?? {}), [LABEL.PodTemplateHash]: hash, ...(instanceId === undefined ? {} : { [LABEL.ControllerInstanceId]: instanceId }) },
        annotations: { [ANNOTATION.Revision]: revision },
        ownerReferences: [rolloutControllerRef(rollout)],
      },
      spec: {
        templates,
        ...(step.duration === undefined ? {} : { duration: step.duration }),
        ...(rollout.spec.progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds: rollout.spec.progressDeadlineSeconds }),
        ...(analyses.length > 0 ? { analyses } : {}),
        ...(step.dryRun === undefined ? {} : { dryRun: step.dryRun }),
        ...(step.analysisRunMetadata === undefined ? {} : { analysisRunMetadata: step.analysisRunMetadata }),
        ...(step.scaleDownDelaySeconds === undefined ? {} : { scaleDownDelaySeconds: step.scaleDownDelaySeconds }),
      },
    },
  };
}

export const STEP_EXPERIMENT_OUTCOME = { Running: 'Running', Completed: 'Completed', Abort: 'Abort', Pause: 'Pause' } as const;
export type StepExperimentOutcome = (typeof STEP_EXPERIMENT_OUTCOME)[keyof typeof STEP_EXPERIMENT_OUTCOME];

/** The abort message after `Rollout aborted update to revision N: `. */
export const EXPERIMENT_ABORT_MESSAGE = 'Experiment analysis phase is error/failed';

/**
 * What the step does with its Experiment: Successful → step complete; Failed/Error → abort
 * (`Experiment analysis phase is error/failed[: <message>]`); Inconclusive → pause `InconclusiveExperiment`;
 * otherwise keep waiting.
 */
export function assessStepExperiment(ex: Pick<Experiment, 'status'> | undefined): { readonly outcome: StepExperimentOutcome; readonly message?: string } {
  switch (ex?.status?.phase) {
    case ANALYSIS_PHASE.Successful:
      return { outcome: STEP_EXPERIMENT_OUTCOME.Completed };
    case ANALYSIS_PHASE.Failed:
    case ANALYSIS_PHASE.Error: {
      const m = ex.status.message;
      return { outcome: STEP_EXPERIMENT_OUTCOME.Abort, message: m ? `${EXPERIMENT_ABORT_MESSAGE}: ${m}` : EXPERIMENT_ABORT_MESSAGE };
    }
    case ANALYSIS_PHASE.Inconclusive:
      return { outcome: STEP_EXPERIMENT_OUTCOME.Pause };
    default:
      return { outcome: STEP_EXPERIMENT_OUTCOME.Running };
  }
}

/**
 * Additional Istio destinations for an experiment step's weighted templates:
 * `[{serviceName: <template status serviceName>, podTemplateHash, weight}]` for each template with a weight whose
 * Service exists in the Experiment status.
 */
export function experimentWeightedDestinations(rollout: Rollout, ex: Experiment | undefined): Array<{ serviceName: string; podTemplateHash: string; weight: number }> {
  if (ex === undefined) return [];
  const index = rollout.status?.currentStepIndex ?? 0;
  const step = rollout.spec.strategy?.canary?.steps?.[index]?.experiment;
  const out: Array<{ serviceName: string; podTemplateHash: string; weight: number }> = [];
  for (const t of step?.templates ?? []) {
    if (t.weight === undefined) continue;
    const ts = (ex.status?.templateStatuses ?? []).find((s) => s.name === t.name);
    if (ts?.serviceName === undefined || ts.serviceName === '') continue;
    out.push({ serviceName: ts.serviceName, podTemplateHash: ts.podTemplateHash ?? '', weight: t.weight });
  }
  return out;
}
