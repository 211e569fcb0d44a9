// Seed analysis extras: background analysis from `startingStep` (S16), the Job provider (S17), `initialDelay` and
// the `.1` name of a run re-created after a retry (S21), and ClusterAnalysisTemplates with `clusterScope: true`,
// missing one → InvalidSpec (S25). Each scenario gets its own web metric endpoint whose answer it sets.
// parity: argo-rollouts rollout/analysis.go (run names, startingStep), metricproviders/job/job.go, analysis/analysis.go
import type { AnalysisRun, Rollout } from '@serin/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../dsl/eventually.js';
import { mustSucceed } from '../dsl/kubectl.js';
import { type MetricEndpoint, startMetricEndpoint } from '../dsl/metric-endpoint.js';
import { type Scenario, scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 60_000 });

let world: World;
const endpoints: MetricEndpoint[] = [];
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  await world?.close();
});

async function endpointAnswering(value: number): Promise<MetricEndpoint> {
  const e = await startMetricEndpoint({ value });
  endpoints.push(e);
  return e;
}

/** A web metric on `<url>/rate` reading `$.value`: > 0.6 passes, <= 0.5 fails at once. */
const webSpec = (url: string, extra: { count?: number; initialDelay?: string }): string => `
spec:
  metrics:
  - name: success-rate
    interval: 1s
${extra.count === undefined ? '' : `    count: ${extra.count}\n`}${extra.initialDelay === undefined ? '' : `    initialDelay: ${extra.initialDelay}\n`}    successCondition: result > 0.60
    failureCondition: result <= 0.50
    failureLimit: 0
    provider:
      web:
        url: "${url}/rate"
        jsonPath: "{$.value}"
`;

const webTemplate = (name: string, url: string, extra: { count?: number; initialDelay?: string } = { count: 2 }): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: ${name}}${webSpec(url, extra)}`;

const clusterTemplate = (name: string, url: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: ClusterAnalysisTemplate\nmetadata: {name: ${name}}${webSpec(url, { count: 2 })}`;

/** A 4-replica canary Rollout `app` with the given `canary:` body lines (indented 4 spaces). */
const rollout = (canary: string): string => `
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
${canary}`;

const stepAnalysis = (templateName: string, clusterScope = false): string => `      steps:
      - setWeight: 50
      - analysis:
          templates: [{templateName: ${templateName}${clusterScope ? ', clusterScope: true' : ''}}]
      - setWeight: 100
`;

const runName = (r: AnalysisRun): string => r.metadata?.name ?? '';
const measurements = (r: AnalysisRun | undefined): string[] =>
  (r?.status?.metricResults ?? []).flatMap((m) => (m.measurements ?? []).map((x) => String(x.phase)));

async function currentRollout(s: Scenario): Promise<Rollout> {
  const ro = await world.cluster.rollout(s.namespace, 'app');
  if (ro === undefined) throw new Error('rollout app not found');
  return ro;
}

/** Waits until the namespace holds exactly the named runs with these phases; returns them. */
async function runsReach(s: Scenario, want: Readonly<Record<string, string>>): Promise<AnalysisRun[]> {
  let runs: AnalysisRun[] = [];
  await eventually(
    `AnalysisRuns ${JSON.stringify(want)}`,
    async () => {
      runs = await world.cluster.analysisRuns(s.namespace);
      const got = Object.fromEntries(runs.map((r) => [runName(r), String(r.status?.phase)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
      const sorted = Object.fromEntries(Object.entries(want).sort(([a], [b]) => a.localeCompare(b)));
      return JSON.stringify(got) === JSON.stringify(sorted) ? undefined : `got ${JSON.stringify(got)}`;
    },
    { diagnostics: () => world.diagnostics() },
  );
  return runs;
}

/** Waits until Events on `kind/name` include every reason. */
async function eventsOn(s: Scenario, kind: string, name: string, reasons: readonly string[]): Promise<void> {
  await eventually(`${kind} ${name} events ${reasons.join(', ')}`, async () => {
    const seen = new Set((await world.cluster.events(s.namespace)).filter((e) => e.kind === kind && e.name === name).map((e) => e.reason));
    const missing = reasons.filter((r) => !seen.has(r));
    return missing.length === 0 ? undefined : `missing ${missing.join(', ')}; seen ${[...seen].join(', ')}`;
  });
}

describe('background analysis with startingStep (seed S16)', () => {
  it('creates no run at steps 0-1, `<rollout>-<hash>-<revision>` from step 2, Successful after promote', async () => {
    const s = await scenario(world, 's16-starting-step');
    const endpoint = await endpointAnswering(0.99);
    await s.given.manifest(webTemplate('success-rate', endpoint.url, {}));
    await s.given.manifest(
      rollout(`      analysis:
        templates: [{templateName: success-rate}]
        startingStep: 2
      steps:
      - setWeight: 20
      - pause: {duration: 1s}
      - setWeight: 40
      - pause: {}
`),
    );
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    expect(await world.cluster.analysisRuns(s.namespace)).toHaveLength(0);
    await s.when.setImage('app', 'app', 'example/app:v2');
    // runs are read before the rollout: a run seen while the rollout is still before step 2 is a real violation
    const early: { step: number; runs: string[] }[] = [];
    await eventually('currentStepIndex to reach 2', async () => {
      const runs = (await world.cluster.analysisRuns(s.namespace)).map(runName);
      const ro = await currentRollout(s);
      const step = ro.status?.currentStepIndex ?? 0;
      if (ro.status?.observedGeneration !== String(ro.metadata?.generation)) return 'update not yet observed';
      if (step < 2) {
        early.push({ step, runs });
        return `step ${step}`;
      }
      return undefined;
    });
    expect(early.length).toBeGreaterThan(0);
    expect(early.filter((o) => o.runs.length > 0)).toEqual([]);
    await s.then.rollout('app').reaches({ phase: 'Paused', step: 3, pauseReasons: ['CanaryPauseStep'] });
    const ro = await currentRollout(s);
    const hash = ro.status?.currentPodHash ?? '';
    expect(hash).not.toBe('');
    const name = `app-${hash}-2`;
    const [running] = await runsReach(s, { [name]: 'Running' });
    expect(running?.metadata?.labels?.['rollout-type']).toBe('Background');
    expect(ro.status?.canary?.currentBackgroundAnalysisRunStatus?.name).toBe(name);
    await s.when.promote('app');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const [done] = await runsReach(s, { [name]: 'Successful' });
    expect(measurements(done).length).toBeGreaterThan(0);
    expect(measurements(done).every((p) => p === 'Successful')).toBe(true);
    await s.then.rollout('app').recorded(['RolloutStepCompleted', 'RolloutResumed', 'RolloutCompleted']);
  });
});

/** An AnalysisTemplate `job-check` whose one Job metric runs `sh -c <script>` (sandbox: `exit N` → the exit code). */
const jobTemplate = (script: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: job-check}
spec:
  metrics:
  - name: job-check
    provider:
      job:
        spec:
          backoffLimit: 1
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: check
                image: busybox
                command: [sh, -c, "${script}"]
`;

describe('Job provider (seed S17)', () => {
  it('a Job ending in `exit 0` passes the analysis step; the Job carries the run UID label and ownerReference', async () => {
    const s = await scenario(world, 's17-job');
    await s.given.manifest(jobTemplate('echo checking && exit 0'));
    await s.given.manifest(rollout(stepAnalysis('job-check')));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const hash = (await currentRollout(s)).status?.currentPodHash ?? '';
    const name = `app-${hash}-2-1`;
    const [run] = await runsReach(s, { [name]: 'Successful' });
    expect(measurements(run)).toEqual(['Successful']);
    const uid = run?.metadata?.uid ?? '';
    expect(uid).not.toBe('');
    const jobs = JSON.parse((await s.when.kubectl(['get', 'jobs', '-o', 'json'])).stdout) as {
      items: { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[] } }[];
    };
    expect(jobs.items.map((j) => j.metadata.name)).toEqual([`${uid}.job-check.1`]);
    const job = jobs.items[0]?.metadata;
    expect(job?.labels?.['analysisrun.argoproj.io/uid']).toBe(uid);
    expect(job?.annotations?.['analysisrun.argoproj.io/name']).toBe(name);
    expect(job?.annotations?.['analysisrun.argoproj.io/metric-name']).toBe('job-check');
    expect(job?.ownerReferences).toEqual([expect.objectContaining({ kind: 'AnalysisRun', name, uid, controller: true })]);
    const measured = run?.status?.metricResults?.[0]?.measurements?.[0]?.metadata;
    expect(measured?.['job-name']).toBe(`${uid}.job-check.1`);
    await eventsOn(s, 'AnalysisRun', name, ['MetricSuccessful', 'AnalysisRunSuccessful']);
    await s.then.rollout('app').recorded(['RolloutStepCompleted', 'RolloutCompleted']);
  });

  it('a Job ending in `exit 1` fails the step run and aborts the rollout back to the stable ReplicaSet', async () => {
    const s = await scenario(world, 's17-job-fail');
    await s.given.manifest(jobTemplate('echo checking && exit 1'));
    await s.given.manifest(rollout(stepAnalysis('job-check')));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('app', 'app', 'example/app:bad');
    await s.then.rollout('app').reaches({ phase: 'Degraded', aborted: true, updated: 0 });
    await s.then.rollout('app').hasReplicaSets({ 'example/app:v1': 4 });
    const hash = (await currentRollout(s)).status?.currentPodHash ?? '';
    const [run] = await runsReach(s, { [`app-${hash}-2-1`]: 'Failed' });
    expect(measurements(run)).toEqual(['Failed']);
    await s.then.rollout('app').recorded(['AnalysisRunFailed', 'RolloutAborted']);
  });
});

describe('initialDelay and the re-created run after a retry (seed S21)', () => {
  it('takes no measurement before initialDelay, then two, and the step passes', async () => {
    const s = await scenario(world, 's21-delay');
    const endpoint = await endpointAnswering(0.99);
    await s.given.manifest(webTemplate('delayed', endpoint.url, { count: 2, initialDelay: '2s' }));
    await s.given.manifest(rollout(stepAnalysis('delayed')));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    let first: AnalysisRun | undefined;
    await eventually('the step run to appear', async () => {
      first = (await world.cluster.analysisRuns(s.namespace))[0];
      return first === undefined ? 'no run yet' : undefined;
    });
    expect(measurements(first)).toEqual([]);
    expect(endpoint.requests).toHaveLength(0);
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const hash = (await currentRollout(s)).status?.currentPodHash ?? '';
    const [run] = await runsReach(s, { [`app-${hash}-2-1`]: 'Successful' });
    expect(runName(first as AnalysisRun)).toBe(`app-${hash}-2-1`);
    expect(measurements(run)).toEqual(['Successful', 'Successful']);
  });

  it('a failing run aborts; after `retry rollout` the step run is re-created as `<rollout>-<hash>-<revision>-<step>.1`', async () => {
    const s = await scenario(world, 's21-retry');
    const endpoint = await endpointAnswering(0.99);
    await s.given.manifest(webTemplate('success-rate', endpoint.url));
    await s.given.manifest(rollout(stepAnalysis('success-rate')));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    endpoint.answer({ value: 0.2 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Degraded', aborted: true, updated: 0 });
    const hash = (await currentRollout(s)).status?.currentPodHash ?? '';
    const base = `app-${hash}-2-1`;
    const [failed] = await runsReach(s, { [base]: 'Failed' });
    expect(measurements(failed)).toEqual(['Failed']);
    await s.then.rollout('app').recorded(['RolloutAborted', 'AnalysisRunFailed']);
    endpoint.answer({ value: 0.99 });
    await s.when.retry('app');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const runs = await runsReach(s, { [base]: 'Failed', [`${base}.1`]: 'Successful' });
    expect(measurements(runs.find((r) => runName(r) === `${base}.1`))).toEqual(['Successful', 'Successful']);
    await s.then.rollout('app').recorded(['AnalysisRunSuccessful', 'RolloutCompleted']);
  });
});

describe('ClusterAnalysisTemplate (seed S25)', () => {
  /** `kubectl apply -f -` without a namespace: ClusterAnalysisTemplates are cluster-scoped. */
  const applyClusterScoped = async (yaml: string): Promise<void> => {
    mustSucceed('kubectl apply (cluster-scoped)', await world.kubectl.run(['apply', '-f', '-'], yaml));
  };

  it('a step with clusterScope: true creates its run from the ClusterAnalysisTemplate and succeeds', async () => {
    const s = await scenario(world, 's25-cluster');
    const endpoint = await endpointAnswering(0.99);
    await applyClusterScoped(clusterTemplate('s25-rate', endpoint.url));
    await s.given.manifest(rollout(stepAnalysis('s25-rate', true)));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const hash = (await currentRollout(s)).status?.currentPodHash ?? '';
    const [run] = await runsReach(s, { [`app-${hash}-2-1`]: 'Successful' });
    expect(measurements(run)).toEqual(['Successful', 'Successful']);
    expect(run?.spec.metrics.map((m) => m.name)).toEqual(['success-rate']);
    expect(endpoint.requests.filter((r) => r.path === '/rate').length).toBeGreaterThanOrEqual(2);
  });

  it('a missing ClusterAnalysisTemplate makes the Rollout InvalidSpec until it is created', async () => {
    const s = await scenario(world, 's25-missing');
    const endpoint = await endpointAnswering(0.99);
    await s.given.manifest(rollout(stepAnalysis('s25-missing-rate', true)));
    await eventually(
      'InvalidSpec naming the ClusterAnalysisTemplate',
      async () => {
        const ro = await currentRollout(s);
        const cond = (ro.status?.conditions ?? []).find((c) => c.type === 'InvalidSpec');
        if (cond?.status !== 'True') return `no InvalidSpec condition: ${JSON.stringify(ro.status?.conditions ?? [])}`;
        return cond.message?.includes("ClusterAnalysisTemplate 's25-missing-rate' not found") === true ? undefined : `message ${cond.message ?? ''}`;
      },
      { diagnostics: () => world.diagnostics() },
    );
    expect((await currentRollout(s)).status?.phase).toBe('Degraded');
    await applyClusterScoped(clusterTemplate('s25-missing-rate', endpoint.url));
    await s.then.rollout('app').reaches({ phase: 'Healthy', available: 4 });
    expect(((await currentRollout(s)).status?.conditions ?? []).some((c) => c.type === 'InvalidSpec')).toBe(false);
    await s.when.setImage('app', 'app', 'example/app:v2');
    await s.then.rollout('app').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    const hash = (await currentRollout(s)).status?.currentPodHash ?? '';
    const [run] = await runsReach(s, { [`app-${hash}-2-1`]: 'Successful' });
    expect(measurements(run)).toEqual(['Successful', 'Successful']);
  });
});
