// Which Services, Ingresses and VirtualServices of a linted file belong to which Rollout, as upstream's lint
// decides it: every Rollout (in file order) stamps the objects it references with a `managed-by-rollouts`
// annotation naming it — the last Rollout to reference an object wins — and each Rollout then validates exactly
// the objects whose annotation names it (objects already annotated in the file included).
// parity: argo-rollouts cmd/lint/lint.go (setServiceTypeAndManagedAnnotation, setIngressManagedAnnotation,
// setVirtualServiceManagedAnnotation, matchRolloutToReferences), utils/ingress (HasRuleWithService)
import { ANNOTATION, REFERENCED_SERVICE_TYPE } from '@serin/api';
import type { ReferencedServiceType, Rollout } from '@serin/api';
import type { KubeObject } from '../kube/cluster.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `group` and `version` of an apiVersion (`v1` → core group ''). */
export function groupVersion(apiVersion: string | undefined): { group: string; version: string } {
  const av = apiVersion ?? '';
  const slash = av.indexOf('/');
  return slash === -1 ? { group: '', version: av } : { group: av.slice(0, slash), version: av.slice(slash + 1) };
}

export const isLintService = (o: KubeObject) => o.kind === 'Service' && groupVersion(o.apiVersion).group === '';
export const isLintVirtualService = (o: KubeObject) => o.kind === 'VirtualService' && groupVersion(o.apiVersion).group === 'networking.istio.io';
/** Ingresses upstream's lint decodes: group networking.k8s.io or extensions, version v1 or v1beta1. */
export function isLintIngress(o: KubeObject): boolean {
  const { group, version } = groupVersion(o.apiVersion);
  return o.kind === 'Ingress' && (group === 'networking.k8s.io' || group === 'extensions') && (version === 'v1' || version === 'v1beta1');
}

/** A referenced object with the owner and (Services only) the role lint gives it. */
export interface LintRef {
  readonly obj: KubeObject;
  owner: string | undefined;
  type?: ReferencedServiceType;
}

const ownerOf = (o: KubeObject): string | undefined => o.metadata?.annotations?.[ANNOTATION.ManagedByRollouts];

/**
 * True when one of the Ingress's rules routes a path to the Service `svc`: `backend.service.name` (v1) or
 * `backend.serviceName` (v1beta1).
 */
export function ingressHasRuleWithService(ing: KubeObject, svc: string): boolean {
  const v1 = groupVersion(ing.apiVersion).version === 'v1';
  const spec = isRecord(ing['spec']) ? ing['spec'] : {};
  for (const rule of asArray(spec['rules'])) {
    const http = isRecord(rule) && isRecord(rule['http']) ? rule['http'] : undefined;
    for (const path of asArray(http?.['paths'])) {
      const backend = isRecord(path) && isRecord(path['backend']) ? path['backend'] : {};
      const name = v1 ? (isRecord(backend['service']) ? str(backend['service']['name']) : undefined) : str(backend['serviceName']);
      if (name === svc) return true;
    }
  }
  return false;
}

/** Service roles in upstream's assignment order (a later match overrides an earlier one). */
function serviceRoles(ro: Rollout): [string | undefined, ReferencedServiceType][] {
  const canary = ro.spec?.strategy?.canary;
  const blueGreen = ro.spec?.strategy?.blueGreen;
  const roles: [string | undefined, ReferencedServiceType][] = [];
  if (canary !== undefined) {
    roles.push([canary.canaryService ?? '', REFERENCED_SERVICE_TYPE.CanaryService], [canary.stableService ?? '', REFERENCED_SERVICE_TYPE.StableService]);
    if (canary.pingPong !== undefined) {
      roles.push([canary.pingPong.pingService ?? '', REFERENCED_SERVICE_TYPE.PingService], [canary.pingPong.pongService ?? '', REFERENCED_SERVICE_TYPE.PongService]);
    }
  }
  if (blueGreen !== undefined) {
    roles.push([blueGreen.activeService ?? '', REFERENCED_SERVICE_TYPE.ActiveService], [blueGreen.previewService ?? '', REFERENCED_SERVICE_TYPE.PreviewService]);
  }
  return roles;
}

/** The Service an Ingress must route to for this Rollout: nginx → stable; ALB → rootService or stable; SMI → rootService. */
function ingressServiceName(ro: Rollout): string {
  const canary = ro.spec?.strategy?.canary;
  const tr = canary?.trafficRouting;
  if (tr?.nginx !== undefined) return canary?.stableService ?? '';
  if (tr?.alb !== undefined) return tr.alb.rootService !== undefined && tr.alb.rootService !== '' ? tr.alb.rootService : (canary?.stableService ?? '');
  if (tr?.smi !== undefined) return tr.smi.rootService ?? '';
  return '';
}

/** Names of the VirtualServices a Rollout lists, compared verbatim with the object's name (no namespace split). */
function virtualServiceNames(ro: Rollout): string[] {
  const istio = ro.spec?.strategy?.canary?.trafficRouting?.istio;
  return [...(istio?.virtualService !== undefined ? [istio.virtualService.name ?? ''] : []), ...(istio?.virtualServices ?? []).map((v) => v.name ?? '')];
}

export interface LintReferences {
  readonly services: LintRef[];
  readonly ingresses: LintRef[];
  readonly virtualServices: LintRef[];
}

/**
 * Stamp owners. Services: for each Rollout, each role naming the Service sets its type and owner. Ingresses and
 * VirtualServices: Rollouts are visited in order and the stamping stops for good at the first Rollout without
 * canary traffic routing (Istio for VirtualServices) — upstream returns there — when any such object exists.
 */
export function assignReferences(rollouts: readonly Rollout[], docs: readonly KubeObject[]): LintReferences {
  const ref = (obj: KubeObject): LintRef => ({ obj, owner: ownerOf(obj) });
  const refs: LintReferences = {
    services: docs.filter(isLintService).map(ref),
    ingresses: docs.filter(isLintIngress).map(ref),
    virtualServices: docs.filter(isLintVirtualService).map(ref),
  };
  for (const ro of rollouts) {
    const name = ro.metadata?.name ?? '';
    for (const svc of refs.services) {
      for (const [svcName, type] of serviceRoles(ro)) {
        if (svcName !== (svc.obj.metadata?.name ?? '')) continue;
        svc.type = type;
        svc.owner = name;
      }
    }
  }
  stamp(rollouts, refs.ingresses, (ro) => ro.spec?.strategy?.canary?.trafficRouting !== undefined, (ro, ing) => ingressHasRuleWithService(ing, ingressServiceName(ro)));
  stamp(rollouts, refs.virtualServices, (ro) => ro.spec?.strategy?.canary?.trafficRouting?.istio !== undefined, (ro, vs) => virtualServiceNames(ro).includes(vs.metadata?.name ?? ''));
  return refs;
}

function stamp(rollouts: readonly Rollout[], refs: LintRef[], eligible: (ro: Rollout) => boolean, matches: (ro: Rollout, o: KubeObject) => boolean): void {
  if (refs.length === 0) return;
  for (const ro of rollouts) {
    if (!eligible(ro)) return;
    for (const r of refs) if (matches(ro, r.obj)) r.owner = ro.metadata?.name ?? '';
  }
}

/** The references a Rollout validates: those whose owner is its name. */
export function referencesOf(ro: Rollout, refs: LintReferences): LintReferences {
  const mine = (r: LintRef) => r.owner === (ro.metadata?.name ?? '');
  return { services: refs.services.filter(mine), ingresses: refs.ingresses.filter(mine), virtualServices: refs.virtualServices.filter(mine) };
}
