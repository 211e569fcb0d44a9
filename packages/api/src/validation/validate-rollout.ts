/**
 * `validateRollout`: the Rollout spec checks that become an `InvalidSpec` condition, in upstream's order
 * (the controller reports only the first error).
 * parity: argo-rollouts pkg/apis/rollouts/validation/validation.go ValidateRolloutSpec, ValidateRolloutStrategy;
 * k8s.io/kubernetes pkg/apis/apps/validation ValidatePodTemplateSpecForReplicaSet (subset)
 */
import type { V1LabelSelector, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { Rollout } from '../types/rollout.js';
import {
  getProgressDeadlineSecondsOrDefault,
  getReplicasOrDefault,
  getRevisionHistoryLimitOrDefault,
} from '../defaults/defaults.js';
import { isEmptyLabelSelector, labelSelectorMatches } from '../label-selector.js';
import { type FieldError, forbidden, internal, invalid, invalidStringMap, notSupported, required } from './field-error.js';
import { VALIDATION_MESSAGE as MSG } from './messages.js';
import { validateAntiAffinity, validateCanaryStrategy } from './validate-canary.js';

function nonNegative(field: string, value: number): FieldError[] {
  return value < 0 ? [invalid(field, value, MSG.nonNegative)] : [];
}

/** A template with no metadata and no spec (what `workloadRef` rollouts must carry). */
function isEmptyTemplate(template: V1PodTemplateSpec | undefined): boolean {
  if (template === undefined) return true;
  const metadataEmpty = template.metadata === undefined || Object.keys(template.metadata).length === 0;
  const specEmpty = template.spec === undefined || Object.keys(template.spec).length === 0;
  return metadataEmpty && specEmpty;
}

/**
 * The ReplicaSet pod-template rules a Rollout template must pass: labels match the selector,
 * at least one container, restartPolicy Always (the default), no activeDeadlineSeconds.
 */
function validatePodTemplateForReplicaSet(
  template: V1PodTemplateSpec | undefined,
  selector: V1LabelSelector | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const labels = template?.metadata?.labels ?? {};
  const selectsEverything = selector !== undefined && isEmptyLabelSelector(selector);
  if (!selectsEverything && !labelSelectorMatches(selector, labels)) {
    errors.push(invalidStringMap(`${path}.metadata.labels`, labels, MSG.selectorDoesNotMatchTemplate));
  }
  if ((template?.spec?.containers ?? []).length === 0) errors.push(required(`${path}.spec.containers`, ''));
  const restartPolicy = template?.spec?.restartPolicy ?? 'Always';
  if (restartPolicy !== 'Always') errors.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(forbidden(`${path}.spec.activeDeadlineSeconds`, MSG.activeDeadlineSecondsForbidden));
  }
  return errors;
}

function validateRolloutStrategy(rollout: Rollout, path: string): FieldError[] {
  const strategy = rollout.spec.strategy;
  const blueGreen = strategy?.blueGreen;
  const canary = strategy?.canary;
  // parity: upstream appends "strategy" to a path that already ends in "strategy".
  if (!blueGreen && !canary) {
    return [required(`${path}.strategy`, MSG.missingField('.spec.strategy.canary or .spec.strategy.blueGreen'))];
  }
  if (blueGreen && canary) return [invalid(`${path}.strategy`, 'blueGreen: true canary: true', MSG.multipleStrategies)];
  if (blueGreen) {
    const errors: FieldError[] = [];
    if (blueGreen.activeService === (blueGreen.previewService ?? '')) {
      errors.push(invalid(`${path}.activeService`, blueGreen.activeService, MSG.duplicatedServicesBlueGreen));
    }
    const limit = blueGreen.scaleDownDelayRevisionLimit;
    if (limit !== undefined && getRevisionHistoryLimitOrDefault(rollout) < limit) {
      errors.push(invalid(`${path}.scaleDownDelayRevisionLimit`, limit, MSG.scaleDownLimitLargerThanRevisionLimit));
    }
    errors.push(...validateAntiAffinity(blueGreen.antiAffinity, `${path}.antiAffinity`));
    return errors;
  }
  return validateCanaryStrategy(rollout, path);
}

export interface ValidateRolloutOptions {
  /**
   * The controller resolved `template` (and `selector`) from `workloadRef` before validating: the template is
   * then validated like an inline one instead of having to be empty.
   */
  templateResolvedFromRef?: boolean;
}

/**
 * Validates `rollout.spec`; returns every field error in upstream's order (empty = valid).
 * The InvalidSpec condition message is `CONDITION_MESSAGE.invalidSpec(name, formatFieldError(errors[0]))`.
 */
export function validateRollout(rollout: Rollout, options: ValidateRolloutOptions = {}): FieldError[] {
  const spec = rollout.spec;
  const resolved = options.templateResolvedFromRef === true;
  const errors: FieldError[] = [];
  const replicas = getReplicasOrDefault(rollout);
  errors.push(...nonNegative('spec.replicas', replicas));

  if (spec.workloadRef === undefined) {
    if (spec.selector === undefined) {
      errors.push(required('spec.selector', MSG.missingField('.spec.selector')));
    } else if (isEmptyLabelSelector(spec.selector)) {
      errors.push(invalid('spec.selector', spec.selector, MSG.emptySelector));
    }
  } else if (!resolved && !isEmptyTemplate(spec.template)) {
    errors.push(internal('spec.template', MSG.templateWithWorkloadRef));
  }
  if (resolved || spec.workloadRef === undefined) {
    errors.push(...validatePodTemplateForReplicaSet(spec.template, spec.selector, 'spec.template'));
  }

  errors.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds ?? 0));
  errors.push(...nonNegative('spec.revisionHistoryLimit', getRevisionHistoryLimitOrDefault(rollout)));
  const progressDeadlineSeconds = getProgressDeadlineSecondsOrDefault(rollout);
  errors.push(...nonNegative('spec.progressDeadlineSeconds', progressDeadlineSeconds));
  if (progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
    errors.push(invalid('spec.progressDeadlineSeconds', progressDeadlineSeconds, MSG.progressDeadlineVsMinReady));
  }
  errors.push(...validateRolloutStrategy(rollout, 'spec.strategy'));
  return errors;
}
