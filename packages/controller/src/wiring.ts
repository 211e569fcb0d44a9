/**
 * Builds the reconcilers from the manager's context. The canary Rollout reconciler: informer
 * listers for reads, typed clients and the Eviction subresource for writes, the shared event
 * recorder and clock.
 */
import type { V1Secret } from '@kubernetes/client-node';
import { Resources, resourceClient } from '@serin/kube';
import { AnalysisRunReconciler, createMetricProviders } from './analysis/index.js';
import type { AnalysisRunReconcilerLike, ReconcilerContext, RolloutReconcilerLike } from './manager/manager.js';
import { RolloutReconciler, podEvicter } from './rollout/index.js';

export function createRolloutReconciler(context: ReconcilerContext): RolloutReconcilerLike {
  return new RolloutReconciler({
    rollouts: context.listers.rollouts,
    replicaSets: context.listers.replicaSets,
    pods: context.listers.pods,
    rolloutClient: context.clients.rollouts,
    replicaSetClient: context.clients.replicaSets,
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
    // no VirtualService/DestinationRule informers in the manager: the Istio router reads them with GETs
    trafficRouting: { virtualServices: context.clients.virtualServices, destinationRules: context.clients.destinationRules },
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
