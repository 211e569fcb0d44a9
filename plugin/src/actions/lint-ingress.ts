// Referenced-Ingress check of `lint`: the stable (or ALB root) Service must be a backend of one of the Ingress's
// rules. parity: argo-rollouts pkg/apis/rollouts/validation/validation_references.go (ValidateIngress,
// validateNginxIngress, validateAlbIngress, reportErrors)
import { fieldError } from '@serin/api';
import type { FieldError, Rollout } from '@serin/api';
import type { KubeObject } from '../kube/cluster.js';
import { ingressHasRuleWithService } from './lint-references.js';

const base = 'spec.strategy.canary.trafficRouting';

/** `ingress \`<ingress>\` has no rules using service <svc> backend` at `path`, with `value` as the bad value. */
function report(ing: KubeObject, svc: string, value: string, path: string): FieldError[] {
  if (ingressHasRuleWithService(ing, svc)) return [];
  return [fieldError.invalid(path, value, `ingress \`${ing.metadata?.name ?? ''}\` has no rules using service ${svc} backend`)];
}

/**
 * NGINX first: an Ingress named by `stableIngresses` is reported under `nginx.stableIngresses` with its own name,
 * one named by `stableIngress` under `nginx.stableIngress`; the Service is `stableService`. Then ALB the same way
 * (`alb.ingresses` / `alb.ingress`), the Service being `rootService` when set. Other Ingresses: no errors.
 */
export function validateIngressReference(ro: Rollout, ing: KubeObject): FieldError[] {
  const canary = ro.spec?.strategy?.canary;
  const name = ing.metadata?.name ?? '';
  const nginx = canary?.trafficRouting?.nginx;
  if (canary !== undefined && nginx !== undefined) {
    const many = (nginx.stableIngresses ?? []).includes(name);
    if (nginx.stableIngress === name || many) {
      const svc = canary.stableService ?? '';
      return many ? report(ing, svc, name, `${base}.nginx.stableIngresses`) : report(ing, svc, nginx.stableIngress ?? '', `${base}.nginx.stableIngress`);
    }
  }
  const alb = canary?.trafficRouting?.alb;
  if (canary !== undefined && alb !== undefined) {
    const many = (alb.ingresses ?? []).includes(name);
    if (alb.ingress === name || many) {
      const svc = alb.rootService !== undefined && alb.rootService !== '' ? alb.rootService : (canary.stableService ?? '');
      return many ? report(ing, svc, name, `${base}.alb.ingresses`) : report(ing, svc, alb.ingress ?? '', `${base}.alb.ingress`);
    }
  }
  return [];
}
