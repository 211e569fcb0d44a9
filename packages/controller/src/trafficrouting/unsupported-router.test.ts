import type { Rollout, RolloutTrafficRouting } from '@serin/api';
import { MemoryEventRecorder } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { aRoutingPlan } from './__fixtures__/routing-plan.js';
import { reconcileTrafficRouting } from './reconcile-traffic-routing.js';
import { unsupportedRouterNames, unsupportedTrafficRouters } from './unsupported-router.js';

const withRouting = (trafficRouting: RolloutTrafficRouting): Rollout =>
  ({ metadata: { name: 'r', namespace: 'ns' }, spec: { strategy: { canary: { trafficRouting } } } }) as unknown as Rollout;

const plan = aRoutingPlan();

describe('traffic routers Serin does not implement', () => {
  it.each([
    { name: 'Istio only: none', routing: { istio: { virtualService: { name: 'vs' } } }, expected: [] },
    { name: 'nginx', routing: { nginx: { stableIngress: 'web' } }, expected: ['nginx'] },
    { name: 'alb and smi beside istio', routing: { istio: { virtualService: { name: 'vs' } }, alb: { ingress: 'web', servicePort: 80 }, smi: {} }, expected: ['alb', 'smi'] },
    { name: 'a router plugin', routing: { plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'web' } } }, expected: ['argoproj-labs/gatewayAPI'] },
    { name: 'managedRoutes and maxTrafficWeight are not routers', routing: { managedRoutes: [{ name: 'h' }], maxTrafficWeight: 1000 }, expected: [] },
  ] as Array<{ name: string; routing: RolloutTrafficRouting; expected: string[] }>)('$name', ({ routing, expected }) => {
    expect(unsupportedRouterNames(withRouting(routing))).toEqual(expected);
  });

  it('at weight 0 (initial deploy, promoted, aborted) need nothing: stable traffic follows the stable Service', async () => {
    const rollout = withRouting({ nginx: { stableIngress: 'web' } } as RolloutTrafficRouting);
    const recorder = new MemoryEventRecorder();
    const res = await reconcileTrafficRouting({ ...plan, desiredWeight: 0 }, { rollout, routers: unsupportedTrafficRouters(rollout), recorder });
    expect(res.done).toBe(true);
    expect(recorder.reasons()).toEqual(['TrafficWeightUpdated']);
  });

  it('fail a step above 0 with a TrafficRoutingError naming the router, without advancing', async () => {
    const rollout = withRouting({ nginx: { stableIngress: 'web' } } as RolloutTrafficRouting);
    const recorder = new MemoryEventRecorder();
    await expect(reconcileTrafficRouting(plan, { rollout, routers: unsupportedTrafficRouters(rollout), recorder })).rejects.toThrow(
      "traffic router 'nginx' is not supported by serin (supported: istio)",
    );
    expect(recorder.reasons()).toEqual(['TrafficRoutingError']);
  });
});
