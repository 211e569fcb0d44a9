// Experiment step (seed S23): the rollout runs an Experiment with a baseline (stable spec) and a canary
// (canary spec) ReplicaSet plus an analysis, waits for it to succeed, then continues its steps; the rollout's
// own canary ReplicaSet stays scaled down while the Experiment runs.
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

const V1 = 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2';
const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';

const manifests = (url: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: success-rate}
spec:
  metrics:
  - name: success-rate
    interval: 1s
    count: 2
    successCondition: result >= 0.9
    provider:
      web:
        url: "${url}/rate"
        jsonPath: "{$.value}"
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: reviews-v1}
spec:
  replicas: 2
  selector:
    matchLabels: {app: reviews}
  template:
    metadata:
      labels: {app: reviews}
    spec:
      containers:
      - name: reviews
        image: ${V1}
  strategy:
    canary:
      steps:
      - experiment:
          duration: 3s
          templates:
          - name: baseline
            specRef: stable
            replicas: 2
          - name: canary
            specRef: canary
            replicas: 1
          analyses:
          - name: test
            templateName: success-rate
      - setWeight: 50
      - pause: {duration: 1}
`;

interface RsRow {
  readonly owner: string;
  readonly name: string;
  readonly image: string;
  readonly replicas: number;
}

describe('experiment step (seed S23)', () => {
  it('runs baseline and canary ReplicaSets with an analysis, succeeds, then the rollout completes', async () => {
    const s = await scenario(world, 'experiment');
    endpoint.answer({ value: 1 });
    await s.given.manifest(manifests(endpoint.url));
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', available: 2 });

    await s.when.setImage('reviews-v1', 'reviews', V2);
    let rows: RsRow[] = [];
    await eventually('the Experiment ReplicaSets baseline (2 × v1) and canary (1 × v2)', async () => {
      rows = (await world.cluster.replicaSets(s.namespace))
        .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Experiment'))
        .map((rs) => ({
          owner: rs.metadata?.ownerReferences?.[0]?.name ?? '',
          name: rs.metadata?.name ?? '',
          image: rs.spec?.template?.spec?.containers[0]?.image ?? '',
          replicas: rs.spec?.replicas ?? 0,
        }));
      const baseline = rows.find((r) => r.name.endsWith('-baseline'));
      const canary = rows.find((r) => r.name.endsWith('-canary'));
      return baseline?.image === V1 && baseline.replicas === 2 && canary?.image === V2 && canary.replicas === 1 ? undefined : JSON.stringify(rows);
    }, { diagnostics: () => world.diagnostics() });
    // while the Experiment runs the rollout's own canary ReplicaSet stays at 0
    await s.then.rollout('reviews-v1').hasReplicaSets({ [V1]: 2 });
    const experimentName = rows[0]?.owner ?? '';
    expect(experimentName).toMatch(/^reviews-v1-[0-9a-z]+-2-0$/);

    await eventually(`Experiment ${experimentName} Successful`, async () => {
      const phase = (await world.cluster.experiments(s.namespace)).find((e) => e.metadata?.name === experimentName)?.status?.phase;
      return phase === 'Successful' ? undefined : `phase ${String(phase)}`;
    }, { diagnostics: () => world.diagnostics() });
    const runs = await world.cluster.analysisRuns(s.namespace);
    expect(runs.map((r) => [r.metadata?.name, r.status?.phase])).toEqual([[`${experimentName}-test`, 'Successful']]);

    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', updated: 2, available: 2, stableIsCurrent: true });
    await s.then.rollout('reviews-v1').hasReplicaSets({ [V2]: 2 });
  });
});
