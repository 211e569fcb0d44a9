// Step analysis (seed S14), a failing run aborting the rollout (S19 shape), the inconclusive pause (S20) and
// background analysis (S15), with a web metric endpoint whose answer each scenario sets.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

const template = (url: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: success-rate}
spec:
  metrics:
  - name: success-rate
    interval: 1s
    count: 2
    successCondition: result > 0.60
    failureCondition: result <= 0.50
    inconclusiveLimit: 0
    failureLimit: 0
    provider:
      web:
        url: "${url}/rate"
        jsonPath: "{$.value}"
`;

const rollout = (analysis: 'step' | 'background'): string => `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  replicas: 4
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
      - name: app
        image: example/app:v1
  strategy:
    canary:
${analysis === 'background' ? '      analysis:\n        templates: [{templateName: success-rate}]\n        startingStep: 1\n' : ''}      steps:
      - setWeight: 25
${analysis === 'step' ? '      - analysis:\n          templates: [{templateName: success-rate}]\n' : '      - pause: {duration: 3}\n'}      - setWeight: 75
      - pause: {duration: 1}
`;

describe('step analysis (seed S14)', () => {
  it('a passing run lets the rollout continue to Healthy', async () => {
    const s = await scenario(world, 'step-ok');
    endpoint.answer({ value: 0.99 });
    await s.given.manifest(template(endpoint.url));
    await s.given.manifest(rollout('step'));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const runs = await world.cluster.analysisRuns(s.namespace);
    expect(runs.map((r) => r.status?.phase)).toEqual(['Successful']);
    await s.then.rollout('app').shows(['✔ Successful']);
  });

  it('a failing run aborts: Degraded, SetWeight 0, canary scaled down (seed S19 shape)', async () => {
    const s = await scenario(world, 'step-fail');
    endpoint.answer({ value: 0.99 });
    await s.given.manifest(template(endpoint.url));
    await s.given.manifest(rollout('step'));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    endpoint.answer({ value: 0.2 });
    await s.when.setImage('app', 'app', 'example/app:bad');
    await s.then.rollout('app').reaches({ phase: 'Degraded', aborted: true, updated: 0 });
    await s.then.rollout('app').hasReplicaSets({ 'example/app:v1': 4 });
    await s.then.rollout('app').recorded(['RolloutAborted', 'AnalysisRunFailed']);
    await s.then.rollout('app').shows(['✖ Degraded', 'SetWeight:     0', '✖ Failed']);
  });

  it('an inconclusive run pauses the rollout with InconclusiveAnalysisRun; promote continues (seed S20)', async () => {
    const s = await scenario(world, 'inconclusive');
    endpoint.answer({ value: 0.99 });
    await s.given.manifest(template(endpoint.url));
    await s.given.manifest(rollout('step'));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    endpoint.answer({ value: 0.55 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Paused', pauseReasons: ['InconclusiveAnalysisRun'] });
    await s.then.rollout('app').shows(['InconclusiveAnalysisRun', '? Inconclusive']);
    await s.when.promote('app');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
  });
});

describe('background analysis (seed S15)', () => {
  it('runs from startingStep while the steps continue and ends Successful when the rollout completes', async () => {
    const s = await scenario(world, 'background');
    endpoint.answer({ value: 0.99 });
    await s.given.manifest(template(endpoint.url));
    await s.given.manifest(rollout('background'));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const runs = await world.cluster.analysisRuns(s.namespace);
    expect(runs).toHaveLength(1);
    expect(['Successful', 'Running']).toContain(runs[0]?.status?.phase);
  });
});
