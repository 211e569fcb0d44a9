/**
 * The canary reconciler's Service stage (actor side): the `stableService` / `canaryService` (and ping/pong)
 * Services the snapshot carries, their selector patches, and the abort switch the traffic-routing actor asks for.
 * parity: argo-rollouts rollout/service.go (switchServiceSelector, ensureSVCTargets on abort in trafficrouting.go)
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { EVENT_REASON } from '@serin/api';
import { type ServiceAction, serviceSwitch, stableAndCanaryServices } from '@serin/core';
import { type EventRecorder, type Lister, type Logger, type ResourceClient, StaleCacheError } from '@serin/kube';
import { VersionTracker } from './version-tracker.js';

export interface CanaryServiceDeps {
  readonly services: Lister<V1Service>;
  readonly serviceClient: ResourceClient<V1Service>;
}

const HASH = 'rollouts-pod-template-hash';

export class CanaryServiceStage {
  private readonly versions = new VersionTracker();

  constructor(
    private readonly deps: CanaryServiceDeps,
    private readonly recorder: EventRecorder,
  ) {}

  /** The Services the rollout names (ping/pong, stable, canary); throws StaleCacheError behind our own patch. */
  services(namespace: string, rollout: Rollout): ReadonlyMap<string, V1Service> {
    const canary = rollout.spec.strategy?.canary;
    const names = [canary?.stableService, canary?.canaryService, canary?.pingPong?.pingService, canary?.pingPong?.pongService];
    const out = new Map<string, V1Service>();
    for (const name of names) {
      if (name === undefined || name === '') continue;
      const svc = this.deps.services.get(namespace, name);
      if (svc === undefined) continue;
      if (this.versions.isStale(`${namespace}/${name}`, svc)) throw new StaleCacheError();
      out.set(name, svc);
    }
    return out;
  }

  async execute(namespace: string, action: ServiceAction, log: Logger): Promise<void> {
    log.info('switching service selector', { service: action.name });
    this.versions.record(`${namespace}/${action.name}`, await this.deps.serviceClient.patchMerge(namespace, action.name, action.patch));
  }

  /**
   * Aborting a traffic-routed canary: the canary Service goes back to the stable ReplicaSet (no availability
   * check), with its `SwitchService` event. Nothing without a canary Service or stable RS.
   */
  async switchCanaryToStable(rollout: Rollout, replicaSets: readonly V1ReplicaSet[], log: Logger): Promise<void> {
    const namespace = rollout.metadata?.namespace ?? '';
    const name = stableAndCanaryServices(rollout).canary;
    const stableHash = rollout.status?.stableRS ?? '';
    const stableRS = replicaSets.find((rs) => rs.metadata?.labels?.[HASH] === stableHash);
    if (name === '' || stableRS === undefined) return;
    const svc = this.deps.services.get(namespace, name);
    const s = serviceSwitch(svc, stableRS, rollout.metadata?.name ?? '', false);
    if (s === undefined) return;
    await this.execute(namespace, { kind: 'patchService', name: s.service, patch: s.patch }, log);
    this.recorder.event(rollout, { reason: EVENT_REASON.SwitchService }, s.message);
  }
}
