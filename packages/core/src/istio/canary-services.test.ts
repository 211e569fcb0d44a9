import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { aReplicaSet, aRollout } from '../replica-set/test-support/builders.js';
import { planCanaryServiceSwitches, serviceSwitch } from './canary-services.js';

const svc = (name: string, hash?: string, managed = true): V1Service => ({
  metadata: { name, ...(managed ? { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'rollout' } } : {}) },
  spec: { selector: { app: 'reviews', ...(hash !== undefined ? { 'rollouts-pod-template-hash': hash } : {}) } },
});
const rs = (name: string, replicas: number, available: number) => aReplicaSet({ name, replicas, availableReplicas: available });

// parity: argo-rollouts rollout/service_test.go (ensureSVCTargets, reconcileStableAndCanaryService)
describe('serviceSwitch', () => {
  it.each([
    { name: 'already selected → nothing', s: svc('canary', 'new'), r: rs('new', 2, 2), check: true, want: undefined },
    { name: 'managed, partially available → switch', s: svc('canary', 'old'), r: rs('new', 2, 1), check: true, want: { fromHash: 'old', toHash: 'new', patch: { spec: { selector: { 'rollouts-pod-template-hash': 'new' } } } } },
    { name: 'managed, nothing available → wait', s: svc('canary', 'old'), r: rs('new', 2, 0), check: true, want: undefined },
    { name: 'adoption waits for a fully available RS', s: svc('canary', undefined, false), r: rs('new', 2, 1), check: true, want: undefined },
    {
      name: 'adoption adds the managed-by annotation',
      s: svc('canary', undefined, false),
      r: rs('new', 2, 2),
      check: true,
      want: { fromHash: '', toHash: 'new', message: "Switched selector for service 'canary' from '' to 'new'", patch: { metadata: { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'rollout' } }, spec: { selector: { 'rollouts-pod-template-hash': 'new' } } } },
    },
    { name: 'no availability check (abort back to stable)', s: svc('canary', 'new'), r: rs('stable', 2, 0), check: false, want: { toHash: 'stable' } },
  ])('$name', ({ s, r, check, want }) => {
    const out = serviceSwitch(s, r, 'rollout', check);
    if (want === undefined) expect(out).toBeUndefined();
    else expect(out).toMatchObject(want);
  });
});

describe('planCanaryServiceSwitches', () => {
  const services = (m: Record<string, V1Service>) => (name: string) => m[name];
  const withServices = (opts: Parameters<typeof aRollout>[0]) => {
    const ro = aRollout({ replicas: 2, stableRS: 'stable', currentPodHash: 'new', ...opts });
    const c = ro.spec.strategy?.canary;
    if (c) {
      c.stableService = 'stable-svc';
      c.canaryService = 'canary-svc';
    }
    return ro;
  };
  it('stable → stable RS, canary → new RS', () => {
    const out = planCanaryServiceSwitches(withServices({}), services({ 'stable-svc': svc('stable-svc'), 'canary-svc': svc('canary-svc', 'stable') }), rs('new', 2, 1), rs('stable', 2, 2));
    expect(out.map((s) => [s.service, s.toHash])).toEqual([['stable-svc', 'stable'], ['canary-svc', 'new']]);
  });
  it('abort without trafficRouting: canary Service back to the stable RS', () => {
    const out = planCanaryServiceSwitches(withServices({ abort: true }), services({ 'stable-svc': svc('stable-svc', 'stable'), 'canary-svc': svc('canary-svc', 'new') }), rs('new', 2, 2), rs('stable', 2, 2));
    expect(out.map((s) => [s.service, s.fromHash, s.toHash])).toEqual([['canary-svc', 'new', 'stable']]);
  });
  it('abort with trafficRouting: left to planTrafficRouting (canary Service keeps the new RS)', () => {
    const out = planCanaryServiceSwitches(withServices({ abort: true, trafficRouting: { istio: { virtualService: { name: 'vs' } } } }), services({ 'stable-svc': svc('stable-svc', 'stable'), 'canary-svc': svc('canary-svc', 'new') }), rs('new', 2, 2), rs('stable', 2, 2));
    expect(out).toEqual([]);
  });
});
