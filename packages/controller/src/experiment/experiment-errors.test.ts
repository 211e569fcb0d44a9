/**
 * Experiment reconciles that meet a refusing API server or a lost AnalysisRun end the Experiment in Error with
 * upstream's texts instead of failing the reconcile over and over.
 * parity: argo-rollouts experiments/experiment.go createReplicaSetForTemplate, createTemplateService,
 *         reconcileAnalysisRun; experiments/replicaset.go createReplicaSet; experiments/service.go CreateService
 */
import type { V1Service } from '@kubernetes/client-node';
import type { AnalysisTemplate, Experiment, TemplateStatus } from '@serin/api';
import { KubeError } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { ExperimentCluster, convergeExperiment, isExperiment, upstreamManifest } from './test-support/harness.js';

const basic = (): Experiment => {
  const ex = upstreamManifest('experiment-basic.yaml').find(isExperiment);
  if (ex === undefined) throw new Error('no experiment in experiment-basic.yaml');
  return ex;
};

/** experiment-basic whose canary template asks for a Service (container port 8080). */
const withCanaryService = (): Experiment => {
  const ex = basic();
  const canary = ex.spec.templates[1];
  const container = canary?.template.spec?.containers[0];
  if (canary === undefined || container === undefined) throw new Error('no canary template');
  canary.service = {};
  container.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
  return ex;
};

const canaryStatus = (c: ExperimentCluster): TemplateStatus | undefined => c.experiment().status?.templateStatuses?.find((t) => t.name === 'canary');

const QUOTA = 'replicasets.apps "experiment-basic-canary" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=10, limited: pods=10';

describe('a template ReplicaSet the API server refuses', () => {
  it('is an Error template status and a ReplicaSetCreateError event, then an Error experiment (no failing reconcile)', async () => {
    const cluster = new ExperimentCluster();
    cluster.createFaults.set('ReplicaSet/experiment-basic-canary', new KubeError(403, 'Forbidden', QUOTA));
    cluster.addExperiment(basic());
    const reconciler = cluster.experimentReconciler();
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'experiment-basic');
    const message = `Failed to create ReplicaSet for template 'canary': ${QUOTA}`;
    expect(canaryStatus(cluster)).toMatchObject({ status: 'Error', message, replicas: 0, availableReplicas: 0 });
    expect(cluster.eventsSince(mark)).toEqual([
      `ReplicaSetCreateError: Failed to create new replica set "experiment-basic-canary": ${QUOTA}`,
      "TemplateProgressing: Template 'baseline' transitioned from  -> Progressing",
      `TemplateError: Template 'canary' transitioned from  -> Error: ${message}`,
      'ExperimentPending: Experiment transitioned from  -> Pending',
    ]);
    await reconciler.reconcile('default', 'experiment-basic');
    expect(cluster.experiment().status).toMatchObject({ phase: 'Error', message });
  });
});

describe('a template Service that cannot be created', () => {
  it('a Service of that name owned by someone else: Error template status with upstream text, the experiment ends Error', async () => {
    const cluster = new ExperimentCluster();
    const foreign: V1Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'experiment-basic-canary', namespace: 'default', uid: 'uid-foreign' }, spec: { ports: [{ port: 80 }] } };
    cluster.services.upsert(foreign);
    cluster.addExperiment(withCanaryService());
    await convergeExperiment(cluster);
    const message = "Failed to create Service experiment-basic-canary for template 'canary': service experiment-basic-canary already exists and is not owned by experiment template canary";
    expect(canaryStatus(cluster)).toMatchObject({ status: 'Error', message });
    expect(canaryStatus(cluster)?.serviceName).toBeUndefined();
    expect(cluster.experiment().status).toMatchObject({ phase: 'Error', message });
    expect(cluster.services.get('default', 'experiment-basic-canary')?.metadata?.uid).toBe('uid-foreign');
  });

  it.each([
    { name: 'the template’s own Service (not in the cache yet) is reused', template: 'canary', error: undefined },
    {
      name: 'the Experiment’s Service of another template is not',
      template: 'baseline',
      error: "Failed to create Service experiment-basic-canary for template 'canary': service experiment-basic-canary already exists and is not owned by experiment template canary",
    },
  ])('AlreadyExists: $name', async ({ template, error }) => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(withCanaryService());
    const existing: V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'experiment-basic-canary',
        namespace: 'default',
        uid: 'uid-existing',
        annotations: { 'experiment.argoproj.io/name': 'experiment-basic', 'experiment.argoproj.io/template-name': template },
        ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', name: 'experiment-basic', uid: 'uid-experiment-basic', controller: true }],
      },
      spec: { ports: [{ port: 8080 }] },
    };
    cluster.services.upsert(existing);
    cluster.notInCache.add('experiment-basic-canary');
    for (let i = 0; i < 4; i++) {
      await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
      cluster.settle();
    }
    if (error === undefined) {
      expect(canaryStatus(cluster)).toMatchObject({ status: 'Running', serviceName: 'experiment-basic-canary' });
      expect(cluster.experiment().status?.phase).toBe('Running');
    } else {
      expect(canaryStatus(cluster)).toMatchObject({ status: 'Error', message: error });
      expect(cluster.experiment().status?.phase).toBe('Error');
    }
  });
});

describe('a template ReplicaSet the API server refuses to scale', () => {
  // parity: argo-rollouts experiments/experiment.go scaleTemplateRS; experiments/replicaset.go scaleReplicaSetAndRecordEvent
  const FORBIDDEN = 'replicasets.apps "experiment-basic-canary" is forbidden: exceeded quota: compute';

  it('is a ReplicaSetUpdateError event and an Error template status with upstream text, then an Error experiment (no failing reconcile)', async () => {
    const cluster = new ExperimentCluster();
    cluster.patchFaults.set('ReplicaSet/experiment-basic-canary', new KubeError(403, 'Forbidden', FORBIDDEN));
    cluster.addExperiment(basic());
    const reconciler = cluster.experimentReconciler();
    await reconciler.reconcile('default', 'experiment-basic');
    cluster.settle();
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'experiment-basic');
    const message = `Unable to scale ReplicaSet for template 'canary' to desired replica count '1': ${FORBIDDEN}`;
    expect(canaryStatus(cluster)).toMatchObject({ status: 'Error', message });
    expect(cluster.eventsSince(mark)).toEqual([
      'ScalingReplicaSet: Scaled up ReplicaSet experiment-basic-baseline from 0 to 1',
      `ReplicaSetUpdateError: Failed to scale experiment-basic-canary up: ${FORBIDDEN}`,
      `TemplateError: Template 'canary' transitioned from Progressing -> Error: ${message}`,
      'ExperimentError: Experiment transitioned from Pending -> Error',
    ]);
    await convergeExperiment(cluster);
    expect(cluster.experiment().status).toMatchObject({ phase: 'Error', message });
    expect(cluster.replicaSet('experiment-basic-canary')?.spec?.replicas).toBe(0);
  });

  it('a conflict is retried in a second, without an event or a status change, and the next reconcile scales', async () => {
    const cluster = new ExperimentCluster();
    cluster.addExperiment(basic());
    const reconciler = cluster.experimentReconciler();
    await reconciler.reconcile('default', 'experiment-basic');
    cluster.settle();
    cluster.patchFaults.set('ReplicaSet/experiment-basic-canary', new KubeError(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version and try again'));
    const mark = cluster.mark();
    const result = await reconciler.reconcile('default', 'experiment-basic');
    expect(result.requeueAfterMs).toBe(1_000);
    expect(canaryStatus(cluster)?.status).toBe('Progressing');
    expect(cluster.eventsSince(mark)).toEqual(['ScalingReplicaSet: Scaled up ReplicaSet experiment-basic-baseline from 0 to 1']);
    cluster.patchFaults.clear();
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.phase).toBe('Running');
    expect(cluster.replicaSet('experiment-basic-canary')?.spec?.replicas).toBe(1);
  });
});

describe('a template Service the API server refuses to delete', () => {
  it('is an Error template status with upstream text; the Service and its recorded name stay', async () => {
    // parity: argo-rollouts experiments/experiment.go deleteTemplateService
    const cluster = new ExperimentCluster();
    cluster.addExperiment(withCanaryService());
    await convergeExperiment(cluster);
    const refused = 'services "experiment-basic-canary" is forbidden: User "system:serviceaccount:argo-rollouts:argo-rollouts" cannot delete resource "services"';
    cluster.deleteFaults.set('Service/experiment-basic-canary', new KubeError(403, 'Forbidden', refused));
    await cluster.experimentClient.patchMerge('default', 'experiment-basic', { spec: { terminate: true } });
    await convergeExperiment(cluster);
    await cluster.clock.advance(30_000);
    const mark = cluster.mark();
    await convergeExperiment(cluster);
    const message = `Failed to delete Service for template 'canary': ${refused}`;
    expect(canaryStatus(cluster)).toMatchObject({ status: 'Error', message, serviceName: 'experiment-basic-canary' });
    expect(cluster.eventsSince(mark)).toContain(`TemplateError: Template 'canary' transitioned from Successful -> Error: ${message}`);
    expect(cluster.services.get('default', 'experiment-basic-canary')).toBeDefined();
  });
});

describe('an analysis whose AnalysisRun cannot be created or has gone', () => {
  const withAnalysis = (): Experiment => {
    const ex = basic();
    ex.spec.duration = '1h';
    ex.spec.analyses = [{ name: 'echo', templateName: 'echo' }];
    return ex;
  };
  const echoTemplate: AnalysisTemplate = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'echo', namespace: 'default' }, spec: { metrics: [{ name: 'echo', provider: { web: { url: 'http://x' } } }] } };
  const running = async (): Promise<ExperimentCluster> => {
    const cluster = new ExperimentCluster();
    cluster.analysisTemplates.upsert(echoTemplate);
    cluster.addExperiment(withAnalysis());
    await convergeExperiment(cluster);
    cluster.setRunPhase('experiment-basic-echo', 'Running');
    await convergeExperiment(cluster);
    expect(cluster.experiment().status?.analysisRuns).toEqual([{ name: 'echo', analysisRun: 'experiment-basic-echo', phase: 'Running' }]);
    return cluster;
  };

  it('a run the API server refuses to create: the analysis is Error (upstream text) and the experiment ends Error', async () => {
    const cluster = new ExperimentCluster();
    const refused = 'admission webhook "policy.example.com" denied the request: no AnalysisRuns on Fridays';
    cluster.createFaults.set('AnalysisRun/experiment-basic-echo', new KubeError(403, 'Forbidden', refused));
    cluster.analysisTemplates.upsert(echoTemplate);
    cluster.addExperiment(withAnalysis());
    await convergeExperiment(cluster);
    const message = `Failed to create AnalysisRun for analysis 'echo': ${refused}`;
    expect(cluster.experiment().status?.analysisRuns).toEqual([{ name: 'echo', analysisRun: '', phase: 'Error', message }]);
    expect(cluster.experiment().status).toMatchObject({ phase: 'Error', message });
    expect(cluster.analysisRuns.list()).toEqual([]);
  });

  it('deleted: the live GET fails, the analysis is Error with the API error and the experiment ends Error', async () => {
    const cluster = await running();
    const run = cluster.analysisRuns.get('default', 'experiment-basic-echo');
    if (run !== undefined) cluster.analysisRuns.remove(run);
    const mark = cluster.mark();
    const result = await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    const message = 'analysisruns.argoproj.io "experiment-basic-echo" not found';
    expect(cluster.experiment().status?.analysisRuns).toEqual([{ name: 'echo', analysisRun: 'experiment-basic-echo', phase: 'Error', message }]);
    expect(cluster.experiment().status).toMatchObject({ phase: 'Error', message });
    expect(cluster.eventsSince(mark)).toContain(`AnalysisRunError: AnalysisRun 'echo' transitioned from Running -> Error: ${message}`);
    expect(result.requeueAfterMs).toBeUndefined();
  });

  it('on the server but not in the cache yet: the live GET finds it and the status follows the run', async () => {
    const cluster = await running();
    cluster.notInCache.add('experiment-basic-echo');
    cluster.setRunPhase('experiment-basic-echo', 'Failed', 'Metric "echo" assessed Failed');
    await cluster.experimentReconciler().reconcile('default', 'experiment-basic');
    expect(cluster.experiment().status).toMatchObject({ phase: 'Failed', message: 'Metric "echo" assessed Failed' });
  });
});
