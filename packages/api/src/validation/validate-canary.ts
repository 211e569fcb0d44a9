/**
 * Canary strategy and step validation.
 * parity: argo-rollouts pkg/apis/rollouts/validation/validation.go ValidateRolloutStrategyCanary — keep check order
 */
import type { Rollout } from '../types/rollout.js';
import type { AntiAffinity, CanaryStrategy } from '../types/strategy.js';
import type { CanaryStep, StringMatch } from '../types/canary-step.js';
import type { AnalysisRunArgument } from '../types/rollout-analysis.js';
import type { IntOrString } from '../types/common.js';
import type { ManagedRoute, RolloutTrafficRouting } from '../types/traffic-routing.js';
import {
  getMaxSurgeOrDefault,
  getMaxTrafficWeightOrDefault,
  getMaxUnavailableOrDefault,
  intOrStringValue,
} from '../defaults/defaults.js';
import { pauseDurationSeconds } from '../duration.js';
import { type FieldError, invalid, invalidIntOrString, required } from './field-error.js';
import { VALIDATION_MESSAGE as MSG } from './messages.js';

/** `"N%"` → N; any other value → its integer value (`intstr.IntValue`). */
function intOrPercentValue(value: IntOrString): number {
  if (typeof value === 'string' && /^\d+%$/.test(value)) return Number.parseInt(value.slice(0, -1), 10);
  return intOrStringValue(value);
}

function hasPlugins(tr: RolloutTrafficRouting): boolean {
  return Object.keys(tr.plugins ?? {}).length > 0;
}

/** Whether the traffic router needs both `canaryService` and `stableService`. */
function requiresCanaryStableServices(canary: CanaryStrategy): boolean {
  const tr = canary.trafficRouting;
  if (!tr) return false;
  return (
    (tr.alb !== undefined && canary.pingPong === undefined) ||
    (tr.istio !== undefined && tr.istio.destinationRule === undefined && canary.pingPong === undefined) ||
    tr.smi !== undefined ||
    tr.apisix !== undefined ||
    tr.ambassador !== undefined ||
    tr.nginx !== undefined ||
    tr.appMesh !== undefined ||
    tr.traefik !== undefined
  );
}

/** Exactly one of `preferred…`/`required…`; preferred weight within 1..100. */
export function validateAntiAffinity(antiAffinity: AntiAffinity | undefined, path: string): FieldError[] {
  if (!antiAffinity) return [];
  const errors: FieldError[] = [];
  const preferred = antiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
  const requiredTerm = antiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if ((preferred === undefined) === (requiredTerm === undefined)) {
    const value = `antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: ${preferred !== undefined} antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: ${requiredTerm !== undefined}`;
    errors.push(invalid(path, value, MSG.antiAffinityStrategy));
  }
  if (preferred !== undefined && (preferred.weight < 1 || preferred.weight > 100)) {
    errors.push(invalid(`${path}.weight`, preferred.weight, MSG.antiAffinityWeight));
  }
  return errors;
}

/** One of exact/regex/prefix, never two. */
function validateStringMatch(match: StringMatch | undefined, path: string): FieldError[] {
  if (!match) return [invalid(path, null, MSG.stringMatchMissedValue)];
  const set = [match.exact, match.regex, match.prefix].filter((v) => v !== undefined && v !== '').length;
  if (set > 1) return [invalid(path, match, MSG.stringMatchMultipleValues)];
  if (set === 0) return [invalid(path, match, MSG.stringMatchMissedValue)];
  return [];
}

/** ALB header routes support `exact` only. */
function validateAlbStringMatch(match: StringMatch | undefined, path: string): FieldError[] {
  if (!match) return [invalid(path, null, MSG.stringMatchMissedValue)];
  if (!match.exact || match.regex || match.prefix) return [invalid(path, match, MSG.setHeaderRouteAlbValue)];
  return [];
}

const STEP_KEYS = ['setWeight', 'pause', 'experiment', 'analysis', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'plugin'] as const;

/** Downward-API metadata paths a Rollout analysis arg may reference. */
const METADATA_FIELD_PATH = /^metadata\.(name|namespace|uid|labels|annotations)$|^metadata\.(labels|annotations)\['[^']*'\]$/;

function validateRoutes(step: CanaryStep, path: string, managedRoutes: ManagedRoute[]): FieldError[] {
  const names = new Set(managedRoutes.map((r) => r.name));
  const errors: FieldError[] = [];
  if (step.setHeaderRoute && !names.has(step.setHeaderRoute.name ?? '')) {
    errors.push(invalid(`${path}.setHeaderRoute`, step.setHeaderRoute.name ?? '', MSG.stepRouteNotInManagedRoutes));
  }
  if (step.setMirrorRoute && !names.has(step.setMirrorRoute.name)) {
    errors.push(invalid(`${path}.setMirrorRoute`, step.setMirrorRoute.name, MSG.stepRouteNotInManagedRoutes));
  }
  return errors;
}

function validateStep(rollout: Rollout, canary: CanaryStrategy, step: CanaryStep, path: string, strategyPath: string): FieldError[] {
  const errors: FieldError[] = [];
  const tr = canary.trafficRouting;
  const basicKinds = [step.setWeight, step.pause, step.experiment, step.analysis].filter((v) => v !== undefined).length;
  if (basicKinds > 1) {
    const value = `step.Experiment: ${step.experiment !== undefined} step.Pause: ${step.pause !== undefined} step.SetWeight: ${step.setWeight !== undefined} step.Analysis: ${step.analysis !== undefined}`;
    errors.push(invalid(path, value, MSG.invalidStep));
  }
  if (STEP_KEYS.every((key) => step[key] === undefined)) {
    const value =
      'step.Experiment: true step.Pause: true step.SetWeight: true step.Analysis: true step.SetCanaryScale: true ' +
      'step.SetHeaderRoute: true step.SetMirrorRoute: true step.Plugin: true';
    errors.push(invalid(path, value, MSG.invalidStep));
  }
  const maxWeight = getMaxTrafficWeightOrDefault(rollout);
  if (step.setWeight !== undefined && (step.setWeight < 0 || step.setWeight > maxWeight)) {
    errors.push(invalid(`${path}.setWeight`, step.setWeight, MSG.invalidSetWeight(maxWeight)));
  }
  if (step.pause !== undefined && pauseDurationSeconds(step.pause) < 0) {
    errors.push(invalid(`${path}.pause.duration`, pauseDurationSeconds(step.pause), MSG.invalidDuration));
  }
  if (step.setCanaryScale !== undefined && !tr) {
    errors.push(required(`${strategyPath}.trafficRouting`, MSG.setCanaryScaleTrafficPolicy));
  }
  if (step.setHeaderRoute) {
    if (!tr || (!tr.istio && !tr.alb && !tr.apisix && !hasPlugins(tr))) {
      errors.push(invalid(`${path}.setHeaderRoute`, step.setHeaderRoute, MSG.setHeaderRouteTrafficPolicy));
    } else {
      (step.setHeaderRoute.match ?? []).forEach((match, j) => {
        const matchPath = `${path}.setHeaderRoute.match[${j}]`;
        errors.push(...(tr.alb ? validateAlbStringMatch(match.headerValue, matchPath) : validateStringMatch(match.headerValue, matchPath)));
      });
    }
  }
  if (step.setMirrorRoute) {
    if (!tr || (!tr.istio && !hasPlugins(tr))) {
      errors.push(invalid(`${path}.setMirrorRoute`, step.setMirrorRoute, MSG.setMirrorRouteTrafficPolicy));
    }
    (step.setMirrorRoute.match ?? []).forEach((match, j) => {
      const matchPath = `${path}.setMirrorRoute.match[${j}]`;
      // parity: upstream checks method, path, then method again (so a bad method is reported twice).
      if (match.method) errors.push(...validateStringMatch(match.method, matchPath));
      if (match.path) errors.push(...validateStringMatch(match.path, matchPath));
      if (match.method) errors.push(...validateStringMatch(match.method, matchPath));
    });
  }
  if (tr && (step.setHeaderRoute || step.setMirrorRoute) && tr.managedRoutes === undefined) {
    errors.push(
      required(`${strategyPath}.trafficRouting.managedRoutes`, MSG.missingField('spec.strategy.canary.trafficRouting.managedRoutes')),
    );
  }
  if (tr?.managedRoutes !== undefined) errors.push(...validateRoutes(step, path, tr.managedRoutes));

  const args: AnalysisRunArgument[] = [];
  if (step.experiment) {
    step.experiment.templates.forEach((template, t) => {
      if (template.weight === undefined) return;
      const weightPath = `${path}.experiment.templates[${t}].weight`;
      if (!tr) errors.push(invalid(weightPath, template.weight, MSG.experimentWeightWithoutTrafficRouting));
      else if (!tr.alb && !tr.smi && !tr.istio && !hasPlugins(tr)) {
        errors.push(invalid(weightPath, template.weight, MSG.experimentWeightUnsupportedRouter));
      }
    });
    for (const analysis of step.experiment.analyses ?? []) args.push(...(analysis.args ?? []));
  }
  if (step.analysis) args.push(...(step.analysis.args ?? []));
  for (const arg of args) {
    const fieldPath = arg.valueFrom?.fieldRef?.fieldPath;
    if (fieldPath?.startsWith('metadata') && !METADATA_FIELD_PATH.test(fieldPath)) {
      errors.push(invalid(`${path}.analyses`, args, MSG.analysisArgs));
    }
  }
  return errors;
}

/** Canary checks under `spec.strategy` (upstream's paths omit `.canary`: `spec.strategy.maxSurge`). */
export function validateCanaryStrategy(rollout: Rollout, path: string): FieldError[] {
  const canary = rollout.spec.strategy?.canary ?? {};
  const errors: FieldError[] = [];
  if (intOrPercentValue(getMaxSurgeOrDefault(rollout)) === 0 && intOrPercentValue(getMaxUnavailableOrDefault(rollout)) === 0) {
    errors.push(invalidIntOrString(`${path}.maxSurge`, canary.maxSurge, MSG.maxSurgeMaxUnavailableZero));
  }
  if (canary.canaryService && canary.stableService && canary.canaryService === canary.stableService) {
    errors.push(invalid(`${path}.stableService`, canary.stableService, MSG.duplicatedServicesCanary));
  }
  const tr = canary.trafficRouting;
  if (canary.pingPong) {
    const { pingService, pongService } = canary.pingPong;
    if (tr && !tr.alb && !tr.istio && !hasPlugins(tr)) errors.push(invalid(`${path}.trafficRouting.alb`, null, MSG.pingPongRouter));
    if (!pingService) errors.push(invalid(`${path}.pingPong.pingService`, pingService ?? '', MSG.pingPongServices));
    if (!pongService) errors.push(invalid(`${path}.pingPong.pongService`, pongService ?? '', MSG.pingPongServices));
    if (pingService === pongService) {
      errors.push(invalid(`${path}.pingPong.pingService`, pingService ?? '', MSG.duplicatedPingPongServices));
    }
    if (tr?.alb && !tr.alb.rootService) {
      errors.push(invalid(`${path}.trafficRouting.alb.rootService`, tr.alb.rootService ?? '', MSG.albRootServiceForPingPong));
    }
  }
  if (requiresCanaryStableServices(canary)) {
    if (!canary.stableService) errors.push(invalid(`${path}.stableService`, '', MSG.trafficRoutingServices));
    if (!canary.canaryService) errors.push(invalid(`${path}.canaryService`, '', MSG.trafficRoutingServices));
  }
  if (!tr) {
    if (canary.scaleDownDelaySeconds !== undefined) {
      errors.push(invalid(`${path}.scaleDownDelaySeconds`, canary.scaleDownDelaySeconds, MSG.canaryScaleDownDelay));
    }
    if (canary.dynamicStableScale) errors.push(invalid(`${path}.dynamicStableScale`, true, MSG.canaryDynamicStableScale));
  } else {
    if (canary.scaleDownDelaySeconds !== undefined && canary.dynamicStableScale) {
      errors.push(invalid(`${path}.dynamicStableScale`, true, MSG.canaryDynamicStableScaleWithScaleDownDelay));
    }
    if (tr.maxTrafficWeight !== undefined && !tr.nginx && !hasPlugins(tr)) {
      errors.push(invalid(`${path}.trafficRouting.maxTrafficWeight`, tr.maxTrafficWeight, MSG.maxTrafficWeightRouter));
    }
  }
  (canary.steps ?? []).forEach((step, i) => {
    errors.push(...validateStep(rollout, canary, step, `${path}.steps[${i}]`, path));
  });
  errors.push(...validateAntiAffinity(canary.antiAffinity, `${path}.antiAffinity`));
  return errors;
}
