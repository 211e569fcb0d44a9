import type { Rollout, SetHeaderRoute, SetMirrorRoute, TrafficWeights } from '@serin/api';
import type { TrafficRoutingPlan } from '@serin/core';
import { MemoryEventRecorder } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { aRoutingPlan, weights } from './__fixtures__/routing-plan.js';
import { reconcileTrafficRouting } from './reconcile-traffic-routing.js';
import type { TrafficRouter } from './traffic-router.js';

class RecordingRouter implements TrafficRouter {
  readonly type = 'Fake';
  readonly calls: string[] = [];
  constructor(private readonly opts: { verified?: boolean | undefined; failSetWeight?: string } = { verified: true }) {}
  async updateHash(c: string, s: string) {
    this.calls.push(`updateHash(${c},${s})`);
  }
  async setWeight(w: number) {
    this.calls.push(`setWeight(${w})`);
    if (this.opts.failSetWeight !== undefined) throw new Error(this.opts.failSetWeight);
  }
  async setHeaderRoute(r: SetHeaderRoute) {
    this.calls.push(`setHeaderRoute(${r.name})`);
  }
  async setMirrorRoute(r: SetMirrorRoute) {
    this.calls.push(`setMirrorRoute(${r.name})`);
  }
  async removeManagedRoutes() {
    this.calls.push('removeManagedRoutes');
  }
  async verifyWeight(w: number) {
    this.calls.push(`verifyWeight(${w})`);
    return this.opts.verified;
  }
}

const rollout = { metadata: { name: 'r', namespace: 'ns' }, spec: {} } as Rollout;
const plan = aRoutingPlan;

describe('reconcileTrafficRouting', () => {
  it('calls the router in upstream order and records TrafficWeightUpdated after setWeight', async () => {
    const router = new RecordingRouter();
    const recorder = new MemoryEventRecorder();
    const res = await reconcileTrafficRouting(plan({ headerRoute: { name: 'h', match: [] }, mirrorRoute: { name: 'm' } }), { rollout, routers: [router], recorder });
    expect(router.calls).toEqual(['setHeaderRoute(h)', 'setMirrorRoute(m)', 'updateHash(c,s)', 'setWeight(20)', 'verifyWeight(20)']);
    expect(recorder.reasons()).toEqual(['TrafficWeightUpdated']);
    expect(res).toEqual({ weights: { ...weights(20), verified: true }, done: true });
  });

  it('abort: canary Service switched, managed routes removed, weight 0', async () => {
    const router = new RecordingRouter();
    const switched: string[] = [];
    await reconcileTrafficRouting(plan({ desiredWeight: 0, removeManagedRoutes: true, switchCanaryServiceToStable: true, weights: weights(0) }), {
      rollout,
      routers: [router],
      recorder: new MemoryEventRecorder(),
      switchCanaryServiceToStable: async () => {
        switched.push('svc');
      },
    });
    expect(switched).toEqual(['svc']);
    expect(router.calls).toEqual(['removeManagedRoutes', 'updateHash(c,s)', 'setWeight(0)', 'verifyWeight(0)']);
  });

  it('new RS empty with traffic still on a canary: weight first, then hash', async () => {
    const router = new RecordingRouter();
    await reconcileTrafficRouting(plan({ desiredWeight: 0, setWeightBeforeHash: true, removeManagedRoutes: true }), { rollout, routers: [router], recorder: new MemoryEventRecorder() });
    expect(router.calls).toEqual(['removeManagedRoutes', 'setWeight(0)', 'updateHash(c,s)', 'setWeight(0)', 'verifyWeight(0)']);
  });

  it('stable short: routes removed but nothing else; not done', async () => {
    const router = new RecordingRouter();
    const res = await reconcileTrafficRouting(plan({ waitForStable: true, removeManagedRoutes: true }), { rollout, routers: [router], recorder: new MemoryEventRecorder() });
    expect(router.calls).toEqual(['removeManagedRoutes']);
    expect(res.done).toBe(false);
    expect(res.weights).toBeUndefined();
  });

  it('unverified weight: not done, requeue after the verify interval, verified=false persisted', async () => {
    const res = await reconcileTrafficRouting(plan({ verifyRequiredToFinish: true }), { rollout, routers: [new RecordingRouter({ verified: false })], recorder: new MemoryEventRecorder() });
    expect(res).toEqual({ weights: { ...weights(20), verified: false }, done: false, requeueAfterMs: 10_000, reason: 'end of rollout, desired weight 20 not yet verified' });
  });

  it('a router that cannot verify (undefined) leaves verified unset and is done', async () => {
    const res = await reconcileTrafficRouting(plan(), { rollout, routers: [new RecordingRouter({ verified: undefined })], recorder: new MemoryEventRecorder() });
    expect(res).toEqual({ weights: weights(20), done: true });
  });

  it('setWeight failure records TrafficRoutingError (Warning) and rethrows', async () => {
    const recorder = new MemoryEventRecorder();
    await expect(reconcileTrafficRouting(plan(), { rollout, routers: [new RecordingRouter({ failSetWeight: "HTTP Route 'x' is not found in the defined Virtual Service." })], recorder })).rejects.toThrow('not found');
    expect(recorder.recorded).toEqual([expect.objectContaining({ type: 'Warning', reason: 'TrafficRoutingError', message: "HTTP Route 'x' is not found in the defined Virtual Service." })]);
  });

  it('unchanged weights: no event, previous status weights kept', async () => {
    const recorder = new MemoryEventRecorder();
    const ro = { ...rollout, status: { canary: { weights: weights(20) } } } as Rollout;
    const res = await reconcileTrafficRouting(plan({ weightsChanged: false, weightEventMessage: '' }), { rollout: ro, routers: [new RecordingRouter()], recorder });
    expect(recorder.recorded).toEqual([]);
    expect(res.weights).toEqual({ ...weights(20), verified: true });
  });

  it('no routers → weights cleared', async () => {
    expect(await reconcileTrafficRouting(plan(), { rollout, routers: [], recorder: new MemoryEventRecorder() })).toEqual({ weights: null, done: true });
  });
});
