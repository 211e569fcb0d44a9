/**
 * The Service stage of a canary reconcile (before traffic routing, as upstream): point `stableService` at the
 * stable ReplicaSet, `canaryService` (and the current ping/pong canary) at the new one, adopting an unmanaged
 * Service only once its target is fully available. The abort switch of a traffic-routed canary Service happens in
 * the routing actor (`switchCanaryServiceToStable`).
 * parity: argo-rollouts rollout/service.go reconcileStableAndCanaryService, reconcilePingAndPongService
 */
import type { V1Service } from '@kubernetes/client-node';
import { EVENT_REASON } from '@serin/api';
import { planCanaryServiceSwitches } from '../istio/canary-services.js';
import type { JsonPatch, PlanContext } from './plan.js';

export const SERVICE_ACTION = {
  /** Merge patch of a Service (selector switch, managed-by annotation). */
  PatchService: 'patchService',
} as const;

export interface ServiceAction {
  readonly kind: typeof SERVICE_ACTION.PatchService;
  readonly name: string;
  readonly patch: JsonPatch;
}

/**
 * Push one Service patch plus its `SwitchService` event per switch.
 * Example: canaryService `reviews-canary` selecting nothing yet, new RS `abc` available → patch
 * `{metadata: {annotations: {managed-by-rollouts: ro}}, spec: {selector: {rollouts-pod-template-hash: abc}}}`,
 * event `Switched selector for service 'reviews-canary' from '' to 'abc'`.
 */
export function reconcileCanaryServices(ctx: PlanContext, services: ReadonlyMap<string, V1Service>): void {
  const switches = planCanaryServiceSwitches(ctx.rollout, (name) => services.get(name), ctx.rs.newRS, ctx.rs.stableRS);
  // an aborted routed canary keeps its canary Service on the stable RS (the routing actor moved it there):
  // switching it back to the still-running canary RS on every reconcile would flip-flop until the abort delay ends
  const canary = ctx.rollout.spec.strategy?.canary;
  const holdCanary = ctx.pause.isAborted() && canary?.trafficRouting !== undefined;
  for (const s of switches) {
    if (holdCanary && s.service === canary?.canaryService) continue;
    ctx.actions.push({ kind: SERVICE_ACTION.PatchService, name: s.service, patch: s.patch });
    ctx.emit(EVENT_REASON.SwitchService, s.message);
  }
}
