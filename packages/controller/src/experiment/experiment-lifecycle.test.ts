import type { AnalysisTemplate, Experiment } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { ExperimentCluster, convergeExperiment, isExperiment, upstreamManifest } from './test-support/harness.js';

const basic = (): Experiment => {
  const ex = upstreamManifest('experiment-basic.yaml').find(isExperiment);
  if (ex === undefined) throw new Error('no experiment in experiment-basic.yaml');
  return ex;
};

const phases = (c: ExperimentCluster, name = 'experiment-basic') => {
  const s = c.experiment(name).status;
  return { phase: s?.phase, templates: (s?.templateStatuses ?? []).map((t) => `${t.name}:${t.status ?? ''}:${t.availableReplicas}`) };
};

const passTemplate: AnalysisTemplate = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name: 'echo', namespace: 'default' },
  spec: { args: [{ name: 'canary-hash' }], metrics: [{ name: 'echo', provider: { web: { url: 'http://x/{{args.canary-hash}}' } } }] },
};

describe('Experiment controller (upstream experiment-basic: baseline + canary, duration 30s)', () => {
  it('Pending: creates `<experiment>-<template>` ReplicaSets at 0 with the hash label and experiment annotations', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(basic());
    const mark = cluster.mark();
    await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    expect(cluster.writeLog(mark.writes)).toEqual(['create ReplicaSet/experiment-basic-baseline', 'create ReplicaSet/experiment-basic-canary', 'patch Experiment/experiment-basic']);
    const rs = cluster.replicaSet('experiment-basic-canary');
    const hash = rs?.metadata?.labels?.['rollouts-pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[a-z0-9]+$/);
    expect(rs).toMatchObject({
      metadata: { annotations: { 'experiment.argoproj.io/name': 'experiment-basic', 'experiment.argoproj.io/template-name': 'canary' }, ownerReferences: [{ kind: 'Experiment', name: 'experiment-basic', controller: true }] },
      spec: { replicas: 0, selector: { matchLabels: { app: 'rollouts-demo', 'rollouts-pod-template-hash': hash } } },
    });
    expect(phases(cluster)).toEqual({ phase: 'Pending', templates: ['baseline:Progressing:0', 'canary:Progressing:0'] });
    expect(cluster.reasonsSince(mark)).toEqual(['TemplateProgressing', 'TemplateProgressing', 'ExperimentPending']);
  });

  it('Running once every template is available (availableAt), requeued for the end of the duration', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(basic());
    const requeue = await convergeExperiment(cluster);
    expect(phases(cluster)).toEqual({ phase: 'Running', templates: ['baseline:Running:1', 'canary:Running:1'] });
    expect(cluster.experiment().status?.availableAt).toBe('2026-11-27T10:00:00Z');
    expect(requeue).toBe(30_001);
    expect(cluster.experiment().status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True' });
    expect(cluster.replicasByImage()).toEqual({ 'argoproj/rollouts-demo:blue': 1, 'argoproj/rollouts-demo:yellow': 1 });
  });

  it('Successful after the duration; template RSs get scale-down-deadline (30 s) and then go to 0', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(basic());
    await convergeExperiment(cluster);
    await cluster.clock.advance(30_001);
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.phase).toBe('Successful');
    expect(cluster.reasonsSince(mark)).toEqual(['TemplateSuccessful', 'TemplateSuccessful', 'ExperimentSuccessful']);
    expect(cluster.experiment().status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ExperimentCompleted', message: 'Experiment "experiment-basic" has successfully ran and completed.' });
    expect(cluster.replicaSet('experiment-basic-canary')?.metadata?.annotations?.['scale-down-deadline']).toBe('2026-11-27T10:01:00Z');
    expect(cluster.replicasByImage()).toEqual({ 'argoproj/rollouts-demo:blue': 1, 'argoproj/rollouts-demo:yellow': 1 });
    await cluster.clock.advance(30_000);
    await convergeExperiment(cluster);
    expect(cluster.replicasByImage()).toEqual({ 'argoproj/rollouts-demo:blue': 0, 'argoproj/rollouts-demo:yellow': 0 });
  });

  it('a converged experiment reconciles with zero writes', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(basic());
    await convergeExperiment(cluster);
    const mark = cluster.mark();
    await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    expect(cluster.writeLog(mark.writes)).toEqual([]);
  });

  it('terminate: ends Successful before the duration and scales the templates down after the delay', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(basic());
    await convergeExperiment(cluster);
    await cluster.experimentClient.patchMerge('default', 'experiment-basic', { spec: { terminate: true } });
    await convergeExperiment(cluster);
    expect(phases(cluster)).toEqual({ phase: 'Successful', templates: ['baseline:Successful:1', 'canary:Successful:1'] });
    await cluster.clock.advance(30_000);
    await convergeExperiment(cluster);
    expect(cluster.replicasByImage()).toEqual({ 'argoproj/rollouts-demo:blue': 0, 'argoproj/rollouts-demo:yellow': 0 });
  });

  it('progressDeadlineSeconds: a template that never becomes available fails the experiment with upstream text', async () => {
    const cluster = new ExperimentCluster();
    cluster.brokenImages.add('argoproj/rollouts-demo:yellow');
    const ex = basic();
    ex.spec.progressDeadlineSeconds = 60;
    cluster.addExperiment(ex);
    await convergeExperiment(cluster);
    await cluster.clock.advance(61_000);
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    expect(cluster.experiment().status).toMatchObject({ phase: 'Failed', message: "Template 'canary' exceeded its progressDeadlineSeconds (60)" });
    expect(cluster.eventsSince(mark)).toContain("TemplateFailed: Template 'canary' transitioned from Progressing -> Failed: Template 'canary' exceeded its progressDeadlineSeconds (60)");
  });

  it('a template `service` gets a Service named after the RS, recorded in the template status; removed once scaled down', async () => {
    const cluster = new ExperimentCluster();
    const ex = basic();
    const canary = ex.spec.templates[1];
    if (canary === undefined) throw new Error('no canary template');
    canary.service = {};
    const container = canary.template.spec?.containers[0];
    if (container !== undefined) container.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
    cluster.addExperiment(ex);
    await convergeExperiment(cluster);
    const svc = cluster.services.get('default', 'experiment-basic-canary');
    const hash = cluster.replicaSet('experiment-basic-canary')?.metadata?.labels?.['rollouts-pod-template-hash'];
    expect(svc?.spec).toMatchObject({ selector: { app: 'rollouts-demo', 'rollouts-pod-template-hash': hash }, ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }] });
    expect(cluster.experiment().status?.templateStatuses?.find((t) => t.name === 'canary')).toMatchObject({ serviceName: 'experiment-basic-canary', podTemplateHash: hash });
    await cluster.experimentClient.patchMerge('default', 'experiment-basic', { spec: { terminate: true } });
    await convergeExperiment(cluster);
    await cluster.clock.advance(30_000);
    await convergeExperiment(cluster);
    expect(cluster.services.get('default', 'experiment-basic-canary')).toBeUndefined();
  });

  it('an empty selector is an InvalidSpec condition (nothing created)', async () => {
    const cluster = new ExperimentCluster();
    const ex = basic();
    const first = ex.spec.templates[0];
    if (first !== undefined) first.selector = {};
    cluster.addExperiment(ex);
    await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    expect(cluster.replicaSets.list()).toEqual([]);
    expect(cluster.experiment().status?.conditions?.[0]).toMatchObject({ type: 'InvalidSpec', message: 'This experiment is selecting all pods at index 0. A non-empty selector is required.' });
  });
});

describe('Experiment analyses', () => {
  const withAnalysis = (required: boolean, duration?: string): Experiment => {
    const ex = basic();
    if (duration === undefined) delete ex.spec.duration;
    else ex.spec.duration = duration;
    ex.spec.analyses = [{ name: 'echo', templateName: 'echo', requiredForCompletion: required, args: [{ name: 'canary-hash', value: '{{templates.canary.podTemplateHash}}' }] }];
    return ex;
  };

  it('the run `<experiment>-<analysis>` starts once templates are available, with template hashes resolved in args', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    cluster.addExperiment(withAnalysis(true));
    await convergeExperiment(cluster);
    const run = cluster.analysisRuns.get('default', 'experiment-basic-echo');
    const hash = cluster.replicaSet('experiment-basic-canary')?.metadata?.labels?.['rollouts-pod-template-hash'];
    expect(run?.spec.args).toEqual([{ name: 'canary-hash', value: hash }]);
    expect(run?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Experiment', name: 'experiment-basic', controller: true });
    expect(cluster.experiment().status?.analysisRuns).toEqual([{ name: 'echo', analysisRun: 'experiment-basic-echo', phase: 'Pending' }]);
  });

  it('requiredForCompletion without duration: the run Successful ends the experiment Successful', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    cluster.addExperiment(withAnalysis(true));
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.phase).toBe('Running');
    cluster.setRunPhase('experiment-basic-echo', 'Successful');
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    expect(cluster.experiment().status).toMatchObject({ phase: 'Successful', message: 'Required AnalysisRuns completed' });
    expect(cluster.reasonsSince(mark)).toEqual(['AnalysisRunSuccessful', 'ExperimentSuccessful', 'TemplateSuccessful', 'TemplateSuccessful']);
  });

  it('a Failed run ends the experiment Failed early and terminates nothing else', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    cluster.addExperiment(withAnalysis(false, '1h'));
    await convergeExperiment(cluster);
    cluster.setRunPhase('experiment-basic-echo', 'Failed', 'Metric "echo" assessed Failed');
    await convergeExperiment(cluster);
    expect(cluster.experiment().status).toMatchObject({ phase: 'Failed', message: 'Metric "echo" assessed Failed' });
  });

  it('terminating with a running analysis: the run is terminated (AnalysisRunTerminating)', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    cluster.addExperiment(withAnalysis(false, '1h'));
    await convergeExperiment(cluster);
    cluster.setRunPhase('experiment-basic-echo', 'Running');
    await convergeExperiment(cluster);
    await cluster.experimentClient.patchMerge('default', 'experiment-basic', { spec: { terminate: true } });
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    expect(cluster.eventsSince(mark)).toContain('AnalysisRunTerminating: Terminating echo (experiment-basic-echo)');
    expect(cluster.analysisRuns.get('default', 'experiment-basic-echo')?.spec.terminate).toBe(true);
  });

  it('a missing AnalysisTemplate is an Error analysis before the templates are available', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(withAnalysis(true));
    await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    expect(cluster.experiment().status?.analysisRuns?.[0]).toEqual({
      name: 'echo',
      analysisRun: '',
      phase: 'Error',
      message: 'AnalysisTemplate verification failed for analysis \'echo\': analysistemplate.argoproj.io "echo" not found',
    });
  });

  it('an Inconclusive run ends the experiment Inconclusive (Warning event on the Experiment)', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    cluster.addExperiment(withAnalysis(false, '1h'));
    await convergeExperiment(cluster);
    cluster.setRunPhase('experiment-basic-echo', 'Inconclusive');
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.phase).toBe('Inconclusive');
    const warnings = cluster.recorder.recorded.slice(mark.events).filter((e) => e.type === 'Warning').map((e) => e.reason);
    expect(warnings).toEqual(['AnalysisRunInconclusive', 'ExperimentInconclusive']);
  });

  it('a missing AnalysisTemplate ends the experiment in Error once the templates are up', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(withAnalysis(true));
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.phase).toBe('Error');
    expect(cluster.experiment().status?.message).toBe('AnalysisTemplate verification failed for analysis \'echo\': analysistemplate.argoproj.io "echo" not found');
  });

  it('step experiment owned by a Rollout: run phase changes are also reported on the Rollout', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    const ex = withAnalysis(false, '1h');
    ex.metadata = { ...ex.metadata, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'ro', uid: 'ro-uid', controller: true }] };
    cluster.addExperiment(ex);
    await convergeExperiment(cluster);
    cluster.setRunPhase('experiment-basic-echo', 'Failed');
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    expect(cluster.recorder.recorded.slice(mark.events).filter((e) => e.kind === 'Rollout').map((e) => `${e.name} ${e.type} ${e.reason}`)).toEqual(['ro Warning AnalysisRunFailed']);
  });

  it('a name collision creates `<experiment>-<analysis>.1` and the status records that name', async () => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(passTemplate);
    cluster.analysisRuns.upsert({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name: 'experiment-basic-echo', namespace: 'default', uid: 'other' }, spec: { metrics: [] }, status: { phase: 'Successful' } } as never);
    cluster.addExperiment(withAnalysis(true));
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.analysisRuns?.[0]).toMatchObject({ analysisRun: 'experiment-basic-echo.1', phase: 'Pending' });
    cluster.setRunPhase('experiment-basic-echo.1', 'Successful');
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.phase).toBe('Successful');
  });
});

