// Blue-green (seed S27 with autoPromotionEnabled: false) with a pre-promotion analysis: the preview Service
// points at the new pods, the run must pass, the rollout waits for promote, then the active Service switches;
// a failing pre-promotion run aborts, the active Service stays on the old pods and the preview pods go after
// abortScaleDownDelaySeconds.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../dsl/eventually.js';
import { type MetricEndpoint, startMetricEndpoint } from '../dsl/metric-endpoint.js';
import { scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 120_000 });

let world: World;
let endpoint: MetricEndpoint;
beforeAll(async () => {
  world = await startWorld();
  endpoint = await startMetricEndpoint({ value: 1 });
});
afterAll(async () => {
  await endpoint?.close();
  await world?.close();
});

const manifests = (url: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: smoke}
spec:
  metrics:
  - name: smoke
    count: 1
    successCondition: result >= 0.9
    failureLimit: 0
    provider:
      web:
        url: "${url}/smoke"
        jsonPath: "{$.value}"
---
apiVersion: v1
kind: Service
metadata: {name: rollout-bluegreen-active}
spec:
  ports: [{name: http, port: 9080, protocol: TCP, targetPort: 9080}]
  selector: {app: reviews}
---
apiVersion: v1
kind: Service
metadata: {name: rollout-bluegreen-preview}
spec:
  ports: [{name: http, port: 9080, protocol: TCP, targetPort: 9080}]
  selector: {app: reviews}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: reviews}
spec:
  replicas: 2
  revisionHistoryLimit: 2
  selector:
    matchLabels: {app: reviews}
  template:
    metadata:
      labels: {app: reviews}
    spec:
      containers:
      - name: reviews
        image: docker.io/istio/examples-bookinfo-reviews-v1:1.16.2
  strategy:
    blueGreen:
      activeService: rollout-bluegreen-active
      previewService: rollout-bluegreen-preview
      autoPromotionEnabled: false
      scaleDownDelaySeconds: 2
      abortScaleDownDelaySeconds: 1
      prePromotionAnalysis:
        templates: [{templateName: smoke}]
`;

const V1 = 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2';
const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';
const V3 = 'docker.io/istio/examples-bookinfo-reviews-v3:1.16.2';

describe('blue-green with pre-promotion analysis (seed S27)', () => {
  it('previews the new pods, passes the analysis, waits for promote, switches active, scales the old pods down after the delay; a failing analysis aborts', async () => {
    const s = await scenario(world, 'bluegreen');
    endpoint.answer({ value: 1 });
    await s.given.manifest(manifests(endpoint.url));
    await s.then.rollout('reviews').reaches({ phase: 'Healthy', replicas: 2, available: 2, stableIsCurrent: true });
    const hashOf = async (): Promise<string | undefined> => (await world.cluster.rollout(s.namespace, 'reviews'))?.status?.currentPodHash;
    const v1Hash = await hashOf();
    const selectors = async (): Promise<string> => {
      const active = await world.cluster.serviceSelector(s.namespace, 'rollout-bluegreen-active');
      const preview = await world.cluster.serviceSelector(s.namespace, 'rollout-bluegreen-preview');
      return `${active?.['rollouts-pod-template-hash']}/${preview?.['rollouts-pod-template-hash']}`;
    };
    await eventually('both Services pinned to the first revision', async () => ((await selectors()) === `${v1Hash}/${v1Hash}` ? undefined : await selectors()));

    await s.when.setImage('reviews', 'reviews', V2);
    await s.then.rollout('reviews').reaches({ phase: 'Paused', pauseReasons: ['BlueGreenPause'] });
    await s.then.rollout('reviews').hasReplicaSets({ [V1]: 2, [V2]: 2 });
    const v2Hash = await hashOf();
    expect(v2Hash).not.toBe(v1Hash);
    expect(await selectors()).toBe(`${v1Hash}/${v2Hash}`);
    expect((await world.cluster.analysisRuns(s.namespace)).map((r) => r.status?.phase)).toEqual(['Successful']);
    await s.then.rollout('reviews').shows(['Strategy:        BlueGreen', `${V2} (preview)`, `${V1} (stable, active)`]);

    await s.when.promote('reviews');
    await s.then.rollout('reviews').reaches({ phase: 'Healthy', stableIsCurrent: true, available: 2 });
    await eventually('active switched to the new pods', async () => ((await selectors()) === `${v2Hash}/${v2Hash}` ? undefined : await selectors()));
    await s.then.rollout('reviews').hasReplicaSets({ [V2]: 2 });

    endpoint.answer({ value: 0.1 });
    await s.when.setImage('reviews', 'reviews', V3);
    await s.then.rollout('reviews').reaches({ phase: 'Degraded', aborted: true });
    expect((await selectors()).split('/')[0]).toBe(v2Hash);
    await s.then.rollout('reviews').hasReplicaSets({ [V2]: 2 });
    await s.then.rollout('reviews').recorded(['RolloutAborted']);
  });
});
