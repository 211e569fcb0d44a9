// The subset of upstream's Rollout validation that `lint` runs without a cluster, with upstream's messages.
// parity: argo-rollouts pkg/apis/rollouts/validation/validation.go, validation_references.go (ValidateService)
// TODO(api): replace with @serin/api spec validation once it exists (full field coverage, strict decoding).
import type { KubeObject } from '../kube/cluster.js';

export interface FieldError {
  /** `spec.selector` */
  readonly field: string;
  /** `Required value: …` / `Invalid value: 0: …` */
  readonly body: string;
}

export const fieldErrorText = (e: FieldError) => `${e.field}: ${e.body}`;

const goValue = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const invalid = (field: string, value: unknown, detail: string): FieldError => ({ field, body: `Invalid value: ${goValue(value)}: ${detail}` });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const knownSpecFields = new Set([
  'replicas', 'selector', 'template', 'workloadRef', 'minReadySeconds', 'strategy', 'revisionHistoryLimit', 'paused',
  'progressDeadlineSeconds', 'progressDeadlineAbort', 'restartAt', 'rollbackWindow', 'analysis',
]);
const knownStrategyFields = new Set(['canary', 'blueGreen']);

/** Strict decoding of the fields Serin knows to be closed sets; upstream's decoder error text. */
export function unknownFieldError(obj: KubeObject): string | undefined {
  const unknown = (o: unknown, known: Set<string>) => (isRecord(o) ? Object.keys(o).find((k) => !known.has(k)) : undefined);
  const top = unknown(obj, new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']));
  const field = top ?? (obj.kind === 'Rollout' ? (unknown(obj.spec, knownSpecFields) ?? unknown(obj.spec?.['strategy'], knownStrategyFields)) : undefined);
  return field === undefined ? undefined : `error unmarshaling JSON: while decoding JSON: json: unknown field "${field}"`;
}

const isZero = (v: unknown) => v === 0 || v === '0' || v === '0%';
const verifiedRouters = ['smi', 'alb', 'istio', 'plugins'];

/** Spec-level rules, in upstream's order for the cases lint tests cover. */
export function validateRolloutSpec(ro: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = ro.spec ?? {};
  const selector = spec['selector'];
  if (!isRecord(selector) && spec['workloadRef'] === undefined) {
    errs.push({ field: 'spec.selector', body: "Required value: Rollout has missing field '.spec.selector'" });
    return errs;
  }
  const template = spec['template'];
  const templateLabels = isRecord(template) && isRecord(template['metadata']) && isRecord(template['metadata']['labels']) ? (template['metadata']['labels'] as Record<string, string>) : {};
  const matchLabels = isRecord(selector) && isRecord(selector['matchLabels']) ? (selector['matchLabels'] as Record<string, string>) : {};
  if (spec['workloadRef'] === undefined && Object.entries(matchLabels).some(([k, v]) => templateLabels[k] !== v)) {
    const shown = Object.entries(templateLabels).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ');
    errs.push({ field: 'spec.template.metadata.labels', body: `Invalid value: map[string]string{${shown}}: \`selector\` does not match template \`labels\`` });
  }
  const strategy = isRecord(spec['strategy']) ? spec['strategy'] : {};
  const canary = isRecord(strategy['canary']) ? strategy['canary'] : undefined;
  const blueGreen = isRecord(strategy['blueGreen']) ? strategy['blueGreen'] : undefined;
  if (canary !== undefined && isZero(canary['maxSurge']) && isZero(canary['maxUnavailable'])) {
    errs.push(invalid('spec.strategy.maxSurge', canary['maxSurge'], 'MaxSurge and MaxUnavailable both can not be zero'));
  }
  if (blueGreen !== undefined && isZero(blueGreen['maxUnavailable']) && blueGreen['maxSurge'] !== undefined && isZero(blueGreen['maxSurge'])) {
    errs.push(invalid('spec.strategy.maxSurge', blueGreen['maxSurge'], 'MaxSurge and MaxUnavailable both can not be zero'));
  }
  if (canary !== undefined) {
    const routing = isRecord(canary['trafficRouting']) ? canary['trafficRouting'] : {};
    const weighted = verifiedRouters.some((r) => routing[r] !== undefined);
    const steps = Array.isArray(canary['steps']) ? canary['steps'] : [];
    steps.forEach((step, i) => {
      const exp = isRecord(step) && isRecord(step['experiment']) ? step['experiment'] : undefined;
      const templates = exp !== undefined && Array.isArray(exp['templates']) ? exp['templates'] : [];
      templates.forEach((t, j) => {
        if (isRecord(t) && t['weight'] !== undefined && !weighted) {
          errs.push(invalid(`spec.strategy.steps[${i}].experiment.templates[${j}].weight`, t['weight'], 'Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time'));
        }
      });
    });
  }
  return errs;
}

/** Services the rollout names, with the field path each is referenced from. */
function serviceRefs(ro: KubeObject): Map<string, string> {
  const refs = new Map<string, string>();
  const strategy = isRecord(ro.spec?.['strategy']) ? ro.spec['strategy'] : {};
  const add = (obj: unknown, key: string, path: string) => {
    if (isRecord(obj) && typeof obj[key] === 'string' && obj[key] !== '') refs.set(obj[key], path);
  };
  const canary = strategy['canary'];
  add(canary, 'canaryService', 'spec.strategy.canary.canaryService');
  add(canary, 'stableService', 'spec.strategy.canary.stableService');
  if (isRecord(canary)) {
    add(canary['pingPong'], 'pingService', 'spec.strategy.canary.pingPong.pingService');
    add(canary['pingPong'], 'pongService', 'spec.strategy.canary.pingPong.pongService');
  }
  add(strategy['blueGreen'], 'activeService', 'spec.strategy.blueGreen.activeService');
  add(strategy['blueGreen'], 'previewService', 'spec.strategy.blueGreen.previewService');
  return refs;
}

/** Every selector label of a referenced Service (file order) must match the pod template's label. */
export function validateReferencedServices(ro: KubeObject, services: readonly KubeObject[]): FieldError[] {
  const refs = serviceRefs(ro);
  const template = ro.spec?.['template'];
  const labels = isRecord(template) && isRecord(template['metadata']) && isRecord(template['metadata']['labels']) ? template['metadata']['labels'] : {};
  const errs: FieldError[] = [];
  for (const svc of services) {
    const name = svc.metadata?.name ?? '';
    const path = refs.get(name);
    if (path === undefined || ro.spec?.['template'] === undefined) continue;
    const selector = isRecord(svc.spec?.['selector']) ? (svc.spec['selector'] as Record<string, string>) : {};
    for (const [k, v] of Object.entries(selector)) {
      if (k === 'rollouts-pod-template-hash') continue;
      if (labels[k] !== v) errs.push(invalid(path, name, `Service "${name}" has unmatch label "${k}" in rollout`));
    }
  }
  return errs;
}
