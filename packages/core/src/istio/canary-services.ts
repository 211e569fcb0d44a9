/**
 * Traffic-routed canary Services: which of `stableService` / `canaryService` (and the ping-pong canary)
 * to point at which ReplicaSet hash, and when to hold the switch back.
 * parity: argo-rollouts rollout/service.go reconcileStableAndCanaryService, reconcilePingAndPongService,
 * ensureSVCTargets (decision only; the write is `buildSwitchServicePatch` + the `SwitchService` event)
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { ANNOTATION, LABEL } from '@serin/api';
import { buildSwitchServicePatch, serviceSelectorHash, switchServiceMessage } from '../bluegreen/service-selector.js';
import type { MaybeReplicaSet } from '../replica-set/replica-counts.js';
import { stableAndCanaryServices } from './router-spec.js';
import { dynamicRollbackToStable, isFullyPromoted } from './traffic-routing-plan.js';

export interface ServiceSwitch {
  readonly service: string;
  readonly fromHash: string;
  readonly toHash: string;
  /** Merge patch for the Service (selector, plus the managed-by annotation on adoption). */
  readonly patch: Record<string, unknown>;
  /** `SwitchService` event message. */
  readonly message: string;
}

const hashOf = (rs: MaybeReplicaSet): string => rs?.metadata?.labels?.[LABEL.PodTemplateHash] ?? '';
const fullyAvailable = (rs: V1ReplicaSet): boolean => (rs.status?.availableReplicas ?? 0) >= (rs.spec?.replicas ?? 1);
const partiallyAvailable = (rs: V1ReplicaSet): boolean => (rs.status?.availableReplicas ?? 0) > 0;

/**
 * One Service → RS decision (`ensureSVCTargets`): nothing when the RS or Service is missing or already
 * selected; an unmanaged Service (adoption) waits for a fully available RS; any switch waits for at least
 * one available pod when `checkAvailability`.
 */
export function serviceSwitch(svc: V1Service | undefined, rs: MaybeReplicaSet, rolloutName: string, checkAvailability: boolean): ServiceSwitch | undefined {
  if (!rs || svc === undefined) return undefined;
  const from = serviceSelectorHash(svc);
  const to = hashOf(rs);
  if (from === to) return undefined;
  const managed = svc.metadata?.annotations?.[ANNOTATION.ManagedByRollouts] !== undefined;
  if (checkAvailability && !managed && !fullyAvailable(rs)) return undefined;
  if (checkAvailability && !partiallyAvailable(rs)) return undefined;
  const patch = buildSwitchServicePatch(svc, to, rolloutName);
  if (patch === undefined) return undefined;
  const name = svc.metadata?.name ?? '';
  return { service: name, fromHash: from, toHash: to, patch, message: switchServiceMessage(name, from, to) };
}

/**
 * The switches for a canary: stable Service → stable RS; on abort without trafficRouting the canary
 * Service → stable RS; during a dynamicStableScale rollback to stable nothing more; else canary
 * Service → new RS; with ping-pong (not fully promoted) the current canary ping/pong Service → new RS.
 * With trafficRouting, the abort switch of the canary Service comes from `planTrafficRouting`
 * (`switchCanaryServiceToStable`): use `serviceSwitch(canarySvc, stableRS, …, false)` then.
 */
export function planCanaryServiceSwitches(
  rollout: Rollout,
  services: (name: string) => V1Service | undefined,
  newRS: MaybeReplicaSet,
  stableRS: MaybeReplicaSet,
): ServiceSwitch[] {
  const canary = rollout.spec.strategy?.canary;
  if (canary === undefined) return [];
  const name = rollout.metadata?.name ?? '';
  const lookup = (svc: string | undefined): V1Service | undefined => (svc === undefined || svc === '' ? undefined : services(svc));
  const out: ServiceSwitch[] = [];
  const push = (s: ServiceSwitch | undefined): void => {
    if (s !== undefined) out.push(s);
  };
  if (canary.pingPong !== undefined && !isFullyPromoted(rollout)) {
    const pp = stableAndCanaryServices({ ...rollout, spec: { ...rollout.spec, strategy: { canary: { ...canary, stableService: '', canaryService: '' } } } });
    push(serviceSwitch(lookup(pp.canary), newRS, name, false));
  }
  push(serviceSwitch(lookup(canary.stableService), stableRS, name, true));
  if (rollout.status?.abort === true && canary.trafficRouting === undefined) {
    push(serviceSwitch(lookup(canary.canaryService), stableRS, name, true));
    return out;
  }
  if (dynamicRollbackToStable(rollout, newRS).rollingBack) return out;
  push(serviceSwitch(lookup(canary.canaryService), newRS, name, true));
  return out;
}
