/**
 * Which informer events enqueue which queue: Rollouts (their own events; ReplicaSets, AnalysisRuns and Experiments
 * they control; Services, Deployments and (Cluster)AnalysisTemplates they name), AnalysisRuns (their own events, Jobs
 * they control) and Experiments (their own events; ReplicaSets, Services and AnalysisRuns they control).
 * parity: argo-rollouts rollout/controller.go, analysis/controller.go, experiments/controller.go NewController (event
 * handlers)
 */
import type { Rollout } from '@serin/api';
import { EVENT_REASON } from '@serin/api';
import type { EventRecorder, Informer, InformerFactory, KubeObject, Logger } from '@serin/kube';
import { type ControllerMetrics, ReconcileKind } from '../metrics/metrics.js';
import { parentKey, phaseChanged, resourceVersionChanged, rolloutKey, rolloutsReferencingAnalysisTemplate, rolloutsReferencingDeployment, rolloutsReferencingService } from './enqueue.js';

export interface EventHandlerDeps {
  readonly informers: InformerFactory;
  /** ClusterAnalysisTemplates are watched (not `--namespaced`). */
  readonly clusterScoped: boolean;
  readonly log: Logger;
  readonly recorder: EventRecorder;
  readonly metrics: ControllerMetrics | undefined;
  readonly enqueueRollout: (key: string | undefined) => void;
  readonly enqueueAnalysisRun: (key: string | undefined) => void;
  readonly enqueueExperiment: (key: string | undefined) => void;
  readonly removeMetricsLater: (kind: ReconcileKind, namespace: string, name: string) => void;
}

export function addManagerEventHandlers(d: EventHandlerDeps): void {
  const f = d.informers;
  const rollouts = f.rollouts();
  const log = d.log;
  rollouts.addEventHandler({
    add: (ro) => {
      d.enqueueRollout(rolloutKey(ro));
      const ns = ro.metadata?.namespace ?? '';
      const name = ro.metadata?.name ?? '';
      log.info('rollout enqueue due to add event', { namespace: ns, rollout: name });
      d.recorder.event(ro, { reason: EVENT_REASON.RolloutAddedToInformer }, `Rollout resource added to informer: ${ns}/${name}`);
    },
    update: (old, ro) => {
      log.info('rollout enqueue due to update event', { namespace: ro.metadata?.namespace ?? '', rollout: ro.metadata?.name ?? '' });
      // rollout_duration_seconds & co. once, when a rollout's duration status becomes finished
      const finished = ro.status?.duration?.finishedAt;
      if (finished !== undefined && finished !== old.status?.duration?.finishedAt) d.metrics?.emitRolloutDuration(ro.status?.duration);
      d.enqueueRollout(rolloutKey(ro));
    },
    delete: (ro) => {
      const ns = ro.metadata?.namespace ?? '';
      const name = ro.metadata?.name ?? '';
      log.info('rollout enqueue due to delete event', { namespace: ns, rollout: name });
      d.removeMetricsLater(ReconcileKind.Rollout, ns, name);
      // parity: upstream formats RolloutDeletedMessage ("Rollout %s/%s is deleted.") with (name, namespace)
      d.recorder.event(ro, { reason: EVENT_REASON.RolloutDeleted }, `Rollout ${name}/${ns} is deleted.`);
      d.enqueueRollout(rolloutKey(ro));
    },
  });
  ownerHandlers(d, f.replicaSets(), (old, obj) => resourceVersionChanged(old, obj));
  ownerHandlers(d, f.analysisRuns(), (old, obj) => phaseChanged(old, obj));
  ownerHandlers(d, f.experiments(), (old, obj) => phaseChanged(old, obj));
  const byNamespace = (obj: KubeObject): Rollout[] => rollouts.lister.list(obj.metadata?.namespace ?? '');
  referenceHandlers(d, f.services(), (svc) => rolloutsReferencingService(byNamespace(svc), svc.metadata?.name ?? ''));
  referenceHandlers(d, f.deployments(), (dep) => rolloutsReferencingDeployment(byNamespace(dep), dep.metadata?.name ?? ''));
  referenceHandlers(d, f.analysisTemplates(), (t) => rolloutsReferencingAnalysisTemplate(byNamespace(t), t.metadata?.name ?? '', false));
  if (d.clusterScoped) {
    referenceHandlers(d, f.clusterAnalysisTemplates(), (t) => rolloutsReferencingAnalysisTemplate(rollouts.lister.list(), t.metadata?.name ?? '', true));
  }
  // AnalysisRuns queue: the run itself on any real change; a Job its controlling AnalysisRun
  // parity: argo-rollouts analysis/controller.go NewController (event handlers)
  f.analysisRuns().addEventHandler({
    add: (run) => d.enqueueAnalysisRun(rolloutKey(run)),
    update: (old, run) => {
      if (resourceVersionChanged(old, run)) d.enqueueAnalysisRun(rolloutKey(run));
    },
    delete: (run) => {
      d.removeMetricsLater(ReconcileKind.AnalysisRun, run.metadata?.namespace ?? '', run.metadata?.name ?? '');
      d.enqueueAnalysisRun(rolloutKey(run));
    },
  });
  // Experiments queue: the Experiment itself; ReplicaSets, Services and AnalysisRuns it controls
  // parity: argo-rollouts experiments/controller.go NewController (event handlers)
  f.experiments().addEventHandler({
    add: (ex) => d.enqueueExperiment(rolloutKey(ex)),
    update: (old, ex) => {
      if (resourceVersionChanged(old, ex)) d.enqueueExperiment(rolloutKey(ex));
    },
    delete: (ex) => {
      d.removeMetricsLater(ReconcileKind.Experiment, ex.metadata?.namespace ?? '', ex.metadata?.name ?? '');
      d.enqueueExperiment(rolloutKey(ex));
    },
  });
  for (const informer of [f.replicaSets(), f.services(), f.analysisRuns()] as Array<Informer<KubeObject>>) {
    informer.addEventHandler({
      add: (obj) => d.enqueueExperiment(parentKey(obj, 'Experiment')),
      update: (old, obj) => {
        if (resourceVersionChanged(old, obj)) d.enqueueExperiment(parentKey(obj, 'Experiment'));
      },
      delete: (obj) => d.enqueueExperiment(parentKey(obj, 'Experiment')),
    });
  }
  f.jobs().addEventHandler({
    add: (job) => d.enqueueAnalysisRun(parentKey(job, 'AnalysisRun')),
    update: (old, job) => {
      if (resourceVersionChanged(old, job)) d.enqueueAnalysisRun(parentKey(job, 'AnalysisRun'));
    },
    delete: (job) => d.enqueueAnalysisRun(parentKey(job, 'AnalysisRun')),
  });
}

/** Objects controlled by a Rollout enqueue it on add / delete, and on updates `matters` accepts. */
function ownerHandlers<T extends KubeObject>(d: EventHandlerDeps, informer: Informer<T>, matters: (old: T, obj: T) => boolean): void {
  informer.addEventHandler({
    add: (obj) => d.enqueueRollout(parentKey(obj)),
    update: (old, obj) => {
      if (matters(old, obj)) d.enqueueRollout(parentKey(obj));
    },
    delete: (obj) => d.enqueueRollout(parentKey(obj)),
  });
}

/** Objects Rollouts refer to by name enqueue every referring Rollout on any real change. */
function referenceHandlers<T extends KubeObject>(d: EventHandlerDeps, informer: Informer<T>, referrers: (obj: T) => string[]): void {
  const enqueueAll = (obj: T): void => {
    for (const key of referrers(obj)) d.enqueueRollout(key);
  };
  informer.addEventHandler({
    add: enqueueAll,
    update: (old, obj) => {
      if (resourceVersionChanged(old, obj)) enqueueAll(obj);
    },
    delete: enqueueAll,
  });
}
