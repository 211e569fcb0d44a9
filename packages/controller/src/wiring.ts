/**
 * Builds the reconcilers from the manager's context. Rollouts: one queue, dispatched by strategy
 * to the blue-green or the canary reconciler (informer listers for reads, typed clients and the
 * Eviction subresource for writes, the shared event recorder and clock). AnalysisRuns and
 * Experiments have their own queues.
 */
import type { V1Secret } from '@kubernetes/client-node';
import { Resources, resourceClient } from '@serin/kube';
import { AnalysisRunReconciler, createMetricProviders } from './analysis/index.js';
import { blueGreenReconcilerFromContext, dispatchByStrategy } from './bluegreen/index.js';
import { experimentReconcilerFromContext } from './experiment/index.js';
import type { AnalysisRunReconcilerLike, ExperimentReconcilerLike, ReconcilerContext, RolloutReconcilerLike } from './manager/manager.js';
import { RolloutReconciler, podEvicter } from './rollout/index.js';

export function createRolloutReconciler(context: ReconcilerContext): RolloutReconcilerLike {
  return dispatchByStrategy(context.listers.rollouts, createCanaryReconciler(context), blueGreenReconcilerFromContext(context));
}

/** The Experiment reconciler over the shared caches and clients. */
export function createExperimentReconciler(context: ReconcilerContext): ExperimentReconcilerLike {
  return experimentReconcilerFromContext(context);
}

/** The canary (and basic) strategy reconciler; blue-green Rollouts are dispatched elsewhere. */
export function createCanaryReconciler(context: ReconcilerContext): RolloutReconcilerLike {
  return new RolloutReconciler({
    rollouts: context.listers.rollouts,
    replicaSets: context.listers.replicaSets,
    pods: context.listers.pods,
    deployments: context.listers.deployments,
    rolloutClient: context.clients.rollouts,
    replicaSetClient: context.clients.replicaSets,
    podClient: context.clients.pods,
    deploymentClient: context.clients.deployments,
    evicter: podEvicter(context.transport),
    recorder: context.recorder,
    clock: context.clock,
    logger: context.logger,
    analysis: {
      analysisRuns: context.listers.analysisRuns,
      analysisTemplates: context.listers.analysisTemplates,
      ...(context.listers.clusterAnalysisTemplates === undefined ? {} : { clusterAnalysisTemplates: context.listers.clusterAnalysisTemplates }),
      analysisRunClient: context.clients.analysisRuns,
    },
    experiments: { experiments: context.listers.experiments, experimentClient: context.clients.experiments },
    // the manager's VirtualService/DestinationRule caches (empty until Istio is detected: the router then GETs)
    trafficRouting: {
      virtualServices: context.clients.virtualServices,
      destinationRules: context.clients.destinationRules,
      ...(context.listers.virtualServices === undefined ? {} : { virtualServiceLister: context.listers.virtualServices }),
      ...(context.listers.destinationRules === undefined ? {} : { destinationRuleLister: context.listers.destinationRules }),
    },
    services: { services: context.listers.services, serviceClient: context.clients.services },
  });
}

/**
 * The AnalysisRun reconciler: the runs' cache and client, Secrets read by name for `secretKeyRef`
 * arguments, and the metric providers (Prometheus, Web, Job over the Jobs cache).
 * `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS` gives the default Prometheus address, as upstream.
 */
export function createAnalysisRunReconciler(context: ReconcilerContext, env: Readonly<Record<string, string | undefined>> = {}): AnalysisRunReconcilerLike {
  const prometheus = env['ARGO_ROLLOUTS_PROMETHEUS_ADDRESS'] ?? '';
  const secrets = resourceClient<V1Secret>(context.transport, Resources.secrets);
  return new AnalysisRunReconciler({
    analysisRuns: context.listers.analysisRuns,
    analysisRunClient: context.clients.analysisRuns,
    secrets,
    providers: createMetricProviders({
      clock: context.clock,
      jobs: context.clients.jobs,
      jobLister: context.listers.jobs,
      logger: context.logger,
      ...(prometheus === '' ? {} : { defaultPrometheusAddress: prometheus }),
    }),
    recorder: context.recorder,
    clock: context.clock,
    logger: context.logger,
  });
}
