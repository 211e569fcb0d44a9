// A Rollout written for a traffic router Serin does not implement yet (NGINX here, upstream example
// examples/rollout-nginx... shape): the step never completes and a TrafficRoutingError names the router, instead
// of Serin shifting replicas while the real traffic never moves.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../dsl/eventually.js';
import { scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 90_000 });

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

const manifests = `
apiVersion: v1
kind: Service
metadata: {name: web-stable}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-canary}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: "nginx:1.25"}
  strategy:
    canary:
      stableService: web-stable
      canaryService: web-canary
      trafficRouting:
        nginx: {stableIngress: web}
      steps:
      - setWeight: 50
      - pause: {}
`;

describe('a traffic router Serin does not implement', () => {
  it('stops the update at its first step with a TrafficRoutingError naming the router', async () => {
    const s = await scenario(world, 'nginx');
    await s.given.manifest(manifests);
    await s.then.rollout('web').reaches({ phase: 'Healthy', available: 2 });
    await s.when.setImage('web', 'web', 'nginx:1.26');
    await s.then.rollout('web').recorded(['TrafficRoutingError']);
    const events = (await world.cluster.events(s.namespace)).filter((e) => e.reason === 'TrafficRoutingError');
    expect(events[0]?.message).toBe("traffic router 'nginx' is not supported by serin (supported: istio)");
    // still on step 0, never paused at the indefinite pause
    await eventually('still on step 0', async () => {
      const ro = await world.cluster.rollout(s.namespace, 'web');
      return ro?.status?.currentStepIndex === 0 && ro.status.phase === 'Progressing' ? undefined : `${String(ro?.status?.currentStepIndex)} ${String(ro?.status?.phase)}`;
    });
    expect((await world.cluster.rollout(s.namespace, 'web'))?.status?.pauseConditions).toBeUndefined();
  });
});
