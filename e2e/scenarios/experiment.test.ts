// A standalone Experiment (seed S24 shape, upstream e2e experiment-basic.yaml): created with
// `kubectl argo rollouts create -f`, runs one ReplicaSet per template and an analysis for its duration,
// ends Successful and scales its ReplicaSets down after scaleDownDelaySeconds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const template = (url: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: compare}
spec:
  metrics:
  - name: compare
    interval: 1s
    count: 2
    successCondition: result >= 0.9
    provider:
      web:
        url: "${url}/compare"
        jsonPath: "{$.value}"
`;

const experiment = `
apiVersion: argoproj.io/v1alpha1
kind: Experiment
metadata:
  name: experiment-basic
spec:
  duration: 3s
  scaleDownDelaySeconds: 1
  templates:
  - name: baseline
    selector:
      matchLabels: {app: rollouts-demo, role: baseline}
    template:
      metadata:
        labels: {app: rollouts-demo, role: baseline}
      spec:
        containers:
        - name: rollouts-demo
          image: argoproj/rollouts-demo:blue
  - name: canary
    selector:
      matchLabels: {app: rollouts-demo, role: canary}
    template:
      metadata:
        labels: {app: rollouts-demo, role: canary}
      spec:
        containers:
        - name: rollouts-demo
          image: argoproj/rollouts-demo:yellow
  analyses:
  - name: compare
    templateName: compare
`;

describe('standalone Experiment (seed S24)', () => {
  it('runs baseline and canary for its duration with a passing analysis, ends Successful, scales down', async () => {
    const s = await scenario(world, 'experiment');
    await s.given.manifest(template(endpoint.url));
    const file = join(world.dir, `${s.namespace}-experiment.yaml`);
    writeFileSync(file, experiment);
    await s.when.plugin(['create', '-f', file]);
    s.then.printed('experiment.argoproj.io/experiment-basic created');

    const rsReplicas = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (await world.cluster.replicaSets(s.namespace))
          .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Experiment' && o.name === 'experiment-basic'))
          .map((rs) => [rs.metadata?.name ?? '', rs.status?.readyReplicas ?? 0]),
      );
    const phase = async (): Promise<string | undefined> => (await world.cluster.experiments(s.namespace)).find((e) => e.metadata?.name === 'experiment-basic')?.status?.phase;
    const diag = { diagnostics: () => world.diagnostics() };

    await eventually('both template ReplicaSets ready', async () => {
      const got = await rsReplicas();
      return got['experiment-basic-baseline'] === 1 && got['experiment-basic-canary'] === 1 ? undefined : JSON.stringify(got);
    }, diag);
    // The controller sees the ReplicaSets' status after we do; Running follows within one reconcile.
    await eventually('Experiment Running', async () => ((await phase()) === 'Running' ? undefined : `phase ${String(await phase())}`), diag);

    await eventually('Experiment Successful', async () => ((await phase()) === 'Successful' ? undefined : `phase ${String(await phase())}`), diag);
    const runs = await world.cluster.analysisRuns(s.namespace);
    expect(runs.map((r) => [r.metadata?.name, r.status?.phase])).toEqual([['experiment-basic-compare', 'Successful']]);
    await eventually('template ReplicaSets scaled down', async () => {
      const specs = (await world.cluster.replicaSets(s.namespace)).filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Experiment')).map((rs) => rs.spec?.replicas);
      return specs.length === 2 && specs.every((r) => r === 0) ? undefined : JSON.stringify(specs);
    }, diag);

    const view = await s.when.plugin(['get', 'experiment', 'experiment-basic']);
    expect(view.stdout).toContain('Status:          ✔ Successful');
  });
});
