import { ANALYSIS_PHASE as P, type AnalysisRun, type Metric } from '@serin/api';
import { FakeClock, MemoryEventRecorder, StaleCacheError, createLogger } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { AnalysisRunReconciler } from './analysis-run-reconciler.js';
import type { MetricProvider } from './provider.js';
import { FakeAnalysisRuns, ScriptedProvider, providerFactory, secretReader } from './testing.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const metric = (extra: Partial<Metric> = {}): Metric => ({ name: 'success-rate', successCondition: 'result == true', provider: { web: { url: 'http://metrics/{{args.svc}}' } }, ...extra });
const aRun = (spec: Partial<AnalysisRun['spec']> = {}, status?: AnalysisRun['status']): AnalysisRun => ({
  metadata: { name: 'run-1', namespace: 'default' },
  spec: { metrics: [metric()], args: [{ name: 'svc', value: 'canary' }], ...spec },
  ...(status === undefined ? {} : { status }),
});

function setup(run: AnalysisRun, provider: MetricProvider, secrets: Record<string, Record<string, string>> = {}) {
  const runs = new FakeAnalysisRuns();
  runs.add(run);
  const clock = new FakeClock(T0);
  const recorder = new MemoryEventRecorder();
  const logLines: string[] = [];
  const reconciler = new AnalysisRunReconciler({
    analysisRuns: runs.store,
    analysisRunClient: runs.client,
    secrets: secretReader(secrets),
    providers: providerFactory(provider),
    recorder,
    clock,
    logger: createLogger({ clock, level: 'debug', format: 'json', write: (l) => logLines.push(l) }),
  });
  return { runs, clock, recorder, reconciler, logLines };
}

const ok = (value = 'true') => ({ phase: P.Successful, value, startedAt: stamp(T0), finishedAt: stamp(T0) });

describe('AnalysisRunReconciler — one reconcile → writes + status', () => {
  it('a single measurement run completes Successful in one merge patch on the main resource', async () => {
    const provider = new ScriptedProvider({ run: () => ok() });
    const { runs, recorder, reconciler } = setup(aRun(), provider);
    const result = await reconciler.reconcile('default', 'run-1');

    expect(runs.writes.map((w) => w.verb)).toEqual(['patch']);
    expect(runs.writes[0]?.body).toEqual({
      status: {
        phase: P.Successful,
        metricResults: [
          {
            name: 'success-rate',
            phase: P.Successful,
            count: 1,
            successful: 1,
            consecutiveSuccess: 1,
            measurements: [{ ...ok(), metadata: { ResolvedURL: 'http://metrics/canary' } }],
          },
        ],
        startedAt: stamp(T0),
        runSummary: { count: 1, successful: 1 },
        dryRunSummary: {},
        completedAt: stamp(T0),
      },
    });
    expect(provider.calls.map((c) => [c.op, c.metric.provider.web?.url])).toEqual([['run', 'http://metrics/canary']]);
    expect(recorder.recorded.map((e) => [e.kind, e.name])).toEqual([['AnalysisRun', 'run-1'], ['AnalysisRun', 'run-1']]);
    expect(recorder.recorded.map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'MetricSuccessful', "Metric 'success-rate' Completed. Result: Successful"],
      ['Normal', 'AnalysisRunSuccessful', 'Analysis Completed. Result: Successful'],
    ]);
    expect(result).toEqual({});
  });

  it('a completed run without TTL is left alone: zero writes', async () => {
    const { runs, reconciler } = setup(aRun({}, { phase: P.Successful, completedAt: stamp(T0) }), new ScriptedProvider({}));
    expect(await reconciler.reconcile('default', 'run-1')).toEqual({});
    expect(runs.writes).toEqual([]);
  });

  it('an invalid spec ends the run in Error with upstream message and a Warning event', async () => {
    const { runs, recorder, reconciler } = setup(aRun({ metrics: [metric({ count: 3 })] }), new ScriptedProvider({}));
    await reconciler.reconcile('default', 'run-1');
    expect(runs.writes[0]?.body).toEqual({ status: { phase: P.Error, message: 'Analysis spec invalid: metrics[0]: interval must be specified when count > 1', metricResults: [] } });
    expect(recorder.recorded.map((e) => [e.type, e.reason])).toEqual([['Warning', 'AnalysisRunError']]);
  });

  it('an interval metric requeues at the interval; a second reconcile before it writes nothing', async () => {
    const provider = new ScriptedProvider({ run: () => ok() });
    const { runs, clock, reconciler } = setup(aRun({ metrics: [metric({ interval: '30s', count: 3 })] }), provider);
    expect(await reconciler.reconcile('default', 'run-1')).toEqual({ requeueAfterMs: 30_000 });
    expect(runs.get('run-1').status?.phase).toBe(P.Running);
    expect(await reconciler.reconcile('default', 'run-1')).toEqual({ requeueAfterMs: 30_000 });
    expect(runs.writes).toHaveLength(1);

    for (let i = 0; i < 2; i++) {
      await clock.advance(31_000);
      await reconciler.reconcile('default', 'run-1');
    }
    expect(provider.calls.filter((c) => c.op === 'run')).toHaveLength(3);
    expect(runs.get('run-1').status).toMatchObject({ phase: P.Successful, runSummary: { count: 1, successful: 1 } });
    expect(runs.get('run-1').status?.metricResults?.[0]).toMatchObject({ count: 3, successful: 3 });
  });

  it('failures past failureLimit fail the run with the limit message', async () => {
    const provider = new ScriptedProvider({ run: () => ({ phase: P.Failed, value: 'false', startedAt: stamp(T0), finishedAt: stamp(T0) }) });
    const { runs, clock, recorder, reconciler } = setup(aRun({ metrics: [metric({ interval: '10s', failureLimit: 1 })] }), provider);
    await reconciler.reconcile('default', 'run-1');
    await clock.advance(11_000);
    await reconciler.reconcile('default', 'run-1');
    expect(runs.get('run-1').status).toMatchObject({ phase: P.Failed, message: 'Metric "success-rate" assessed Failed due to failed (2) > failureLimit (1)' });
    expect(recorder.reasons()).toEqual(['MetricFailed', 'AnalysisRunFailed']);
  });

  it('a throwing provider becomes an Error measurement and a 10 s retry', async () => {
    const provider = new ScriptedProvider({
      run: () => {
        throw new Error('socket hang up');
      },
    });
    const { runs, reconciler } = setup(aRun({ metrics: [metric({ interval: '5m' })] }), provider);
    expect(await reconciler.reconcile('default', 'run-1')).toEqual({ requeueAfterMs: 10_000 });
    expect(runs.get('run-1').status?.metricResults?.[0]).toMatchObject({ error: 1, consecutiveError: 1, measurements: [{ phase: P.Error, message: 'socket hang up' }] });
  });

  it('secret arguments reach the provider but are redacted from status and never logged', async () => {
    const provider = new ScriptedProvider({ run: (m) => ({ phase: P.Error, message: `GET ${m.provider.web?.url ?? ''} failed`, startedAt: stamp(T0) }) });
    const run = aRun({ metrics: [metric({ provider: { web: { url: 'http://metrics/?token={{args.token}}' } } })], args: [{ name: 'token', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }] });
    const { runs, reconciler, logLines } = setup(run, provider, { creds: { token: 'hunter2' } });
    await reconciler.reconcile('default', 'run-1');
    expect(provider.calls[0]?.metric.provider.web?.url).toBe('http://metrics/?token=hunter2');
    const status = JSON.stringify(runs.get('run-1').status);
    expect(status).toContain('http://metrics/?token=*****');
    expect(status).not.toContain('hunter2');
    expect(logLines.join('\n')).not.toContain('hunter2');
    expect(logLines.length).toBeGreaterThan(0);
  });

  it('a missing secret key ends the run in Error', async () => {
    const run = aRun({ args: [{ name: 'svc', valueFrom: { secretKeyRef: { name: 'creds', key: 'nope' } } }] });
    const { runs, reconciler } = setup(run, new ScriptedProvider({ run: () => ok() }), { creds: { token: 'x' } });
    await reconciler.reconcile('default', 'run-1');
    expect(runs.get('run-1').status).toMatchObject({ phase: P.Error, message: "Unable to resolve metric arguments: key 'nope' does not exist in secret 'creds'" });
  });

  it('a secret deleted while no measurement is due → Error at the next reconcile, no measurement taken', async () => {
    const provider = new ScriptedProvider({ run: () => ok() });
    const run = aRun({ metrics: [metric({ interval: '5m' })], args: [{ name: 'svc', valueFrom: { secretKeyRef: { name: 'creds', key: 'svc' } } }] });
    const secrets: Record<string, Record<string, string>> = { creds: { svc: 'hunter2' } };
    const { runs, recorder, reconciler, logLines } = setup(run, provider, secrets);
    expect(await reconciler.reconcile('default', 'run-1')).toEqual({ requeueAfterMs: 300_000 });
    delete secrets['creds'];
    await reconciler.reconcile('default', 'run-1'); // the next measurement is 5 minutes away
    expect(runs.get('run-1').status).toMatchObject({ phase: P.Error, message: 'Unable to resolve metric arguments: secrets "creds" not found' });
    expect(provider.calls.map((c) => c.op)).toEqual(['run']);
    expect(recorder.reasons()).toContain('AnalysisRunError');
    expect(JSON.stringify(runs.get('run-1').status)).not.toContain('hunter2');
    expect(logLines.join('\n')).not.toContain('hunter2');
  });

  it('explainable analysis: a secret argument in the Web URL is redacted from ResolvedURL', async () => {
    const provider = new ScriptedProvider({ run: () => ok() });
    const run = aRun({ metrics: [metric({ provider: { web: { url: 'http://metrics/{{args.svc}}?token={{args.token}}' } } })], args: [{ name: 'svc', value: 'canary' }, { name: 'token', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }] });
    const { runs, reconciler } = setup(run, provider, { creds: { token: 's3cr3t-t0ken' } });
    await reconciler.reconcile('default', 'run-1');
    expect(provider.calls[0]?.metric.provider.web?.url).toBe('http://metrics/canary?token=s3cr3t-t0ken');
    expect(runs.get('run-1').status?.metricResults?.[0]?.measurements?.[0]?.metadata).toEqual({ ResolvedURL: 'http://metrics/canary?token=*****' });
    expect(JSON.stringify(runs.get('run-1').status)).not.toContain('s3cr3t-t0ken');
  });

  it('terminate: the in-flight measurement is terminated (Metric Terminated) and the run ends Successful / Run Terminated', async () => {
    const inFlight = { phase: P.Running, startedAt: stamp(T0 - 60_000), resumeAt: stamp(T0 + 60_000), metadata: { 'job-name': 'j' } };
    const provider = new ScriptedProvider({ terminate: (_m, m) => ({ ...(m ?? inFlight), phase: P.Inconclusive, finishedAt: stamp(T0) }) });
    const run = aRun({ terminate: true, metrics: [metric({ interval: '1m' })] }, { phase: P.Running, startedAt: stamp(T0 - 60_000), metricResults: [{ name: 'success-rate', phase: P.Running, measurements: [inFlight] }] });
    const { runs, reconciler } = setup(run, provider);
    await reconciler.reconcile('default', 'run-1');
    expect(provider.calls.map((c) => c.op)).toEqual(['terminate']);
    const status = runs.get('run-1').status;
    expect(status?.metricResults?.[0]?.measurements?.[0]).toMatchObject({ phase: P.Inconclusive, message: 'Metric Terminated' });
    expect(status).toMatchObject({ phase: P.Inconclusive });
  });

  it('terminate before any measurement: Successful with Run Terminated', async () => {
    const { runs, reconciler } = setup(aRun({ terminate: true, metrics: [metric({ interval: '1m' })] }), new ScriptedProvider({}));
    await reconciler.reconcile('default', 'run-1');
    expect(runs.get('run-1').status).toMatchObject({ phase: P.Successful, message: 'Run Terminated' });
  });

  it('dry-run metric failing does not fail the run', async () => {
    const provider = new ScriptedProvider({ run: () => ({ phase: P.Failed, startedAt: stamp(T0), finishedAt: stamp(T0) }) });
    const { runs, reconciler } = setup(aRun({ dryRun: [{ metricName: '.*' }] }), provider);
    await reconciler.reconcile('default', 'run-1');
    expect(runs.get('run-1').status).toMatchObject({ phase: P.Successful, dryRunSummary: { count: 1, failed: 1 }, runSummary: {} });
    expect(runs.get('run-1').status?.metricResults?.[0]).toMatchObject({ dryRun: true, message: 'Metric assessed Failed due to failed (1) > failureLimit (0)' });
  });

  it('measurement retention trims history and asks the provider to garbage-collect', async () => {
    const provider = new ScriptedProvider({ run: () => ok() });
    const measurements = Array.from({ length: 2 }, () => ok());
    const run = aRun({ metrics: [metric({ interval: '1s' })], measurementRetention: [{ metricName: 'success', limit: 2 }] }, { phase: P.Running, startedAt: stamp(T0 - 10_000), metricResults: [{ name: 'success-rate', phase: P.Running, count: 2, successful: 2, measurements: measurements.map((m) => ({ ...m, finishedAt: stamp(T0 - 5_000) })) }] });
    const { runs, reconciler } = setup(run, provider);
    await reconciler.reconcile('default', 'run-1');
    expect(runs.get('run-1').status?.metricResults?.[0]?.measurements).toHaveLength(2);
    expect(runs.get('run-1').status?.metricResults?.[0]?.count).toBe(3);
    expect(provider.calls.map((c) => [c.op, c.limit])).toEqual([['run', undefined], ['gc', 2]]);
  });

  it('TTL: deletes the completed run once secondsAfterSuccess passed, requeues until then', async () => {
    const { runs, clock, reconciler } = setup(aRun({ ttlStrategy: { secondsAfterSuccess: 60 } }, { phase: P.Successful, completedAt: stamp(T0) }), new ScriptedProvider({}));
    expect(await reconciler.reconcile('default', 'run-1')).toEqual({ requeueAfterMs: 61_000 });
    await clock.advance(61_000);
    await reconciler.reconcile('default', 'run-1');
    expect(runs.writes).toEqual([{ verb: 'delete', name: 'run-1' }]);
  });

  it('a cache that has not seen our own status write is retried (StaleCacheError), not acted on twice', async () => {
    const provider = new ScriptedProvider({ run: () => ok() });
    const { runs, reconciler } = setup(aRun({ metrics: [metric({ interval: '30s' })] }), provider);
    const before = structuredClone(runs.get('run-1'));
    await reconciler.reconcile('default', 'run-1');
    runs.store.upsert(before); // the informer still shows the old version
    await expect(reconciler.reconcile('default', 'run-1')).rejects.toBeInstanceOf(StaleCacheError);
    expect(provider.calls).toHaveLength(1);
  });

  it('a deleted run is a no-op', async () => {
    const { runs, reconciler } = setup(aRun(), new ScriptedProvider({}));
    expect(await reconciler.reconcile('default', 'gone')).toEqual({});
    expect(runs.writes).toEqual([]);
  });
});
