/**
 * Which Rollouts use a VirtualService or DestinationRule, so an out-of-band edit re-enqueues them at once
 * instead of waiting for the next resync (upstream #849).
 * parity: argo-rollouts rollout/controller.go (istio informer handlers → enqueue referencing rollouts)
 */
import type { Rollout } from '@serin/api';
import { istioRouterSpec } from './router-spec.js';

export const IstioKind = { VirtualService: 'VirtualService', DestinationRule: 'DestinationRule' } as const;
export type IstioKind = (typeof IstioKind)[keyof typeof IstioKind];

/** Rollouts (any namespace for VirtualServices named `ns/name`) that reference `namespace/name` of `kind`. */
export function rolloutsReferencingIstioObject(rollouts: readonly Rollout[], kind: IstioKind, namespace: string, name: string): Rollout[] {
  return rollouts.filter((ro) => {
    const spec = istioRouterSpec(ro);
    if (spec === undefined) return false;
    if (kind === IstioKind.DestinationRule) return spec.destinationRule?.name === name && spec.namespace === namespace;
    return spec.virtualServices.some((vs) => vs.name === name && vs.namespace === namespace);
  });
}
